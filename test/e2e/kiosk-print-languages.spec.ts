// An Arabic and a Ukrainian citizen take a ticket at the kiosk and can read it: the paper the simulated
// printer received is read back by OCR (tesseract with its Arabic and Ukrainian data), and the service,
// "your number" and the counter instruction are there in their own script.
import { writeFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { readPaper } from '../../station-agent/src/devices/printer/paper-ocr.ts';
import { button, kioskText, LANGUAGE_NAMES } from './support/citizen.ts';
import { startKioskSystem, type KioskSystem } from './support/kiosk-system.ts';
import { heading, PORTRAIT } from './support/screens.ts';

const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';
let system: KioskSystem;

test.beforeAll(async () => {
  system = await startKioskSystem({ now: MONDAY_MORNING });
});
test.afterAll(() => system.stop());

const cases = [
  {
    language: 'ar',
    ocr: 'ara',
    service: 'NASpI والبطالة: معلومات',
    // "unemployment", "your number", "the screen", "the counter".
    words: ['والبطالة', 'رقمك', 'الشاشة', 'الشباك'],
  },
  {
    language: 'uk',
    ocr: 'ukr',
    service: 'NASpI і безробіття: інформація',
    words: ['безробіття', 'ваш номер', 'вказаного віконця'],
  },
] as const;

for (const { language, ocr, service, words } of cases) {
  test(`a ticket taken in ${LANGUAGE_NAMES[language]} is printed readable in its own script`, async ({
    page,
  }) => {
    const t = (italian: string) => kioskText(language, italian);
    await page.setViewportSize(PORTRAIT);
    await page.clock.install({ time: new Date(MONDAY_MORNING) });
    await page.goto(system.url);
    await page.getByRole('button', { name: LANGUAGE_NAMES[language], exact: true }).click();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(language);
    await page
      .getByRole('button', { name: t('Tocca per iniziare') })
      .first()
      .click();
    await expect(heading(page)).toHaveText(t('Come vuoi farti riconoscere?'));
    await system.simulate('card', { action: 'insert', card: 'cns' });
    try {
      await expect(heading(page)).toHaveText(t('Di cosa hai bisogno?'));
      await button(page, t('Disoccupazione e NASpI')).click();
      await button(page, service).click();
      await expect(heading(page)).toHaveText(t('Scegli come vuoi parlare con noi'));
      const before = system.printed().length;
      await button(page, t('Prendi il numero')).click();
      await button(page, t('No, non ho diritto alla precedenza')).click();
      await expect(heading(page)).toHaveText(t('Ecco il tuo numero'));
      await expect.poll(() => system.printed().length).toBe(before + 1);

      const printed = system.printed().at(-1)!;
      expect(printed.images).toBeGreaterThan(0);
      expect(printed.lines.join('\n')).not.toContain('?');
      const png = (await system.agent.simulators.printer!.paper(-1))!;
      await writeFile(`test-results/screens/printed-ticket-${language}.png`, png).catch(() => undefined);
      const text = await readPaper(png, ocr);
      for (const word of words) expect(text).toContain(word);

      await page.getByRole('button', { name: t('Ho finito') }).click();
    } finally {
      await system.simulate('card', { action: 'remove' });
    }
  });
}
