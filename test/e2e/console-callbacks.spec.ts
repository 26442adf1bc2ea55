// The callback worklist on real Chromium: today's booked callbacks by time, each with a tel: link; "Non
// risponde" records a try and texts the citizen, "Richiama più tardi" moves it an hour on, "Fatto" closes it.
import { expect, test } from '@playwright/test';
import { citizen, startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';
import { signInOfficial } from './support/console-citizen.ts';
import { expectAccessible, LANDSCAPE, screenSeries } from './support/screens.ts';

const MONDAY_EARLY = '2026-11-30T08:30:00+01:00';
const TODAY = '2026-11-30';
const SERVICE = 'pensione-informazioni';
let server: TestServer;

test.beforeAll(async () => {
  // The jobs send the missed-call SMS through the development provider.
  server = await startTestServer(MONDAY_EARLY, { jobs: true });
});
test.afterAll(async () => {
  await server.stop();
});

/** Books for a citizen through a station, today's first free slots of the mode. */
async function book(
  mode: 'callback' | 'inPerson',
  service: string,
  slot: number,
  index: number,
  firstName: string,
  phone: string,
) {
  const free = await server.call(
    'GET',
    `/api/v1/availability?sede=rovigo&service=${service}&mode=${mode}&from=${TODAY}&to=${TODAY}`,
  );
  expect(free.status).toBe(200);
  const slots = free.body.days[0].slots as { start: string }[];
  const created = await server.call('POST', '/api/v1/bookings', {
    token: await server.stationToken('adria-municipio'),
    body: {
      sede: 'rovigo',
      service,
      mode,
      start: slots[slot]!.start,
      citizen: { ...citizen(index), firstName, phone },
      authMethod: 'cie-pin',
      authProof: server.authProof('adria-municipio', citizen(index).codiceFiscale),
      privacyNoticeVersion: '2026-01',
    },
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body.booking.code as string;
}

test('callbacks due today are listed by time and worked through: no answer, later, done', async ({
  page,
}) => {
  // Booked out of order: the list still starts with the earlier one.
  const later = await book('callback', SERVICE, 8, 21, 'Carla', '+39 333 111 2222');
  const sooner = await book('callback', SERVICE, 4, 22, 'Bruno', '+39 333 444 5555');

  const shot = screenSeries(page, 'console-callbacks', 'landscape');
  await page.setViewportSize(LANDSCAPE);
  await signInOfficial(page, server, 'funzionario.rovigo');
  await page.getByRole('navigation').getByRole('button', { name: 'Richiamate' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Richiamate di oggi');
  await expect(page.getByRole('navigation').getByRole('button', { name: 'Richiamate' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  const cards = page.getByRole('article');
  await expect(cards).toHaveCount(2);
  await expect(cards.nth(0)).toContainText('Bruno Rossi');
  await expect(cards.nth(1)).toContainText('Carla Rossi');
  const bruno = page.getByRole('article', { name: /Bruno Rossi/ });
  await expect(bruno).toContainText('Pensione: informazioni');
  await expect(bruno).toContainText('Nessun tentativo finora.');
  await expect(bruno.getByRole('link', { name: /Chiama/ })).toHaveAttribute('href', /^tel:\+39333444/);
  await expectAccessible(page, 'callbacks');
  await shot('worklist');

  // No answer: a try is recorded and the citizen gets the missed-call SMS.
  await bruno.getByRole('button', { name: 'Non risponde' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Bruno Rossi non risponde' })).toBeVisible();
  await expect(bruno).toContainText('1 tentativo finora');
  const admin = await server.login('admin');
  await expect
    .poll(
      async () => {
        const sms = await server.call('GET', '/api/v1/dev/sms', { token: admin });
        return (sms.body.messages as { to: string }[]).filter((m) => m.to === '+39333***5555').length;
      },
      { timeout: 10_000 },
    )
    .toBe(2); // The booking's confirmation, then the missed call.
  const official = await server.login('funzionario.rovigo');
  const listed = await server.call('GET', `/api/v1/callbacks?date=${TODAY}`, { token: official });
  const tried = listed.body.appointments.find((a: { code: string }) => a.code === sooner);
  expect(tried.callback.attempts).toMatchObject([{ official: 'ro-laura-bianchi', result: 'no-answer' }]);

  // Later: asked when, an hour from now by default; the card moves up to its new time, before Bruno's.
  const carla = page.getByRole('article', { name: /Carla Rossi/ });
  await carla.getByRole('button', { name: 'Richiama più tardi' }).click();
  await expect(carla.getByLabel('Richiama alle')).toHaveValue(/^\d\d:\d\d$/);
  await shot('retry-later');
  await carla.getByRole('button', { name: 'Conferma' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Da richiamare alle 09:30: Carla Rossi.' }),
  ).toBeVisible();
  await expect(cards.nth(0)).toContainText('09:30 · Carla Rossi');
  await expect(carla).toContainText('1 tentativo finora');

  // Done: the callback leaves the list and the booking is completed.
  await bruno.getByRole('button', { name: 'Fatto' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Richiamata di Bruno Rossi segnata come fatta.' }),
  ).toBeVisible();
  await expect(cards).toHaveCount(1);
  const completed = await server.call('POST', '/api/v1/bookings/lookup', {
    body: { code: sooner, codiceFiscale: citizen(22).codiceFiscale },
  });
  expect(completed.body.booking.status).toBe('completed');
  await expectAccessible(page, 'callbacks after results');
  await shot('after-results');
  expect(later).toMatch(/^[0-9A-Z]{8}$/);
});

test('a result the server does not take is told, and the callback stays to be done', async ({ page }) => {
  await book('callback', SERVICE, 0, 61, 'Franca', '+39 333 222 3333');
  await page.setViewportSize(LANDSCAPE);
  await signInOfficial(page, server, 'funzionario.rovigo');
  await page.getByRole('navigation').getByRole('button', { name: 'Richiamate' }).click();
  await page.route('**/api/v1/callbacks/*/result', (route) =>
    route.fulfill({ status: 500, contentType: 'application/json', body: '{"error":{"code":"internal"}}' }),
  );
  const franca = page.getByRole('article', { name: /Franca Rossi/ });
  await franca.getByRole('button', { name: 'Fatto' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    "Non è stato possibile completare l'operazione. Riprova; se si ripete, avvisa l'assistenza.",
  );
  await expect(franca.getByRole('button', { name: 'Fatto' })).toBeEnabled();
  await expect(franca).toContainText('Nessun tentativo finora.');
});

test('the appointments screen shows the day and moves between days', async ({ page }) => {
  await book('inPerson', 'pensione-consulenza', 2, 31, 'Dario', '+39 333 777 8888');
  await page.setViewportSize(LANDSCAPE);
  const shot = screenSeries(page, 'console-appointments', 'landscape');
  await signInOfficial(page, server, 'funzionario.rovigo');
  await page.getByRole('navigation').getByRole('button', { name: 'Appuntamenti' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Appuntamenti');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('Oggi, lunedì 30 novembre');
  const table = page.getByRole('table', { name: 'lunedì 30 novembre' });
  const dario = table.getByRole('row', { name: /Dario Rossi/ });
  await expect(dario).toContainText('Pensione: consulenza e simulazione');
  await expect(dario).toContainText('In sede');
  await expect(dario).toContainText('prenotato');
  await expectAccessible(page, 'appointments');
  await shot('today');
  await page.getByRole('button', { name: 'Giorno dopo' }).click();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('martedì 1 dicembre');
  await expect(page.getByText('Nessun appuntamento in questo giorno.')).toBeVisible();
  await page.getByRole('button', { name: 'Oggi' }).click();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('Oggi, lunedì 30 novembre');
});

test('the console speaks English when asked, and Italian again', async ({ page }) => {
  await page.setViewportSize(LANDSCAPE);
  const shot = screenSeries(page, 'console-english', 'landscape');
  await book('callback', SERVICE, 10, 51, 'Elisa', '+39 333 999 0000');
  await signInOfficial(page, server, 'funzionario.rovigo');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Video call queue');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await page.getByRole('navigation').getByRole('button', { name: 'Callbacks' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("Today's callbacks");
  await expect(page.getByRole('article').first().getByRole('button', { name: 'No answer' })).toBeVisible();
  await expectAccessible(page, 'callbacks in English');
  await shot('callbacks');
  await page.getByRole('button', { name: 'Italiano' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Richiamate di oggi');
});
