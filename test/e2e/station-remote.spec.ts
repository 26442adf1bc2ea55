// A technician at the console and a running kiosk with its real agent: the remote self-test waits for the
// citizen at the kiosk to finish, then runs and its result shows; pushed settings change the running kiosk
// (languages, a sooner idle countdown, then the out-of-service screen once the citizen is done).
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startKioskSystem, type KioskSystem } from './support/kiosk-system.ts';
import { expectAccessible, heading, PORTRAIT } from './support/screens.ts';

const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';
const STATION = 'rovigo-accoglienza';
let system: KioskSystem;

test.beforeAll(async () => {
  system = await startKioskSystem({ now: MONDAY_MORNING, station: STATION });
});
test.afterAll(() => system.stop());

/** The technician on the station's page, in a browser context of their own. */
async function technicianPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${system.server.url}/console/`);
  await page.getByLabel('Nome utente').fill('tecnico');
  await page.getByLabel('Password').fill('demo-tecnico');
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.goto(`${system.server.url}/console/#stations/${STATION}`);
  await expect(page.getByRole('heading', { name: 'Prova dei dispositivi' })).toBeVisible();
  return page;
}

/** The citizen touches "Fine", then "Ho finito": the session ends and the kiosk is free. */
async function citizenFinishes(kiosk: Page): Promise<void> {
  await kiosk.getByRole('button', { name: 'Fine' }).click();
  await kiosk.getByRole('button', { name: 'Ho finito' }).click();
}

test('a self-test asked while a citizen uses the kiosk waits, then runs when the session ends', async ({
  browser,
  page: kiosk,
}) => {
  await kiosk.setViewportSize(PORTRAIT);
  await kiosk.goto(system.url);
  await kiosk.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await expect(heading(kiosk)).toHaveText('Come vuoi farti riconoscere?');

  const console = await technicianPage(browser);
  // The page around the component hears when the run ends (the station page refreshes its «Ultima prova»).
  const ended = console.evaluate(
    () =>
      new Promise<string>((resolve) =>
        document.addEventListener('console-self-test-done', (e) =>
          resolve((e as CustomEvent<{ status: string }>).detail.status),
        ),
      ),
  );
  await console.getByLabel('Stampa una pagina di prova').check();
  await console.getByRole('button', { name: 'Prova i dispositivi' }).click();
  await expect(console.getByText('In attesa che il chiosco sia libero')).toBeVisible();
  await console.screenshot({ path: '/tmp/shots/channel-self-test-waiting.png', fullPage: true });
  // Nothing runs while the citizen is there: not even the test print.
  await console.waitForTimeout(1000);
  expect(system.printed().some((t) => t.lines.some((l) => l.includes('prova stampante')))).toBe(false);
  await expect(heading(kiosk)).toHaveText('Come vuoi farti riconoscere?');

  const left = Date.now();
  await citizenFinishes(kiosk);
  const results = console.getByRole('table', { name: 'Risultato per dispositivo' });
  await expect(results).toBeVisible({ timeout: 5000 });
  const seconds = (Date.now() - left) / 1000;
  test.info().annotations.push({ type: 'result shown after the session ended', description: `${seconds} s` });
  await expect(console.getByText('Prova completata.')).toBeVisible();
  expect(await ended).toBe('done');
  for (const device of [
    'Lettore di carte',
    'Stampante',
    'Pagina di prova',
    'Lettore di codici a barre',
    'Telecamera',
  ])
    await expect(results.getByRole('row', { name: new RegExp(`^${device}`) })).toContainText('OK');
  expect(system.printed().some((t) => t.lines.some((l) => l.includes('prova stampante')))).toBe(true);
  await console.screenshot({ path: '/tmp/shots/channel-self-test-result.png', fullPage: true });
  await expectAccessible(console, 'station page with the self-test result');
  await console.context().close();
});

test('pushed settings change the running kiosk: languages, a sooner countdown, then out of service', async ({
  browser,
  page: kiosk,
}) => {
  await kiosk.setViewportSize(PORTRAIT);
  await kiosk.clock.install({ time: new Date(MONDAY_MORNING) });
  await kiosk.goto(system.url);
  const languages = kiosk.getByRole('region', { name: 'Scegli la lingua' }).getByRole('button');
  await expect(languages).toHaveCount(6);

  const console = await technicianPage(browser);
  const form = console.getByRole('form', { name: 'Impostazioni del chiosco' });
  const idleTime = form.getByLabel('Secondi senza tocchi prima di chiedere «Sei ancora qui?»');
  await idleTime.fill('5');
  await form.getByRole('button', { name: 'Salva e invia al chiosco' }).click();
  await expect(form.getByText('Scrivi un numero intero di secondi tra 20 e 600.')).toBeVisible();
  await expect(idleTime).toHaveAttribute('aria-invalid', 'true');
  await expect(idleTime).toBeFocused();
  await idleTime.fill('20');
  for (const language of ['Français', 'العربية', 'Română', 'Українська'])
    await form.getByLabel(language).uncheck();
  await form.getByRole('button', { name: 'Salva e invia al chiosco' }).click();
  await expect(form.getByText(/Impostazioni salvate alle/)).toBeVisible();

  // The running kiosk: Italian and English only, and the countdown after 20 s instead of its own 60 s.
  await expect(languages).toHaveCount(2);
  await kiosk.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  const stillThere = kiosk.getByRole('alertdialog', { name: 'Sei ancora qui?' });
  await kiosk.clock.runFor(15_000);
  await expect(stillThere).toBeHidden();
  await kiosk.clock.runFor(6_000);
  await expect(stillThere).toBeVisible();

  // Out of service while the citizen is still there: they finish first.
  await form.getByLabel('Metti il chiosco fuori servizio').check();
  await form.getByLabel('Messaggio per i cittadini').fill('Chiuso per manutenzione fino alle 12.');
  await form.getByRole('button', { name: 'Salva e invia al chiosco' }).click();
  await expect(form.getByText(/Impostazioni salvate alle/)).toBeVisible();
  await console.screenshot({ path: '/tmp/shots/channel-settings-form.png', fullPage: true });
  await expectAccessible(console, 'station settings form');
  await expect(stillThere).toBeVisible();

  await stillThere.getByRole('button', { name: 'Chiudi ora' }).click();
  await expect(heading(kiosk)).toHaveText('Questo sportello è fuori servizio');
  await expect(kiosk.getByText('Chiuso per manutenzione fino alle 12.')).toBeVisible();
  await expect(kiosk.getByText(/803.164/)).toBeVisible();
  await kiosk.screenshot({ path: '/tmp/shots/channel-kiosk-out-of-service.png' });
  await expectAccessible(kiosk, 'out of service');
  // In the other language offered (and only those two in the header's choice too).
  await kiosk.getByRole('button', { name: 'Italiano' }).click();
  const choice = kiosk.getByRole('group', { name: 'Scegli la lingua' }).getByRole('button');
  await expect(choice).toHaveCount(2);
  await choice.filter({ hasText: 'English' }).click();
  await expect(heading(kiosk)).toHaveText('This kiosk is out of service');
  await expectAccessible(kiosk, 'out of service, in English');

  // Back in service: the welcome screen returns at once.
  await form.getByLabel('Metti il chiosco fuori servizio').uncheck();
  await form.getByRole('button', { name: 'Salva e invia al chiosco' }).click();
  await expect(kiosk.getByRole('button', { name: 'Touch to start' }).first()).toBeVisible();
  await console.context().close();
});
