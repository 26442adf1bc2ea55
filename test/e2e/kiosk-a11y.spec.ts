// Accessibility is tested, not assumed: axe (WCAG 2.1 AA) on every screen in all six languages, in normal and
// high-contrast mode, Arabic right to left; the way in done with the keyboard alone, focus always visible;
// each screen read aloud in its own language. Screenshots of every screen in both orientations.
import { expect, test, type Page } from '@playwright/test';
import { codiceFiscaleFor } from '../../server/src/testing/test-server.ts';
import {
  button,
  chooseLanguage,
  contrastToggle,
  kioskText,
  LANGUAGE_NAMES,
  LANGUAGES,
  tapKeys,
} from './support/citizen.ts';
import { recordSpeech } from './support/kiosk-speech.ts';
import { startKioskSystem, type KioskSystem } from './support/kiosk-system.ts';
import { expectAccessible, heading, keepScreen, LANDSCAPE, PORTRAIT } from './support/screens.ts';

const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';
let system: KioskSystem;

test.beforeAll(async () => {
  system = await startKioskSystem({ now: MONDAY_MORNING });
});
test.afterAll(() => system.stop());

/**
 * One screen, looked at every way: saved in portrait and landscape (and in Arabic with high contrast), then
 * axe in each language, each time also with high contrast on. `stay` keeps a screen that leaves by itself.
 */
async function everyWay(page: Page, n: number, name: string, stay?: () => Promise<void>): Promise<void> {
  const shot = `${String(n).padStart(2, '0')}-${name}`;
  await page.setViewportSize(LANDSCAPE);
  await keepScreen(page, `a11y-landscape-${shot}`);
  await page.setViewportSize(PORTRAIT);
  await keepScreen(page, `a11y-portrait-${shot}`);
  const italian = (await heading(page).first().textContent())!.trim();
  for (const language of LANGUAGES) {
    await stay?.();
    await chooseLanguage(page, language);
    expect(await page.evaluate(() => document.documentElement.dir)).toBe(language === 'ar' ? 'rtl' : 'ltr');
    if (language !== 'it') await expect(heading(page).first()).not.toHaveText(italian);
    await expectAccessible(page, `${name} (${language})`);
    const contrast = contrastToggle(page);
    await expect(contrast).toHaveAccessibleName(new RegExp(kioskText(language, 'Contrasto')));
    await contrast.click();
    await expect(contrast).toHaveAttribute('aria-pressed', 'true');
    if (language === 'ar') await keepScreen(page, `a11y-portrait-${shot}-ar-contrast`);
    await expectAccessible(page, `${name} (${language}, high contrast)`, { enhancedContrast: true });
    await contrast.click();
    await expect(contrast).toHaveAttribute('aria-pressed', 'false');
  }
  await chooseLanguage(page, 'it');
}

async function open(page: Page): Promise<void> {
  await page.setViewportSize(PORTRAIT);
  await page.clock.install({ time: new Date(MONDAY_MORNING) });
  await page.goto(system.url);
  await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');
}

async function typeCodiceFiscale(page: Page, codiceFiscale: string): Promise<void> {
  await button(page, 'Scrivi il codice fiscale').click();
  await tapKeys(page, codiceFiscale);
  await page.getByRole('button', { name: 'Continua', exact: true }).click();
  await expect(heading(page)).toHaveText('Di cosa hai bisogno?');
}

test('welcome, identify, services, ticket and end: axe in six languages, normal and high contrast', async ({
  page,
}) => {
  test.setTimeout(150_000);
  await open(page);
  await everyWay(page, 1, 'welcome');
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await expect(heading(page)).toHaveText('Come vuoi farti riconoscere?');
  await everyWay(page, 2, 'identify');
  await button(page, 'Scrivi il codice fiscale').click();
  await tapKeys(page, 'RSSMRA80');
  await everyWay(page, 3, 'identify-keypad');
  await tapKeys(page, 'A01H501U');
  await page.getByRole('button', { name: 'Continua', exact: true }).click();
  await expect(heading(page)).toHaveText('Di cosa hai bisogno?');
  await everyWay(page, 4, 'services');
  await button(page, 'Famiglia, figli e maternità').click();
  await everyWay(page, 5, 'topic');
  await button(page, 'Assegno unico per i figli').click();
  await expect(heading(page)).toHaveText('Scegli come vuoi parlare con noi');
  await everyWay(page, 6, 'channel');
  await button(page, 'Prendi il numero').click();
  await expect(heading(page)).toHaveText('Hai diritto alla precedenza?');
  await everyWay(page, 7, 'ticket-priority');
  // Born in 1980: "persona anziana" is not offered to this citizen.
  await page.getByRole('button', { name: 'Sì: persona con disabilità' }).click();
  await expect(heading(page)).toHaveText('Ecco il tuo numero');
  await everyWay(page, 8, 'ticket');
  await page.getByRole('button', { name: 'Ho finito' }).click();
  await expect(heading(page)).toHaveText('Grazie, a presto!');
  // The end screen goes back to the start by itself after 8 s unless touched: touch it while it is examined.
  await everyWay(page, 9, 'end', () => page.locator('kiosk-end-screen h1').click());
  await expect(heading(page)).toHaveText('Grazie, a presto!');
});

test('booking steps and confirmation: axe in six languages, normal and high contrast', async ({ page }) => {
  test.setTimeout(150_000);
  await open(page);
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await typeCodiceFiscale(page, codiceFiscaleFor(501));
  await button(page, 'Invalidità e disabilità').click();
  await button(page, 'Invalidità civile: la tua pratica').click();
  await button(page, 'Appuntamento al telefono').click();
  await expect(heading(page)).toHaveText('Scegli il giorno e l’ora');
  await expect(page.locator('kiosk-slot-picker')).toBeVisible();
  await everyWay(page, 10, 'booking-slot');
  await page.locator('kiosk-slot-picker .times button').first().click();
  await expect(heading(page)).toHaveText('Come ti chiami? Scrivi il nome');
  await tapKeys(page, 'ANNA');
  await everyWay(page, 11, 'booking-name');
  await page.getByRole('button', { name: 'Avanti', exact: true }).click();
  await tapKeys(page, 'NERI');
  await page.getByRole('button', { name: 'Avanti', exact: true }).click();
  await expect(heading(page)).toHaveText('A quale numero ti chiamiamo?');
  await tapKeys(page, '0425');
  await page.getByRole('button', { name: 'Avanti', exact: true }).click();
  // A landline for a callback: the kiosk explains what is wrong, in the field's own message.
  await expect(page.locator('kiosk-keypad-field #field')).toHaveAttribute('aria-invalid', 'true');
  await everyWay(page, 12, 'booking-phone-invalid');
  await page.getByRole('button', { name: 'Svuota' }).click();
  await tapKeys(page, '3401234567');
  await page.getByRole('button', { name: 'Avanti', exact: true }).click();
  await expect(heading(page)).toHaveText('Leggi come usiamo i tuoi dati');
  await everyWay(page, 13, 'booking-privacy');
  await page.getByRole('button', { name: 'Ho letto e accetto' }).click();
  await expect(heading(page)).toHaveText('Controlla e conferma');
  await everyWay(page, 14, 'booking-summary');
  await page.getByRole('button', { name: 'Conferma', exact: true }).click();
  await expect(heading(page)).toHaveText('Prenotazione confermata');
  await expect(page.getByText('Prendi la ricevuta stampata.')).toBeVisible();
  await everyWay(page, 15, 'booking-confirmation');
});

test('check-in, card PIN and a problem screen: axe in six languages, normal and high contrast', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await open(page);
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await page.getByRole('button', { name: 'Ho già una prenotazione' }).click();
  await expect(heading(page)).toHaveText('Scrivi il codice della prenotazione');
  await tapKeys(page, 'K7M2');
  await everyWay(page, 16, 'checkin');
  await page.getByRole('button', { name: 'Indietro' }).click();
  await expect(heading(page)).toHaveText('Come vuoi farti riconoscere?');

  await system.simulate('card', { action: 'insert', card: 'cie' });
  try {
    await expect(heading(page)).toHaveText('Accedi con la carta d’identità elettronica');
    await tapKeys(page, '1234');
    await everyWay(page, 17, 'pin');
    await page.getByRole('button', { name: 'Indietro', exact: true }).click();
    await expect(heading(page)).toHaveText('Scrivi il codice fiscale');
  } finally {
    await system.simulate('card', { action: 'remove' });
  }
  await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await system.simulate('card', { action: 'insert', card: 'wrong' });
  try {
    await expect(heading(page)).toHaveText('Questa tessera non va bene');
    await everyWay(page, 18, 'problem');
  } finally {
    await system.simulate('card', { action: 'remove' });
  }
});

test('in Arabic the screen runs right to left, the keypads keep QWERTY and 1 2 3 left to right', async ({
  page,
}) => {
  await open(page);
  await page.getByRole('button', { name: LANGUAGE_NAMES.ar, exact: true }).click();
  // The language's messages load first, then the page turns.
  await expect.poll(() => page.evaluate(() => document.documentElement.dir)).toBe('rtl');
  await page
    .getByRole('button', { name: kioskText('ar', 'Tocca per iniziare') })
    .first()
    .click();
  await button(page, kioskText('ar', 'Scrivi il codice fiscale')).click();
  const x = async (key: string) =>
    (await page.locator('kiosk-keypad').getByRole('button', { name: key, exact: true }).boundingBox())!.x;
  expect(await x('Q')).toBeLessThan(await x('W'));
  expect(await x('1')).toBeLessThan(await x('2'));
  // The heading still starts on the right, as Arabic reads.
  const title = (await heading(page).boundingBox())!;
  expect(title.x + title.width).toBeGreaterThan(PORTRAIT.width - 100);
});

test('keyboard only: welcome → identify → services with Tab and Enter, focus always visible', async ({
  page,
}) => {
  await open(page);
  /** Tabs until the focused element (through shadow roots) has this accessible text; checks it shows focus. */
  async function tabTo(name: RegExp): Promise<void> {
    for (let i = 0; i < 40; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        let element = document.activeElement;
        while (element?.shadowRoot?.activeElement) element = element.shadowRoot.activeElement;
        if (!element) return null;
        const style = getComputedStyle(element);
        return {
          text: (element.getAttribute('aria-label') ?? element.textContent ?? '').replace(/\s+/g, ' ').trim(),
          focusVisible: element.matches(':focus-visible'),
          outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
        };
      });
      expect(focused, 'focus is somewhere').not.toBeNull();
      expect(focused!.focusVisible && focused!.outline, `focus visible on «${focused!.text}»`).toBe(true);
      if (name.test(focused!.text)) return;
    }
    throw new Error(`never reached ${name} with Tab`);
  }

  await tabTo(/^Tocca per iniziare$/);
  await keepScreen(page, 'keyboard-portrait-01-welcome-focus');
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Come vuoi farti riconoscere?');
  await tabTo(/^3 Scrivi il codice fiscale/);
  await keepScreen(page, 'keyboard-portrait-02-identify-focus');
  await page.keyboard.press('Enter');
  // The focus moved into the field: a person types at a person's pace (a scanner would be much faster).
  await page.keyboard.type('RSSMRA80A01H501U', { delay: 60 });
  await expect(page.locator('#code')).toHaveValue('RSSMRA80A01H501U');
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Di cosa hai bisogno?');
  await tabTo(/^Pensione$/);
  await keepScreen(page, 'keyboard-portrait-03-services-focus');
  await page.keyboard.press('Enter');
  await expect(heading(page)).toHaveText('Pensione');
});

// What is heard is measured in kiosk-speech.spec.ts; here, what the screens ask the agent to say.
test('"Leggi" reads the screen aloud in the screen’s language', async ({ page }) => {
  const lines = recordSpeech(page);
  const spoken = () => lines;
  await open(page);
  const read = page.getByRole('button', { name: 'Leggi' });
  await read.click();
  await expect(read).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(spoken).toContainEqual({ text: 'Benvenuto allo sportello INPS', lang: 'it' });
  await expect.poll(spoken).toContainEqual({ text: 'Tocca per iniziare', lang: 'it' });

  await page.getByRole('button', { name: LANGUAGE_NAMES.uk, exact: true }).click();
  await expect(heading(page)).toHaveText(kioskText('uk', 'Benvenuto allo sportello INPS'));
  const readUk = page.getByRole('button', { name: kioskText('uk', 'Leggi') });
  await readUk.click();
  await expect(readUk).toHaveAttribute('aria-pressed', 'false');
  lines.length = 0;
  await readUk.click();
  await expect
    .poll(spoken)
    .toContainEqual({ text: kioskText('uk', 'Benvenuto allo sportello INPS'), lang: 'uk' });
  expect(spoken().every((u) => u.lang === 'uk')).toBe(true);

  // With reading on, the next screen reads itself too, in the same language.
  await page
    .getByRole('button', { name: kioskText('uk', 'Tocca per iniziare') })
    .first()
    .click();
  await expect(heading(page)).toHaveText(kioskText('uk', 'Come vuoi farti riconoscere?'));
  await expect
    .poll(spoken)
    .toContainEqual({ text: kioskText('uk', 'Come vuoi farti riconoscere?'), lang: 'uk' });
});
