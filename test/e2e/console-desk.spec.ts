// The booking desk on real Chromium against a real server: the contact centre finds a caller by codice
// fiscale, books a web meeting for them with the telephone PIN checked (its SMS is in the outbox at once),
// moves it and cancels it; a counter clerk marks an appointment's citizen arrived (its ticket exists) and
// gives a walk-in ticket. Keyboard alone, axe clean, at 1366×768.
import { expect, test, type Page } from '@playwright/test';
import { citizen, startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';
import { DESK } from './support/counter-console.ts';
import { expectAccessible } from './support/screens.ts';

const EARLY = '2026-11-30T07:00:00+01:00';
const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';
const CALLER = citizen(41);
let server: TestServer;
let admin: string;

/** A picture for people to look at: /tmp/shots/desk-<name>.png. */
const shot = (page: Page, name: string) => page.screenshot({ path: `/tmp/shots/desk-${name}.png` });

/** What the server's outbox holds for a booking now (the SMS worker is off: nothing leaves it). */
async function pendingSms(code: string): Promise<string[]> {
  const pending = await server.call('GET', '/api/v1/messages?status=pending', { token: admin });
  return (pending.body.messages as { bookingCode: string; kind: string }[])
    .filter((m) => m.bookingCode === code)
    .map((m) => m.kind);
}

async function signIn(page: Page, username: string): Promise<void> {
  await page.setViewportSize(DESK);
  // The browser's day is the server's: slots are looked for from "today".
  await page.clock.setFixedTime(new Date(MONDAY_MORNING));
  await page.goto(`${server.url}/console/`);
  await page.getByLabel('Nome utente').fill(username);
  await page.getByLabel('Password').fill(`demo-${username}`);
  await page.getByRole('button', { name: 'Accedi' }).click();
}

/** The row of a booking in the desk's lists, found by its code as the desk writes it. */
const rowOf = (page: Page, code: string) =>
  page.getByRole('row').filter({ hasText: `${code.slice(0, 4)} ${code.slice(4)}` });

test.beforeEach(async () => {
  server = await startTestServer(EARLY);
  // The caller's appointment at the Rovigo office this morning, booked earlier at a town-hall station.
  const station = await server.stationToken('adria-municipio');
  const booked = await server.call('POST', '/api/v1/bookings', {
    token: station,
    body: {
      sede: 'rovigo',
      service: 'naspi-consulenza',
      mode: 'inPerson',
      start: '2026-11-30T09:30:00+01:00',
      citizen: CALLER,
      authMethod: 'typed',
      privacyNoticeVersion: '2026-01',
    },
  });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  server.setNow(MONDAY_MORNING);
  admin = await server.login('admin');
});
test.afterEach(async () => {
  await server.stop();
});

test('the contact centre books a web meeting for a caller with the telephone PIN checked; the SMS is in the outbox at once; then moves and cancels it', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await signIn(page, 'contactcenter');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Prenotazioni');
  await expect(page.getByRole('navigation').getByRole('button')).toHaveText(['Prenotazioni']);
  await expectAccessible(page, 'desk');
  await shot(page, '01-search');

  // A mistyped codice fiscale is told as the kiosk tells it, and nothing is looked up.
  const search = page.getByRole('search', { name: 'Cerca un cittadino' });
  const cf = search.getByLabel('Codice fiscale del cittadino');
  await cf.fill(CALLER.codiceFiscale.slice(0, 15) + (CALLER.codiceFiscale.endsWith('A') ? 'B' : 'A'));
  await cf.press('Enter');
  await expect(search.getByRole('alert')).toHaveText(/L’ultima lettera non corrisponde/);
  await expectAccessible(page, 'desk, wrong codice fiscale');
  await shot(page, '02-wrong-cf');

  await cf.fill(CALLER.codiceFiscale.toLowerCase());
  await cf.press('Enter');
  const upcoming = page.getByRole('table', { name: 'Prossime prenotazioni' });
  await expect(upcoming.getByRole('row')).toHaveCount(2);
  await expect(upcoming).toContainText('NASpI: consulenza sulla tua domanda');
  // On the phone nobody arrives: arrival and absence are the counter's.
  await expect(upcoming.getByRole('button', { name: 'Arrivato' })).toHaveCount(0);
  await expect(upcoming.getByRole('button', { name: 'Assente' })).toHaveCount(0);
  const audit = await server.call('GET', '/api/v1/audit?date=2026-11-30', { token: admin });
  expect(audit.body.events).toContainEqual(
    expect.objectContaining({ actor: 'contactcenter', action: 'desk.citizen-bookings' }),
  );
  expect(JSON.stringify(audit.body.events)).not.toContain(CALLER.codiceFiscale);

  // A new booking, with the keyboard alone: the proof first, which opens the web meeting.
  await page.getByRole('button', { name: 'Nuova prenotazione' }).press('Enter');
  const form = page.getByRole('form', { name: 'Nuova prenotazione' });
  await expect(form.getByLabel('Modalità')).toHaveCount(0);
  await form.getByRole('radio', { name: 'Nessuna verifica forte' }).press('Space');
  await expect(form.getByLabel('Modalità').locator('option')).not.toContainText(['Videochiamata da casa']);
  await form
    .getByRole('radio', { name: 'Ho verificato il PIN telefonico INPS del cittadino' })
    .press('Space');
  await form.getByLabel('Servizio').focus();
  await form.getByLabel('Servizio').selectOption({ label: 'Invalidità civile: la tua pratica' });
  await form.getByLabel('Modalità').selectOption({ label: 'Videochiamata da casa' });
  // Tomorrow: this morning the caller is at the office already.
  await form.getByLabel('Giorno').selectOption({ index: 1 });
  await expect(form.getByLabel('Orario')).toBeVisible();
  const slot = await form.getByLabel('Orario').inputValue();
  await form.getByLabel('Nome', { exact: true }).pressSequentially('Anna');
  await form.getByLabel('Cognome').pressSequentially('Ferri');
  await form.getByLabel('Cellulare (per l’SMS)').pressSequentially('347 765 4321');
  await form.getByRole('button', { name: 'Prenota', exact: true }).press('Enter');
  await expect(form.getByRole('alert')).toHaveText(
    'Prima dai al cittadino l’informativa sul trattamento dei dati.',
  );
  await form.getByRole('checkbox', { name: /informativa sul trattamento/ }).press('Space');
  await expectAccessible(page, 'new booking');
  await shot(page, '03-new-booking');
  await form.getByRole('button', { name: 'Prenota', exact: true }).press('Enter');

  const booked = page.getByRole('status').filter({ hasText: 'Prenotazione fatta.' });
  await expect(booked).toBeVisible();
  const code = ((await booked.locator('.code').textContent()) ?? '').replace(/\s/g, '');
  expect(code).toMatch(/^[0-9A-Z]{8}$/);
  // Before the caller hangs up: the confirmation SMS, with the link and the code, is already queued.
  expect(await pendingSms(code)).toContain('confirmation');
  await expect(booked).toContainText('SMS di conferma: in coda per l’invio.');
  await expectAccessible(page, 'booked');
  await shot(page, '04-booked');
  const stored = await server.call('POST', '/api/v1/bookings/lookup', {
    body: { code, codiceFiscale: CALLER.codiceFiscale },
  });
  expect(stored.body.booking).toMatchObject({
    service: 'invalidita-consulenza',
    mode: 'webMeeting',
    start: slot,
    authMethod: 'inps-pin',
    bookedBy: { channel: 'staff', id: 'contactcenter' },
    citizen: { firstName: 'Anna', lastName: 'Ferri', phone: '+393477654321' },
  });
  await expect(rowOf(page, code)).toContainText('Videochiamata da casa');

  // Move it to another time.
  await page.getByRole('button', { name: 'Chiudi' }).click();
  await rowOf(page, code).getByRole('button', { name: 'Sposta' }).click();
  const move = page.getByRole('form', { name: 'Sposta la prenotazione' });
  const times = move.getByLabel('Orario');
  await expect(times).toBeVisible();
  const newStart = await times.locator('option').nth(1).getAttribute('value');
  await times.selectOption(newStart!);
  await expectAccessible(page, 'move');
  await shot(page, '05-move');
  await move.getByRole('button', { name: 'Conferma il nuovo orario' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Prenotazione spostata' })).toBeVisible();
  const moved = await server.call('POST', '/api/v1/bookings/lookup', {
    body: { code, codiceFiscale: CALLER.codiceFiscale },
  });
  expect(moved.body.booking.start).toBe(newStart);
  expect(await pendingSms(code)).toContain('reschedule');

  // Cancel it, after a question beside the row.
  await rowOf(page, code).getByRole('button', { name: 'Annulla' }).click();
  await expect(page.getByRole('group', { name: /Annullare la prenotazione/ })).toBeVisible();
  await expectAccessible(page, 'cancel question');
  await shot(page, '06-cancel-question');
  await page.getByRole('button', { name: 'Sì, annulla la prenotazione' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Prenotazione annullata' })).toBeVisible();
  await expect(rowOf(page, code)).toContainText('annullato');
  await expect(rowOf(page, code).getByRole('button')).toHaveCount(0);
  const cancelled = await server.call('POST', '/api/v1/bookings/lookup', {
    body: { code, codiceFiscale: CALLER.codiceFiscale },
  });
  expect(cancelled.body.booking.status).toBe('cancelled');
  expect(await pendingSms(code)).toContain('cancellation');
  await shot(page, '07-cancelled');
});

test('a counter clerk marks an appointment’s citizen arrived, which issues its ticket, and gives a walk-in ticket', async ({
  page,
}) => {
  await signIn(page, 'sportello.rovigo');
  await page.getByRole('navigation').getByRole('button', { name: 'Prenotazioni' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Prenotazioni');
  const cf = page.getByLabel('Codice fiscale del cittadino');
  await cf.fill(CALLER.codiceFiscale);
  await cf.press('Enter');
  const row = page.getByRole('table', { name: 'Prossime prenotazioni' }).getByRole('row').nth(1);
  await expect(row).toContainText('In sede');
  await expectAccessible(page, 'counter desk');
  await shot(page, '08-counter');

  await row.getByRole('button', { name: 'Arrivato' }).press('Enter');
  await expect(page.getByRole('status').filter({ hasText: 'Arrivo registrato' })).toContainText('A001');
  await expect(row).toContainText('arrivato, biglietto A001');
  await expect(row.getByRole('button', { name: 'Arrivato' })).toHaveCount(0);
  const tickets = await server.call('GET', '/api/v1/tickets?sede=rovigo', {
    token: await server.login('sportello.rovigo'),
  });
  expect(tickets.body.tickets).toEqual([
    expect.objectContaining({ number: 'A001', priority: 'appointment', service: 'naspi-consulenza' }),
  ]);

  const walkIn = page.getByRole('complementary', { name: 'Biglietto senza prenotazione' });
  await walkIn.getByLabel('Servizio').selectOption({ label: 'Cassa integrazione' });
  await walkIn.getByRole('button', { name: 'Dai il biglietto' }).press('Enter');
  const issued = walkIn.getByRole('status');
  await expect(issued).toContainText('Di’ al cittadino il suo numero:');
  const number = (await issued.locator('.number').textContent())?.trim();
  const after = await server.call('GET', '/api/v1/tickets?sede=rovigo', {
    token: await server.login('sportello.rovigo'),
  });
  expect(after.body.tickets.map((t: { number: string }) => t.number)).toEqual(['A001', number]);
  await expectAccessible(page, 'walk-in ticket');
  await shot(page, '09-walk-in');

  // The same desk in English.
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bookings');
  await expect(page.getByRole('table', { name: 'Upcoming bookings' })).toContainText('arrived, ticket A001');
  await expect(
    page
      .getByRole('complementary', { name: 'Ticket without appointment' })
      .getByRole('button', { name: 'Give the ticket' }),
  ).toBeVisible();
  await expectAccessible(page, 'desk in English');
  await shot(page, '10-english');
});
