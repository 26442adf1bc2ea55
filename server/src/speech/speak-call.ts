// What the board's speech route calls: a call's words in one language, as a WAV, from one engine per process.
import type { Language } from '@sportello/protocol';
import { announcementText, type CalledTicket } from './call-announcement.ts';
import { createEspeakSynthesizer, type SpeechSynthesizer } from '@sportello/speech';

export interface SpokenCall extends CalledTicket {
  language: Language;
}

let shared: SpeechSynthesizer | undefined;

// Made on first use, so a server without espeak-ng starts all the same.
function sharedSynthesizer(): SpeechSynthesizer {
  shared ??= createEspeakSynthesizer();
  return shared;
}

/** The call spoken in its language (WAV). Rejects with a SpeechError; `unavailable` means show text only. */
export async function speakCall(
  call: SpokenCall,
  speech: SpeechSynthesizer = sharedSynthesizer(),
): Promise<Buffer> {
  return speech.synthesize(announcementText(call.language, call), call.language);
}

/** Whether calls can be spoken on this server (espeak-ng installed and running). Never rejects. */
export function speechAvailable(speech: SpeechSynthesizer = sharedSynthesizer()): Promise<boolean> {
  return speech.available();
}
