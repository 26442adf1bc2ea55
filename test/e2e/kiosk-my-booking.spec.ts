// "Ho già una prenotazione" beyond check-in: the citizen sees their booking, moves it with the slot picker
// or cancels it with one confirming touch, by booking code and codice fiscale or with the card already read;
// the SMS of the change waits in the outbox, and a wrong pair says nothing about which half was wrong.
import { expect, test, type Page } from '@playwright/test';
import { codiceFiscaleFor } from '../../server/src/testing/test-server.ts';
import { tapKeys } from './support/citizen.ts';
import { startKioskSystem, type KioskSystem } from './support/kiosk-system.ts';
import { expectAccessible, heading, LANDSCAPE, PORTRAIT, screenSeries } from './support/screens.ts';

const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';
/** The CNS card the agent's simulator reads. */
const CARD_CF = 'RSSMRA80A01H501U';
let system: KioskSystem;
let admin: string;
const booked: { code: string; codiceFiscale: string; start: string }[] = [];

test.beforeAll(async () => {
  system = await startKioskSystem({ now: MONDAY_MORNING });
  admin = await system.server.login('admin');
  const counter = await system.server.login('sportello.rovigo');
  const availability = await system.server.call(
    'GET',
    '/api/v1/availability?sede=rovigo&service=naspi-consulenza&mode=inPerson&from=2026-12-01&to=2026-12-01',
  );
  const slots = availability.body.days[0].slots as { start: string }[];
  for (const [i, codiceFiscale] of [codiceFiscaleFor(401), CARD_CF].entries()) {
    const created = await system.server.call('POST', '/api/v1/bookings', {
      token: counter,
      body: {
        sede: 'rovigo',
        service: 'naspi-consulenza',
        mode: 'inPerson',
        start: slots[i]!.start,
        citizen: { codiceFiscale, firstName: 'Anna', lastName: 'Verdi', phone: '+39 347 765 4321' },
        authMethod: 'typed',
        privacyNoticeVersion: '2026-01',
      },
    });
    expect(created.status).toBe(201);
    booked.push({ code: created.body.booking.code, codiceFiscale, start: slots[i]!.start });
  }
});
test.afterAll(() => system.stop());

async function pendingKinds(code: string): Promise<string[]> {
  const outbox = await system.server.call('GET', '/api/v1/messages?status=pending', { token: admin });
  return (outbox.body.messages as { kind: string; bookingCode: string }[])
    .filter((m) => m.bookingCode === code)
    .map((m) => m.kind);
}

async function openKiosk(page: Page, size: typeof PORTRAIT) {
  await page.setViewportSize(size);
  await page.clock.install({ time: new Date(MONDAY_MORNING) });
  await page.goto(system.url);
  await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');
}

async function typeCodes(page: Page, code: string, codiceFiscale: string) {
  await expect(heading(page)).toHaveText('Scrivi il codice della prenotazione');
  await tapKeys(page, code);
  await page.getByRole('button', { name: 'Vedi, sposta o annulla' }).click();
  await expect(heading(page)).toHaveText('Scrivi il tuo codice fiscale');
  await tapKeys(page, codiceFiscale);
  await page.getByRole('button', { name: 'Avanti', exact: true }).click();
}

test('by code and codice fiscale: a wrong pair is refused plainly, the right one is seen and moved (portrait)', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const shot = screenSeries(page, 'my-booking-move', 'portrait');
  const [mine] = booked;
  await openKiosk(page, PORTRAIT);
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await page.getByRole('button', { name: 'Ho già una prenotazione' }).click();

  // Someone else's codice fiscale with this code: the same words as a code that does not exist.
  await typeCodes(page, mine!.code, codiceFiscaleFor(499));
  await expect(page.getByRole('alert')).toHaveText(
    'Non trovo una prenotazione con questo codice e questo codice fiscale. Controlla tutti e due.',
  );
  await shot('wrong-pair');
  await page.getByRole('button', { name: 'Ho capito' }).click();
  await expect(heading(page)).toHaveText('Grazie, a presto!');
  await page.getByRole('button', { name: 'Ho finito' }).click();
  await expect(heading(page)).toHaveText('Benvenuto allo sportello INPS');

  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await page.getByRole('button', { name: 'Ho già una prenotazione' }).click();
  await typeCodes(page, mine!.code, mine!.codiceFiscale);
  await expect(heading(page)).toHaveText('La tua prenotazione');
  await expect(page.locator('kiosk-my-booking .code')).toHaveText(
    `${mine!.code.slice(0, 4)} ${mine!.code.slice(4)}`,
  );
  await expect(page.locator('kiosk-booking-summary')).toContainText('martedì 1 dicembre');
  await shot('view');
  await expectAccessible(page, 'my booking');

  await page.getByRole('button', { name: 'Sposta a un altro orario' }).click();
  await expect(heading(page)).toHaveText('Scegli il nuovo giorno e orario');
  const first = page.locator('kiosk-slot-picker .first button').first();
  await expect(first).toBeVisible();
  await shot('move');
  await first.click();

  await expect(heading(page)).toHaveText('Prenotazione spostata');
  await expect(page.locator('kiosk-my-booking').getByRole('status')).toContainText(
    'Ti mandiamo un SMS con il nuovo orario.',
  );
  await shot('moved');
  const found = await system.server.call('POST', '/api/v1/bookings/lookup', {
    body: { code: mine!.code, codiceFiscale: mine!.codiceFiscale },
  });
  expect(found.body.booking.status).toBe('booked');
  expect(found.body.booking.start).not.toBe(mine!.start);
  expect(await pendingKinds(mine!.code)).toContain('reschedule');
  await page.getByRole('button', { name: 'Ho finito' }).click();
  await expect(heading(page)).toHaveText('Grazie, a presto!');
});

test('with the card already read: only the code is asked, and the booking is cancelled after one confirming touch (landscape)', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const shot = screenSeries(page, 'my-booking-cancel', 'landscape');
  const [, mine] = booked;
  await openKiosk(page, LANDSCAPE);
  await page.getByRole('button', { name: 'Tocca per iniziare' }).first().click();
  await system.simulate('card', { action: 'insert', card: 'cns' });
  try {
    await expect(heading(page)).toHaveText('Di cosa hai bisogno?');
    await page.getByRole('button', { name: 'Ho già una prenotazione' }).click();
    await expect(heading(page)).toHaveText('Scrivi il codice della prenotazione');
    await tapKeys(page, mine!.code);
    await page.getByRole('button', { name: 'Vedi, sposta o annulla' }).click();
    await expect(heading(page)).toHaveText('La tua prenotazione');

    await page.getByRole('button', { name: 'Annulla la prenotazione' }).click();
    await expect(heading(page)).toHaveText('Vuoi annullare questa prenotazione?');
    await shot('confirm-cancel');
    await expectAccessible(page, 'cancel my booking');
    // "No" keeps it.
    await page.getByRole('button', { name: 'No, tienila' }).click();
    await expect(heading(page)).toHaveText('La tua prenotazione');
    expect(await pendingKinds(mine!.code)).not.toContain('cancellation');

    await page.getByRole('button', { name: 'Annulla la prenotazione' }).click();
    await page.getByRole('button', { name: 'Sì, annulla la prenotazione' }).click();
    await expect(heading(page)).toHaveText('Prenotazione annullata');
    await expect(page.locator('kiosk-my-booking').getByRole('status')).toContainText(
      'Ti mandiamo un SMS che lo conferma.',
    );
    await shot('cancelled');
    expect(await pendingKinds(mine!.code)).toContain('cancellation');
    const found = await system.server.call('POST', '/api/v1/bookings/lookup', {
      body: { code: mine!.code, codiceFiscale: mine!.codiceFiscale },
    });
    expect(found.body.booking.status).toBe('cancelled');
  } finally {
    await system.simulate('card', { action: 'remove' });
  }
});
