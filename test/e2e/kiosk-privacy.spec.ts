// Private by design: however a session ends — "Fine", the card taken out, or nobody touching the screen —
// nothing of the citizen remains in the page: not on screen nor in any shadow root, not in the address or
// history, not in any storage, no camera or microphone left on; and the codice fiscale and phone number
// never travel in a URL nor reach the console.
import { expect, test, type Page } from '@playwright/test';
import { codiceFiscaleFor } from '../../server/src/testing/test-server.ts';
import { bookAppointment, type Appointment } from './support/booking-flow.ts';
import { button, tapKeys } from './support/citizen.ts';
import { startKioskSystem, type KioskSystem } from './support/kiosk-system.ts';
import { leftovers, mediaTracks, recordMediaStreams } from './support/privacy-probe.ts';
import { heading, keepScreen, PORTRAIT } from './support/screens.ts';

const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';
let system: KioskSystem;

test.beforeAll(async () => {
  // Short privacy timers, so the inactivity ending can be watched; the page's clock is driven by the tests.
  system = await startKioskSystem({ now: MONDAY_MORNING, idle: { idleWarnSeconds: 2, idleEndSeconds: 2 } });
});
test.afterAll(() => system.stop());

interface Watched {
  urls: string[];
  console: string[];
  historyLength: number;
}

/**
 * Opens the kiosk with every URL and console line recorded, and its clock stopped: the inactivity timer
 * moves only when a test moves it, so taps are never raced by the short timers.
 */
async function openKiosk(page: Page): Promise<Watched> {
  const watched: Watched = { urls: [], console: [], historyLength: 0 };
  page.on('request', (request) => watched.urls.push(request.url()));
  page.on('websocket', (socket) => watched.urls.push(socket.url()));
  page.on('console', (message) => watched.console.push(message.text()));
  await recordMediaStreams(page);
  await page.setViewportSize(PORTRAIT);
  await page.clock.install({ time: new Date(MONDAY_MORNING) });
  await page.goto(system.url);
  await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');
  await page.clock.pauseAt(new Date(Date.parse(MONDAY_MORNING) + 60_000));
  watched.historyLength = await page.evaluate(() => history.length);
  return watched;
}

async function typeCodiceFiscale(page: Page, codiceFiscale: string): Promise<void> {
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await button(page, 'Scrivi il codice fiscale').click();
  await tapKeys(page, codiceFiscale);
  await page.getByRole('button', { name: 'Continua', exact: true }).click();
}

/** Whatever the citizen gave or was given, as it could be written anywhere: nothing of it may remain. */
interface Secrets {
  codiceFiscale: string;
  /** National digits, e.g. 3289876543. */
  phone: string;
  names: string[];
  bookingCode: string;
}

async function expectNothingPersonal(page: Page, watched: Watched, secrets: Secrets): Promise<void> {
  await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');
  const left = await leftovers(page);
  const words = [
    secrets.codiceFiscale,
    ...secrets.names,
    secrets.bookingCode,
    `${secrets.bookingCode.slice(0, 4)} ${secrets.bookingCode.slice(4)}`,
    `***${secrets.phone.slice(-4)}`,
  ];
  for (const word of words) expect(left.text.toUpperCase(), `«${word}» left in the page`).not.toContain(word);
  expect(left.text.replace(/\D/g, ''), 'the phone number left in the page').not.toContain(secrets.phone);
  expect(left.href).toBe(system.url);
  expect(left.historyLength).toBe(watched.historyLength);
  expect(left.localStorage).toEqual([]);
  expect(left.sessionStorage).toEqual([]);
  expect(left.indexedDB).toEqual([]);
  expect(left.caches).toEqual([]);
  // The app's own memory of the session.
  const session = await page.evaluate(() => {
    const app = document.querySelector('kiosk-app') as unknown as Record<string, unknown>;
    return JSON.stringify({ session: app.session, code: app.scannedBookingCode ?? null });
  });
  expect(session).toBe('{"session":{},"code":null}');

  // The camera the page checks at start and after each session is released again; nothing stays live.
  await expect.poll(() => mediaTracks(page)).toMatchObject({ live: 0 });
  expect((await mediaTracks(page)).opened).toBeGreaterThan(0);

  for (const url of watched.urls) {
    const decoded = decodeURIComponent(url).toUpperCase();
    expect(decoded, `a URL carries the codice fiscale: ${url}`).not.toContain(secrets.codiceFiscale);
    expect(decoded.replace(/\D/g, ''), `a URL carries the phone: ${url}`).not.toContain(secrets.phone);
  }
  const logged = watched.console.join('\n');
  expect(logged.toUpperCase()).not.toContain(secrets.codiceFiscale);
  expect(logged.replace(/\D/g, '')).not.toContain(secrets.phone);
}

const appointment = (
  service: string,
  topic: string,
  phone: string,
  names?: [string, string],
): Appointment => ({
  language: 'it',
  topic,
  service,
  channel: 'Appuntamento in sede',
  phone,
  ...(names ? { names } : {}),
});

test('ended with "Fine": nothing of the citizen remains', async ({ page }) => {
  const watched = await openKiosk(page);
  const codiceFiscale = codiceFiscaleFor(401);
  await typeCodiceFiscale(page, codiceFiscale);
  const bookingCode = await bookAppointment(
    page,
    appointment('NASpI: consulenza sulla tua domanda', 'Disoccupazione e NASpI', '3289876543', [
      'GIULIA',
      'FERRARIS',
    ]),
  );
  await page.getByRole('button', { name: 'Fine', exact: true }).click();
  await expect(heading(page)).toHaveText('Grazie, a presto!');
  await page.getByRole('button', { name: 'Molto bene' }).click();
  await page.getByRole('button', { name: 'Ho finito' }).click();

  await expectNothingPersonal(page, watched, {
    codiceFiscale,
    phone: '3289876543',
    names: ['GIULIA', 'FERRARIS'],
    bookingCode,
  });
});

test('ended by taking the card out: nothing of the citizen remains', async ({ page }) => {
  const watched = await openKiosk(page);
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await system.simulate('card', { action: 'insert', card: 'cns' });
  try {
    await expect(page.getByText('Buongiorno, Mario R.')).toBeVisible();
    const bookingCode = await bookAppointment(
      page,
      appointment('Sostegni al reddito: consulenza', 'Aiuti per chi è in difficoltà', '3351234987'),
    );
    await system.simulate('card', { action: 'remove' });
    await expectNothingPersonal(page, watched, {
      codiceFiscale: 'RSSMRA80A01H501U',
      phone: '3351234987',
      names: ['MARIO R.', 'ROSSI'],
      bookingCode,
    });
  } finally {
    await system.simulate('card', { action: 'remove' });
  }
});

test('ended by inactivity: a visible countdown first, then nothing of the citizen remains', async ({
  page,
}) => {
  const watched = await openKiosk(page);
  const codiceFiscale = codiceFiscaleFor(402);
  await typeCodiceFiscale(page, codiceFiscale);
  const bookingCode = await bookAppointment(
    page,
    appointment('Invalidità civile: la tua pratica', 'Invalidità e disabilità', '3209988776', [
      'LUCA',
      'ESPOSITO',
    ]),
  );

  // The citizen walks away from the confirmation screen: no warning before the configured 2 seconds…
  const dialog = page.getByRole('alertdialog', { name: 'Sei ancora qui?' });
  await page.clock.runFor(1_500);
  await expect(dialog).toBeHidden();
  // …then a countdown (the kiosk checks once a second), and the session's end when it reaches zero.
  await expect(async () => {
    await page.clock.runFor(250);
    await expect(dialog).toBeVisible({ timeout: 50 });
  }).toPass();
  await expect(dialog.locator('.count')).toHaveText('2');
  await keepScreen(page, 'privacy-portrait-01-idle-countdown');
  await page.clock.runFor(1_000);
  await expect(dialog.locator('.count')).toHaveText('1');
  await page.clock.runFor(1_000);
  await expect(dialog).toBeHidden();

  await expectNothingPersonal(page, watched, {
    codiceFiscale,
    phone: '3209988776',
    names: ['LUCA', 'ESPOSITO'],
    bookingCode,
  });
});
