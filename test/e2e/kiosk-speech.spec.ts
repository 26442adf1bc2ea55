// Speech a citizen really hears (issue 15): Debian's Chromium has no voices, so the kiosk's "Leggi" is spoken by
// the station agent (espeak-ng) and played by the page. Through the real agent, the audio that reached the
// page's output is measured in each of the six languages, and a step inside the booking screen is read too.
// Screenshots for people to look at: /tmp/shots/speech-*.png.
import { expect, test, type Page } from '@playwright/test';
import config from '../../playwright.config.ts';
import { audioHeard, installAudioProbe, loudestBetween } from './support/audio-probe.ts';
import { chooseLanguage, kioskText, LANGUAGES } from './support/citizen.ts';
import { startKioskSystem, type KioskSystem } from './support/kiosk-system.ts';
import { pageNow, recordSpeech, speechHeardAfter, type SpokenLine } from './support/kiosk-speech.ts';
import { heading, PORTRAIT } from './support/screens.ts';

const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';

// The station's Chromium is started so (station-agent/deploy/kiosk-launch.sh).
const launch = config.use?.launchOptions ?? {};
test.use({
  launchOptions: { ...launch, args: [...(launch.args ?? []), '--autoplay-policy=no-user-gesture-required'] },
});

let system: KioskSystem;
test.beforeAll(async () => {
  system = await startKioskSystem({ now: MONDAY_MORNING });
});
test.afterAll(() => system.stop());

async function open(page: Page): Promise<SpokenLine[]> {
  await page.setViewportSize(PORTRAIT);
  await installAudioProbe(page);
  const spoken = recordSpeech(page);
  await page.goto(system.url);
  await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');
  return spoken;
}

test('"Leggi" is heard in each of the six languages, spoken by the agent in that language', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const spoken = await open(page);
  for (const language of LANGUAGES) {
    await chooseLanguage(page, language);
    const read = page.getByRole('button', { name: kioskText(language, 'Leggi') });
    await expect(read).toHaveAttribute('aria-pressed', 'false');
    const since = await pageNow(page);
    await read.click();
    await expect(read).toHaveAttribute('aria-pressed', 'true');
    await expect
      .poll(() => spoken)
      .toContainEqual({ text: kioskText(language, 'Benvenuto allo sportello INPS'), lang: language });
    const clip = await speechHeardAfter(page, since);
    test.info().annotations.push({
      type: `speech ${language}`,
      description: `clip ${clip.duration!.toFixed(2)} s, RMS ${clip.rms!.toFixed(3)}, at the output ${clip.heard.toFixed(3)}`,
    });
    if (language === 'ar') await page.screenshot({ path: '/tmp/shots/speech-ar-reading.png' });
    // Off again, so that the next language is read because "Leggi" was pressed, not because it changed.
    await read.click();
    await expect(read).toHaveAttribute('aria-pressed', 'false');
  }
  // Each language was asked for in its own voice, and only those.
  expect(new Set(spoken.map((s) => s.lang))).toEqual(new Set(LANGUAGES));
});

test('with reading on, a step inside a screen is read: a topic’s services, then the booking’s next step', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const spoken = await open(page);
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await system.simulate('card', { action: 'insert', card: 'cns' });
  await expect(heading(page)).toHaveText('Di cosa hai bisogno?');
  await page.getByRole('button', { name: 'Leggi' }).click();
  await expect.poll(() => spoken).toContainEqual({ text: 'Di cosa hai bisogno?', lang: 'it' });

  // The topic's list of services replaces the topics inside the same screen (its name was a line of the
  // topics' reading: the words only this step has tell that the step was read).
  await page.getByRole('button', { name: /Disoccupazione e NASpI/ }).click();
  await expect(heading(page)).toHaveText('Disoccupazione e NASpI');
  await expect.poll(() => spoken).toContainEqual({ text: 'Scegli quello che ti serve.', lang: 'it' });

  await page.getByRole('button', { name: /NASpI: consulenza sulla tua domanda/ }).click();
  await page.getByRole('button', { name: /Appuntamento in sede/ }).click();
  await expect(heading(page)).toHaveText('Scegli il giorno e l’ora');
  await expect.poll(() => spoken).toContainEqual({ text: 'Scegli il giorno e l’ora', lang: 'it' });

  // A time chosen: the booking screen goes on to its next step, and that step is heard.
  const asked = spoken.length;
  const since = await pageNow(page);
  await page.locator('kiosk-slot-picker .first button').first().click();
  await expect(heading(page)).toHaveText('Il tuo numero di cellulare');
  await expect
    .poll(() => spoken.slice(asked))
    .toContainEqual({ text: 'Il tuo numero di cellulare', lang: 'it' });
  await speechHeardAfter(page, since);
  await page.screenshot({ path: '/tmp/shots/speech-booking-step.png' });
  await system.simulate('card', { action: 'remove' });
});

test('a tap stops the reading at once: nothing more reaches the output', async ({ page }) => {
  const spoken = await open(page);
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await system.simulate('card', { action: 'insert', card: 'cns' });
  await expect(heading(page)).toHaveText('Di cosa hai bisogno?');
  // The topics' list is long: a heading, a lead and every topic, many seconds of speech.
  const since = await pageNow(page);
  await page.getByRole('button', { name: 'Leggi' }).click();
  await speechHeardAfter(page, since);
  await heading(page).click();
  const tapped = await pageNow(page);
  const asked = spoken.length;
  // Long enough for the next lines to have been asked and heard, had the reading gone on.
  await page.waitForTimeout(2_500);
  const levels = (await audioHeard(page)).levels;
  expect(loudestBetween(levels, tapped + 300, Infinity), 'level at the output after the tap').toBe(0);
  expect(spoken.length, 'lines asked after the tap').toBeLessThanOrEqual(asked + 1);
  await system.simulate('card', { action: 'remove' });
});

test('when neither the agent nor the browser can speak, «Leggi» is not offered', async ({ page }) => {
  await page.route('**/agent/speech', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json', body: '{"available":false}' }),
  );
  await open(page);
  await expect(page.getByRole('button', { name: 'Testo grande' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Leggi' })).toHaveCount(0);
});

test('when the agent cannot speak, the browser’s own voices are asked instead', async ({ page }) => {
  await page.addInitScript(() => {
    const spoken: { text: string; lang: string }[] = [];
    (window as unknown as { __spoken: typeof spoken }).__spoken = spoken;
    speechSynthesis.speak = (utterance) => void spoken.push({ text: utterance.text, lang: utterance.lang });
    // A browser with a voice of its own (Debian's Chromium has none); not Italian, so that the kiosk does not hand
    // this stand-in to an utterance, which takes only the browser's own voice objects.
    const voice = { lang: 'en-GB', name: 'English', default: true, localService: true, voiceURI: 'en' };
    speechSynthesis.getVoices = () => [voice as SpeechSynthesisVoice];
  });
  await page.route('**/agent/speech', (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'speech_unavailable', message: 'espeak-ng cannot be run' } }),
    }),
  );
  await open(page);
  await page.getByRole('button', { name: 'Leggi' }).click();
  const browserSaid = () =>
    page.evaluate(() => (window as unknown as { __spoken: { text: string; lang: string }[] }).__spoken);
  await expect.poll(browserSaid).toContainEqual({ text: 'Benvenuto allo sportello INPS', lang: 'it' });
});
