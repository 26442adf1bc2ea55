// Failure is a screen, never a dead end: the printer out of paper, a card the reader cannot use, the server
// gone. Each says in plain words what happened and offers a way on.
import { expect, test } from '@playwright/test';
import { startKioskSystem, type KioskSystem } from './support/kiosk-system.ts';
import { expectAccessible, heading, LANDSCAPE, PORTRAIT, screenSeries } from './support/screens.ts';

const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';
let system: KioskSystem;
let serverStopped = false;

test.beforeAll(async () => {
  system = await startKioskSystem({ now: MONDAY_MORNING });
});
test.afterAll(async () => {
  if (serverStopped) await system.agent.stop();
  else await system.stop();
});

test('printer out of paper: the ticket number is shown large, with a plain message, and nothing is printed', async ({
  page,
}) => {
  const shot = screenSeries(page, 'printer-out', 'portrait');
  await system.simulate('printer', { paper: 'out' });
  try {
    await page.setViewportSize(PORTRAIT);
    await page.clock.install({ time: new Date(MONDAY_MORNING) });
    await page.goto(system.url);
    await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
    await system.simulate('card', { action: 'insert', card: 'cns' });
    await expect(heading(page)).toHaveText('Di cosa hai bisogno?');
    await page.getByRole('button', { name: /Disoccupazione e NASpI/ }).click();
    await page.getByRole('button', { name: /NASpI e disoccupazione: informazioni/ }).click();

    // Told before choosing, not after.
    await expect(page.getByText('La stampante non funziona: vedrai il numero sullo schermo.')).toBeVisible();
    await shot('channel');
    await page.getByRole('button', { name: /Prendi il numero/ }).click();
    await page.getByRole('button', { name: 'No, non ho diritto alla precedenza' }).click();

    await expect(heading(page)).toHaveText('Ecco il tuo numero');
    const number = page.locator('kiosk-ticket .number');
    await expect(number).toHaveText('N001');
    const fontSize = await number.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(120);
    await expect(
      page.getByText(
        'La stampante non funziona in questo momento: il biglietto non esce. Ricorda il tuo numero.',
      ),
    ).toBeVisible();
    await expect(page.getByText('Puoi anche fotografare questo schermo con il telefono.')).toBeVisible();
    await shot('ticket-on-screen');
    await expectAccessible(page, 'ticket without paper');
    expect(system.printed()).toEqual([]);
  } finally {
    await system.simulate('card', { action: 'remove' });
    await system.simulate('printer', { paper: 'ok' });
  }
});

test('a card the reader cannot use: a problem screen with a way on, back to identify or to the start', async ({
  page,
}) => {
  const shot = screenSeries(page, 'card-problem', 'landscape');
  await page.setViewportSize(LANDSCAPE);
  await page.goto(system.url);
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await expect(heading(page)).toHaveText('Come vuoi farti riconoscere?');

  // A bank card: not one the kiosk can read.
  await system.simulate('card', { action: 'insert', card: 'wrong' });
  await expect(heading(page)).toHaveText('Questa tessera non va bene');
  await expect(page.getByText('Cosa puoi fare adesso')).toBeVisible();
  await expect(page.getByText('Togli la tessera.')).toBeVisible();
  await shot('wrong-card');
  await expectAccessible(page, 'wrong card');
  await page.getByRole('button', { name: 'Riprova' }).click();
  await expect(heading(page)).toHaveText('Come vuoi farti riconoscere?');
  await system.simulate('card', { action: 'remove' });

  // A card that stops answering (dirty chip, inserted upside down).
  await system.simulate('card', { action: 'insert', card: 'mute' });
  await expect(heading(page)).toHaveText('Non riusciamo a leggere la tessera', { timeout: 10_000 });
  await expect(
    page.getByText('Oppure scrivi il tuo codice fiscale sulla tastiera dello schermo.'),
  ).toBeVisible();
  await shot('card-unreadable');
  await expectAccessible(page, 'card unreadable');
  await system.simulate('card', { action: 'remove' });
  await page.getByRole('button', { name: 'Torna all’inizio' }).click();
  await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');
});

// Last in this file: the server does not come back.
test('the server unreachable: the kiosk says so plainly, mid-session and when it starts', async ({
  page,
}) => {
  const shot = screenSeries(page, 'server-down', 'portrait');
  await page.setViewportSize(PORTRAIT);
  await page.clock.install({ time: new Date(MONDAY_MORNING) });
  await page.goto(system.url);
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await system.simulate('scan', { text: 'RSSMRA80A01H501U' });
  await expect(heading(page)).toHaveText('Di cosa hai bisogno?');
  await page.getByRole('button', { name: /Pensione/ }).click();
  await page.getByRole('button', { name: /Pensione: informazioni/ }).click();
  await page.getByRole('button', { name: /Prendi il numero/ }).click();

  await system.server.stop();
  serverStopped = true;
  await page.getByRole('button', { name: 'No, non ho diritto alla precedenza' }).click();
  await expect(heading(page)).toHaveText('Non riusciamo a collegarci con l’INPS');
  await expect(page.getByText('Il collegamento con l’INPS si è interrotto. Non è colpa tua.')).toBeVisible();
  await shot('mid-session');
  await expectAccessible(page, 'server unreachable');
  await page.getByRole('button', { name: 'Torna all’inizio' }).click();
  await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');

  await page.reload();
  await expect(heading(page)).toHaveText('Non riusciamo a collegarci con l’INPS');
  await expect(page.getByRole('button', { name: 'Riprova' })).toBeVisible();
  await shot('at-start');
});
