// espeak-ng runs seen through stand-in executables: what the real engine alone cannot show (the concurrency
// limit, shared runs, failures, the length limit). The real engine's audio is measured where it is used:
// the server's board calls and the agent's kiosk speech.
import { chmod, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createEspeakSynthesizer, maxTextLength } from './espeak-synthesizer.ts';
import { pcmWav, sineSamples } from './testing/pcm-wav.ts';

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

  it('refuses a text over the limit, the default one or the one given', async () => {
    const { binary, log } = await standIn('limits');
    await expect(
      createEspeakSynthesizer({ binary }).synthesize('a'.repeat(maxTextLength + 1), 'it'),
    ).rejects.toMatchObject({ code: 'bad_text', message: `text longer than ${maxTextLength} characters` });
    const longer = createEspeakSynthesizer({ binary, maxTextLength: 1000 });
    await longer.synthesize('a'.repeat(maxTextLength + 1), 'it');
    await expect(longer.synthesize('a'.repeat(1001), 'it')).rejects.toMatchObject({ code: 'bad_text' });
    expect((await runsIn(log)).runs).toBe(1);
  });
});
