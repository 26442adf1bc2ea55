// What the kiosk reads aloud: every line it asks its agent to speak (POST /agent/speech), and the clips of
// speech that reached the page's output, measured by the audio probe.
import { expect, type Page } from '@playwright/test';
import { audioHeard, loudestBetween, type PlayedSound } from './audio-probe.ts';

export interface SpokenLine {
  text: string;
  lang: string;
}

/** Louder than this is sound, not silence (RMS, full scale 1; espeak-ng's speech measures 0.05–0.2). */
export const AUDIBLE = 0.01;

/** Every line the page asks the agent to speak from now on, in order; the array fills as the page asks. */
export function recordSpeech(page: Page): SpokenLine[] {
  const lines: SpokenLine[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && new URL(request.url()).pathname === '/agent/speech')
      lines.push(request.postDataJSON() as SpokenLine);
  });
  return lines;
}

/** The page's clock now, to tell the clips played after it. */
export const pageNow = (page: Page): Promise<number> => page.evaluate(() => performance.now());

/**
 * The first clip of the agent's speech started after `since`, once it has been heard at the output: the
 * clip's own samples and the level at the speakers while it played are both above silence.
 */
export async function speechHeardAfter(page: Page, since: number): Promise<PlayedSound & { heard: number }> {
  const clipAfter = async () =>
    (await audioHeard(page)).played.find(
      (p) => p.kind === 'clip' && p.at > since && p.source === '/agent/speech',
    );
  await expect.poll(clipAfter, { timeout: 20_000 }).toBeDefined();
  const clip = (await clipAfter())!;
  expect(clip.rms!, 'RMS of the clip’s samples').toBeGreaterThan(AUDIBLE);
  const heard = async () =>
    loudestBetween((await audioHeard(page)).levels, clip.at, clip.at + clip.duration! * 1000);
  await expect.poll(heard, { timeout: 20_000 }).toBeGreaterThan(AUDIBLE);
  return { ...clip, heard: await heard() };
}
