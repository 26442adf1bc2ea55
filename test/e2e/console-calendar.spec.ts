// The manager's calendar on real Chromium against a real server: direttore.rovigo closes Tuesday, where two
// appointments are booked, sees them listed, chooses the SMS offer; the SMS the outbox worker hands to the
// development gateway carries the link to
// the citizen's booking page, which on a 320 px phone lets the citizen choose a new time (and speaks Arabic
// right to left). A second run moves a booking to the nearest free time by itself. Axe clean, at 1366×768.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { citizen, startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';
import { DESK } from './support/counter-console.ts';
import { expectAccessible } from './support/screens.ts';

const EARLY = '2026-11-30T07:00:00+01:00';
const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';
const TUESDAY = '2026-12-01';
const SMALL_PHONE = { width: 320, height: 640 };
let server: TestServer;
let codes: string[];

/** A picture for people to look at: /tmp/shots/calendar-<name>.png. */
const shot = (page: Page, name: string) =>
  page.screenshot({ path: `/tmp/shots/calendar-${name}.png`, fullPage: true });

async function book(start: string, who: number, language = 'it'): Promise<string> {
  const desk = await server.login('contactcenter');
  const booked = await server.call('POST', '/api/v1/bookings', {
    token: desk,
    body: {
      sede: 'rovigo',
      service: 'naspi-consulenza',
      mode: 'inPerson',
      start,
      citizen: { ...citizen(who), language },
      authMethod: 'typed',
      privacyNoticeVersion: '2026-01',
    },
  });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  return booked.body.booking.code as string;
}

/** The text of an SMS as the development gateway received it from the outbox worker (newest first). */
async function smsOf(code: string, kind: string): Promise<string | undefined> {
  const admin = await server.login('admin');
  const sent = await server.call('GET', '/api/v1/dev/sms', { token: admin });
  const texts = (sent.body.messages as { text: string }[]).map((m) => m.text);
  // Every SMS of a booking still to come links its page: the offer is told by its words (Italian, Arabic).
  const says: Record<string, RegExp> = {
    'rebook-offer': /non può svolgersi|لا يمكن إجراء/,
    reschedule: /spostata|moved|mutata/,
  };
  return texts.find((t) => t.includes(code) && says[kind]!.test(t));
}

async function signIn(page: Page): Promise<void> {
  await page.setViewportSize(DESK);
  await page.clock.setFixedTime(new Date(MONDAY_MORNING));
  await page.goto(`${server.url}/console/`);
  await page.getByLabel('Nome utente').fill('direttore.rovigo');
  await page.getByLabel('Password').fill('demo-direttore.rovigo');
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.getByRole('navigation').getByRole('button', { name: 'Calendario' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Calendario della sede');
}

async function phone(browser: Browser, url: string) {
  const context = await browser.newContext({
    viewport: SMALL_PHONE,
    hasTouch: true,
    isMobile: true,
    locale: 'it-IT',
    timezoneId: 'Europe/Rome',
  });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(MONDAY_MORNING));
  await page.goto(url);
  return page;
}

test.beforeEach(async () => {
  server = await startTestServer(EARLY, { jobs: true });
  const slots = await server.call(
    'GET',
    `/api/v1/availability?sede=rovigo&service=naspi-consulenza&mode=inPerson&from=${TUESDAY}&to=${TUESDAY}`,
  );
  const starts = (slots.body.days[0].slots as { start: string }[]).map((s) => s.start);
  codes = [await book(starts[0]!, 1), await book(starts[2]!, 2, 'ar')];
  server.setNow(MONDAY_MORNING);
});
test.afterEach(async () => {
  await server.stop();
});

test('a manager closes a day with bookings and offers a new time; the citizen chooses one on the phone', async ({
  page,
  browser,
}) => {
  test.setTimeout(60_000);
  await signIn(page);
  await expectAccessible(page, 'calendar');
  await page.getByRole('button', { name: 'Aggiungi chiusura' }).click();
  const form = page.getByRole('form', { name: 'Nuova chiusura della sede' });
  await form.getByLabel('Dal giorno').fill(TUESDAY);
  await form.getByLabel('Al giorno (compreso)').fill(TUESDAY);
  await form.getByRole('button', { name: 'Vedi le prenotazioni coinvolte' }).click();
  await expect(page.getByRole('alert')).toHaveText('Scrivi il motivo, ad esempio «Sciopero» o «Malattia».');
  await form.getByLabel('Motivo').fill('Sciopero');
  await form.getByRole('button', { name: 'Vedi le prenotazioni coinvolte' }).click();
  await expect(form.getByRole('heading', { name: '2 prenotazioni da spostare' })).toBeVisible();
  const listed = form.getByRole('table', { name: 'Prenotazioni da spostare' });
  await expect(listed.getByRole('row')).toHaveCount(3);
  await expect(listed).toContainText(codes[0]!);
  await expect(listed).toContainText('martedì 1 dicembre, 08:30');
  await expect(listed).not.toContainText('Rossi');
  await expect(form.getByRole('radio', { name: /SMS con il link/ })).toBeChecked();
  await expectAccessible(page, 'calendar, preview');
  await shot(page, '01-preview');

  await form.getByRole('button', { name: 'Conferma la chiusura' }).click();
  await expect(page.getByRole('status').first()).toContainText('2 cittadini riceveranno un SMS');
  const current = page.getByRole('table', { name: 'In corso e in programma' });
  await expect(current).toContainText('Chiusura della sede');
  await expect(current).toContainText('Gestite 2 di 2');
  await expect(current).toContainText('Devono ancora scegliere: 2');
  await shot(page, '02-added');

  // The SMS carries the link to the citizen's page: on a 320 px phone the citizen picks Wednesday 09:10.
  let text: string | undefined;
  await expect
    .poll(async () => (text = await smsOf(codes[0]!, 'rebook-offer')), { timeout: 10_000 })
    .toContain('/p/');
  const link = new URL(/(\S+\/p\/\S+)$/.exec(text!)![1]!);
  const p = await phone(browser, `${server.url}${link.pathname}`);
  await expect(p.getByRole('heading', { level: 1 })).toHaveText('La tua prenotazione');
  await expect(p.locator('main')).toContainText('La sede è chiusa all’ora del tuo appuntamento.');
  await expect(p.locator('main')).toContainText('Motivo: Sciopero');
  await expectAccessible(p, 'booking page');
  await shot(p, '03-phone');
  await p.getByRole('button', { name: 'Scegli un altro orario' }).click();
  await p.getByLabel('Giorno').selectOption({ label: 'mercoledì 2 dicembre' });
  await p.getByRole('button', { name: '09:10' }).click();
  await expect(p.getByRole('button', { name: 'Sposta a mercoledì 2 dicembre, ore 09:10' })).toBeEnabled();
  await expectAccessible(p, 'booking page, choosing');
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await shot(p, '04-phone-choose');
  await p.getByRole('button', { name: 'Sposta a mercoledì 2 dicembre, ore 09:10' }).click();
  await expect(p.getByRole('status')).toContainText('la prenotazione è spostata');
  await expect(p.locator('main')).toContainText('mercoledì 2 dicembre, ore 09:10');
  await shot(p, '05-phone-moved');
  const moved = await server.ctx.store.read((r) => r.bookingByCode(codes[0]!));
  expect(moved?.start).toBe('2026-12-02T09:10:00+01:00');
  await expect
    .poll(() => smsOf(codes[0]!, 'reschedule'), { timeout: 10_000 })
    .toContain('mer 2 dic 2026 ore 09:10');

  // The other citizen booked in Arabic: the page speaks it, right to left.
  let arabicSms: string | undefined;
  await expect
    .poll(async () => (arabicSms = await smsOf(codes[1]!, 'rebook-offer')), { timeout: 10_000 })
    .toContain('/p/');
  const arabic = /(\S+\/p\/\S+)$/.exec(arabicSms!)![1]!;
  const a = await phone(browser, `${server.url}${new URL(arabic).pathname}`);
  await expect(a.locator('html')).toHaveAttribute('dir', 'rtl');
  await expect(a.getByRole('heading', { level: 1 })).not.toHaveText('La tua prenotazione');
  await expectAccessible(a, 'booking page in Arabic');
  await shot(a, '06-phone-ar');
});

test('a move run moves a booking to the nearest free time, and removing the closure gives the hours back', async ({
  page,
}) => {
  await signIn(page);
  // An official away on Tuesday: the other official of the sector takes both appointments, nobody is moved.
  await page.getByRole('button', { name: 'Assenza di un funzionario' }).click();
  const absence = page.getByRole('form', { name: 'Nuova assenza di un funzionario' });
  await absence.getByRole('button', { name: 'Vedi le prenotazioni coinvolte' }).click();
  await expect(page.locator('calendar-screen').getByRole('alert')).toHaveText(
    'Scegli il funzionario assente.',
  );
  await absence.getByLabel('Funzionario').selectOption({ label: 'Marco Ferrari' });
  await absence.getByLabel('Dal giorno').fill(TUESDAY);
  await absence.getByLabel('Al giorno (compreso)').fill(TUESDAY);
  await absence.getByLabel('Motivo').fill('Malattia');
  await absence.getByRole('button', { name: 'Vedi le prenotazioni coinvolte' }).click();
  await expect(absence.getByRole('heading', { name: 'Nessuna prenotazione da spostare' })).toBeVisible();
  await absence.getByRole('button', { name: 'Annulla' }).click();

  await page.getByRole('button', { name: 'Aggiungi chiusura' }).click();
  const form = page.getByRole('form', { name: 'Nuova chiusura della sede' });
  await form.getByLabel('Dal giorno').fill(TUESDAY);
  await form.getByLabel('Al giorno (compreso)').fill(TUESDAY);
  await form.getByRole('checkbox', { name: 'Solo alcune ore di ogni giorno' }).check();
  await form.getByLabel('Dalle ore').fill('08:30');
  await form.getByLabel('Alle ore', { exact: true }).fill('09:00');
  await form.getByLabel('Motivo').fill('Assemblea del personale');
  await form.getByRole('button', { name: 'Vedi le prenotazioni coinvolte' }).click();
  await expect(form.getByRole('heading', { name: 'Una prenotazione da spostare' })).toBeVisible();
  await form.getByRole('radio', { name: /primo orario libero/ }).check();
  await form.getByRole('button', { name: 'Conferma la chiusura' }).click();
  const current = page.getByRole('table', { name: 'In corso e in programma' });
  await expect(current).toContainText('Spostate: 1 · con SMS per scegliere: 0');
  await expect(current).toContainText('dalle 08:30 alle 09:00');
  await shot(page, '07-moved');
  const moved = await server.ctx.store.read((r) => r.bookingByCode(codes[0]!));
  expect(moved?.start).toBe('2026-12-01T09:10:00+01:00');
  await expect.poll(() => smsOf(codes[0]!, 'reschedule'), { timeout: 10_000 }).toContain('ore 09:10');

  await current.getByRole('button', { name: 'Rimuovi: Assemblea del personale' }).click();
  await current.getByRole('button', { name: 'Sì, rimuovi' }).click();
  await expect(page.getByRole('table', { name: 'Passate e rimosse' })).toContainText('Rimossa');
  await expectAccessible(page, 'calendar, removed');
  await shot(page, '08-removed');
  const slots = await server.call(
    'GET',
    `/api/v1/availability?sede=rovigo&service=naspi-consulenza&mode=inPerson&from=${TUESDAY}&to=${TUESDAY}`,
  );
  expect(slots.body.days[0].slots[0].start).toBe('2026-12-01T08:30:00+01:00');
});
