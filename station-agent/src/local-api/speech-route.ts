// POST /agent/speech: the kiosk's "Leggi" made audible. Debian's Chromium has no speech voices, so the agent
// speaks each line with espeak-ng (offline, one voice per language) and the page plays the WAV it gets.
import express, { type Router } from 'express';
import { fieldProblems, sendValidationFailed } from './validation-failed.ts';
import type { Logger } from 'pino';
import { maxSpokenLine, SpeakBody } from '@sportello/protocol';
import { createEspeakSynthesizer, SpeechError, type SpeechSynthesizer } from '@sportello/speech';

/** The station's engine: a few screens' worth of lines kept, as citizens go through the same screens. */
export function stationSynthesizer(options: { binary?: string } = {}): SpeechSynthesizer {
  return createEspeakSynthesizer({
    ...options,
    maxTextLength: maxSpokenLine,
    cacheBytes: 8 * 1024 * 1024,
    maxConcurrent: 1,
  });
}

export function speechRoute(speech: SpeechSynthesizer, log: Logger): Router {
  const router = express.Router();
  // Whether «Leggi» can be offered: the kiosk asks once at start, so it never shows a button that stays silent.
  router.get('/agent/speech', async (_req, res) => {
    res.setHeader('cache-control', 'no-store');
    res.json({ available: await speech.available() });
  });
  router.post('/agent/speech', express.json({ limit: '16kb' }), async (req, res) => {
    const parsed = SpeakBody.safeParse(req.body);
    if (!parsed.success) {
      return sendValidationFailed(res, fieldProblems(parsed.error));
    }
    const { text, lang } = parsed.data;
    try {
      const wav = await speech.synthesize(text, lang);
      res.type('audio/wav').setHeader('cache-control', 'no-store');
      res.send(wav);
    } catch (error) {
      if (!(error instanceof SpeechError)) throw error;
      if (error.code === 'bad_text') {
        return sendValidationFailed(res, [{ path: 'text', message: error.message }]);
      }
      // The kiosk then falls back to the browser's own voices, if it has any.
      log.warn({ err: error }, 'speech could not be synthesised');
      const status = error.code === 'unavailable' ? 503 : 502;
      res.status(status).json({ error: { code: `speech_${error.code}`, message: error.message } });
    }
  });
  return router;
}
