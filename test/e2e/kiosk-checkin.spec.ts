// A citizen with an appointment today registers their arrival at the kiosk: by the booking's QR under the
// scanner or by its code typed on the keypad, then the codice fiscale; the appointment ticket is shown and printed.
import { expect, test, type Page } from '@playwright/test';
import { codiceFiscaleFor } from '../../server/src/testing/test-server.ts';
import { tapKeys } from './support/citizen.ts';
import { startKioskSystem, type KioskSystem } from './support/kiosk-system.ts';
import { expectAccessible, heading, LANDSCAPE, PORTRAIT, screenSeries } from './support/screens.ts';

const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';
const TODAY = '2026-11-30';
let system: KioskSystem;
/** Two bookings for this morning, made at the counter: within the hour in which check-in opens. */
const booked: { code: string; codiceFiscale: string }[] = [];

test.beforeAll(async () => {
  system = await startKioskSystem({ now: MONDAY_MORNING });
  const counter = await system.server.login('sportello.rovigo');
  const availability = await system.server.call(
    'GET',
    `/api/v1/availability?sede=rovigo&service=naspi-consulenza&mode=inPerson&from=${TODAY}&to=${TODAY}`,
  );
  const slots = (availability.body.days[0].slots as { start: string }[]).filter(
    (s) => Date.parse(s.start) <= Date.parse(MONDAY_MORNING) + 60 * 60_000,
  );
  expect(slots.length).toBeGreaterThanOrEqual(2);
  for (const [i, slot] of slots.slice(0, 2).entries()) {
    const codiceFiscale = codiceFiscaleFor(301 + i);
    const created = await system.server.call('POST', '/api/v1/bookings', {
      token: counter,
      body: {
        sede: 'rovigo',
        service: 'naspi-consulenza',
        mode: 'inPerson',
        start: slot.start,
        citizen: { codiceFiscale, firstName: 'Anna', lastName: 'Verdi', phone: '+39 347 765 4321' },
        authMethod: 'typed',
        privacyNoticeVersion: '2026-01',
      },
    });
    expect(created.status).toBe(201);
    booked.push({ code: created.body.booking.code, codiceFiscale });
  }
});
test.afterAll(() => system.stop());

/** The codice fiscale step, typed on the keypad, then the appointment's ticket on screen and on paper. */
async function identifyAndGetTicket(
  page: Page,
  codiceFiscale: string,
  number: string,
  shot: (screen: string) => Promise<void>,
) {
  await expect(heading(page)).toHaveText('Scrivi il tuo codice fiscale');
  await tapKeys(page, codiceFiscale);
  await expect(page.getByText('Codice fiscale corretto')).toBeVisible();
  await shot('checkin-codice-fiscale');
  await page.getByRole('button', { name: 'Avanti', exact: true }).click();

  await expect(heading(page)).toHaveText('Il tuo arrivo è registrato');
  await expect(page.locator('kiosk-ticket .number')).toHaveText(number);
  await expect(page.getByText('Prendi il biglietto stampato.')).toBeVisible();
  await shot('checkin-ticket');
  await expectAccessible(page, 'check-in ticket');
  const printed = system.printed().at(-1)?.lines.join('\n') ?? '';
  expect(printed).toContain(number);
  expect(printed).not.toContain(codiceFiscale);
}

test('the booking QR under the scanner, then the codice fiscale: appointment ticket A001 (portrait)', async ({
  page,
}) => {
  const shot = screenSeries(page, 'checkin-qr', 'portrait');
  const [booking] = booked;
  await page.setViewportSize(PORTRAIT);
  await page.clock.install({ time: new Date(MONDAY_MORNING) });
  await page.goto(system.url);
  await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');

  // Straight from the welcome screen: the QR is the citizen's way in.
  await system.simulate('scan', { text: `SPORTELLO:${booking!.code}` });
  await identifyAndGetTicket(page, booking!.codiceFiscale, 'A001', shot);
  await page.getByRole('button', { name: 'Ho finito' }).click();
  await expect(heading(page)).toHaveText('Grazie, a presto!');
});

test('the booking code typed on the keypad, then the codice fiscale: appointment ticket A002 (landscape)', async ({
  page,
}) => {
  const shot = screenSeries(page, 'checkin-code', 'landscape');
  const [, booking] = booked;
  await page.setViewportSize(LANDSCAPE);
  await page.clock.install({ time: new Date(MONDAY_MORNING) });
  await page.goto(system.url);
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await page.getByRole('button', { name: 'Ho già una prenotazione' }).click();

  await expect(heading(page)).toHaveText('Scrivi il codice della prenotazione');
  await tapKeys(page, booking!.code.slice(0, 5));
  await page.getByRole('button', { name: 'Avanti', exact: true }).click();
  await expect(page.getByText('Il codice ha 8 caratteri: ne mancano 3.')).toBeVisible();
  await tapKeys(page, booking!.code.slice(5));
  await expect(page.getByText('Codice completo')).toBeVisible();
  await shot('checkin-code');
  await expectAccessible(page, 'check-in code');
  await page.getByRole('button', { name: 'Avanti', exact: true }).click();

  await identifyAndGetTicket(page, booking!.codiceFiscale, 'A002', shot);
  // The same booking again gives the same number, not a new place in the queue.
  await system.simulate('scan', { text: `sportello:${booking!.code}` });
  await expect(page.getByText('Scrivi il tuo codice fiscale')).toBeVisible();
  await tapKeys(page, booking!.codiceFiscale);
  await page.getByRole('button', { name: 'Avanti', exact: true }).click();
  await expect(page.locator('kiosk-ticket .number')).toHaveText('A002');
});
