// Runs the real espeak-ng (scripts/test-prerequisites.sh installs it) and measures the audio it gives;
// stand-in executables check what espeak-ng alone cannot show: the concurrency limit, shared runs, failures.
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { languages, type Language } from '@sportello/protocol';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEspeakSynthesizer, maxTextLength, parseWav, wavLevels } from '@sportello/speech';
import { pcmWav, sineSamples } from '@sportello/speech/testing';
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

describe('espeak-ng runs, seen through a stand-in', () => {
  let dir: string;
  let clip: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'sportello-speech-'));
    clip = path.join(dir, 'clip.wav');
    await writeFile(clip, pcmWav(sineSamples(0.3, 0.5)));
  });

  /** An executable that logs its start and end, reads its text, waits, then prints the clip. */
  async function standIn(name: string, body = `cat "${clip}"`): Promise<{ binary: string; log: string }> {
    const binary = path.join(dir, name);
    const log = path.join(dir, `${name}.log`);
    await writeFile(
      binary,
      `#!/bin/sh\necho start >> "${log}"\ncat > /dev/null\nsleep 0.2\necho end >> "${log}"\n${body}\n`,
    );
    await chmod(binary, 0o755);
    await writeFile(log, '');
    return { binary, log };
  }

  async function runsIn(log: string): Promise<{ runs: number; mostAtOnce: number }> {
    let running = 0;
    let mostAtOnce = 0;
    let runs = 0;
    for (const line of (await readFile(log, 'utf8')).split('\n')) {
      if (line === 'start') {
        runs++;
        mostAtOnce = Math.max(mostAtOnce, ++running);
      } else if (line === 'end') running--;
    }
    return { runs, mostAtOnce };
  }

  it('runs at most maxConcurrent at once', async () => {
    const { binary, log } = await standIn('limited');
    const speech = createEspeakSynthesizer({ binary, maxConcurrent: 2 });
    await Promise.all(['uno', 'due', 'tre', 'quattro', 'cinque'].map((t) => speech.synthesize(t, 'it')));
    expect(await runsIn(log)).toEqual({ runs: 5, mostAtOnce: 2 });
  });

  it('runs once for the same words asked at once and again', async () => {
    const { binary, log } = await standIn('shared');
    const speech = createEspeakSynthesizer({ binary });
    const together = await Promise.all([1, 2, 3].map(() => speech.synthesize('Numero P', 'it')));
    expect(together[1]).toBe(together[0]);
    expect(await speech.synthesize('Numero P', 'it')).toBe(together[0]);
    await speech.synthesize('Numero P', 'fr');
    expect((await runsIn(log)).runs).toBe(2);
  });

  it('fails with what espeak-ng said when it exits with an error, and tries again next time', async () => {
    const { binary, log } = await standIn('failing', 'echo "Error: voice broken" >&2\nexit 1');
    const speech = createEspeakSynthesizer({ binary });
    for (let i = 0; i < 2; i++) {
      await expect(speech.synthesize('Numero P', 'it')).rejects.toMatchObject({
        name: 'SpeechError',
        code: 'synthesis_failed',
        message: expect.stringContaining('voice broken'),
      });
    }
    expect((await runsIn(log)).runs).toBe(2);
  });

  it('fails when espeak-ng prints no WAV', async () => {
    const { binary } = await standIn('garbage', 'echo not a wav');
    await expect(createEspeakSynthesizer({ binary }).synthesize('Numero P', 'it')).rejects.toMatchObject({
      code: 'synthesis_failed',
    });
  });
});
