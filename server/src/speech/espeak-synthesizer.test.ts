// Runs the real espeak-ng (scripts/test-prerequisites.sh installs it) and measures the audio of the board's
// calls; the engine's own runs (concurrency, shared runs, failures) are tested in speech/.
import { languages, type Language } from '@sportello/protocol';
import { describe, expect, it } from 'vitest';
import { createEspeakSynthesizer, maxTextLength, parseWav, wavLevels } from '@sportello/speech';
import { speakCall, speechAvailable } from './speak-call.ts';

const call = { number: 'P012', counterName: 'Sportello 3' };

describe('spoken calls with espeak-ng', () => {
  it('is available on this machine', async () => {
    expect(await speechAvailable()).toBe(true);
  });

  it.each(languages)('speaks a call in %s: real, non-silent audio of a call’s length', async (language) => {
    const wav = await speakCall({ ...call, language });
    const format = parseWav(wav);
    expect(format).toMatchObject({ audioFormat: 1, channels: 1, bitsPerSample: 16, sampleRate: 22050 });
    // The placeholder sizes of a streamed WAV are gone: a player gets the true duration.
    expect(format.declaredDataLength).toBe(format.dataLength);
    expect(wav.readUInt32LE(4)).toBe(wav.length - 8);
    const levels = wavLevels(wav);
    expect(levels.durationSeconds).toBeGreaterThan(2);
    expect(levels.durationSeconds).toBeLessThan(8);
    expect(levels.rms).toBeGreaterThan(0.03);
    expect(levels.peak).toBeGreaterThan(0.3);
    expect(levels.activeShare).toBeGreaterThan(0.5);
  });

  it('speaks each language with its own voice', async () => {
    const speech = createEspeakSynthesizer();
    const text = 'Sportello 3';
    const clips = await Promise.all(languages.map((l) => speech.synthesize(text, l)));
    expect(new Set(clips.map((wav) => wav.toString('base64'))).size).toBe(languages.length);
  });

  it('gives the same buffer for the same call again', async () => {
    const speech = createEspeakSynthesizer();
    const first = await speakCall({ ...call, language: 'it' }, speech);
    expect(await speakCall({ ...call, language: 'it' }, speech)).toBe(first);
    expect(await speakCall({ ...call, language: 'en' }, speech)).not.toBe(first);
  });

  it('refuses a language without a voice, empty text and text too long', async () => {
    const speech = createEspeakSynthesizer();
    await expect(speech.synthesize('Hallo', 'de' as Language)).rejects.toMatchObject({
      name: 'SpeechError',
      code: 'unsupported_language',
    });
    await expect(speakCall({ ...call, language: 'de' as Language }, speech)).rejects.toMatchObject({
      code: 'unsupported_language',
    });
    await expect(speech.synthesize('  ', 'it')).rejects.toMatchObject({ code: 'bad_text' });
    await expect(speech.synthesize('a'.repeat(maxTextLength + 1), 'it')).rejects.toMatchObject({
      code: 'bad_text',
    });
  });

  it('says plainly that espeak-ng is missing, and that speech is not available', async () => {
    const speech = createEspeakSynthesizer({ binary: '/nonexistent/espeak-ng' });
    expect(await speechAvailable(speech)).toBe(false);
    await expect(speakCall({ ...call, language: 'it' }, speech)).rejects.toMatchObject({
      name: 'SpeechError',
      code: 'unavailable',
      message: expect.stringContaining('/nonexistent/espeak-ng'),
    });
  });
});
