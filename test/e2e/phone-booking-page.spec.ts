// The citizen's booking page opened from the confirmation SMS, as the development gateway received it from
// the outbox worker: on a 320 px phone the citizen sees the appointment and cancels it, and the
// cancellation SMS follows. Axe clean.
import { expect, test, type Page } from '@playwright/test';
import { citizen, startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';
import { expectAccessible } from './support/screens.ts';

const EARLY = '2026-11-30T07:00:00+01:00';
const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';
const TUESDAY = '2026-12-01';
let server: TestServer;

test.beforeEach(async () => {
  server = await startTestServer(EARLY, { jobs: true });
});
test.afterEach(async () => {
  await server.stop();
});

/** The SMS texts for a booking, as the development gateway kept them (newest first). */
async function smsFor(code: string): Promise<string[]> {
  const admin = await server.login('admin');
  const kept = await server.call('GET', '/api/v1/dev/sms', { token: admin });
  return (kept.body.messages as { text: string }[]).map((m) => m.text).filter((t) => t.includes(code));
}

test('the confirmation SMS links the booking page: the citizen sees the appointment and cancels it', async ({
  browser,
}) => {
  const slots = await server.call(
    'GET',
    `/api/v1/availability?sede=rovigo&service=naspi-consulenza&mode=inPerson&from=${TUESDAY}&to=${TUESDAY}`,
  );
  const booked = await server.call('POST', '/api/v1/bookings', {
    token: await server.login('contactcenter'),
    body: {
      sede: 'rovigo',
      service: 'naspi-consulenza',
      mode: 'inPerson',
      start: slots.body.days[0].slots[0].start,
      citizen: citizen(1),
      authMethod: 'typed',
      privacyNoticeVersion: '2026-01',
    },
  });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  const code = booked.body.booking.code as string;
  server.setNow(MONDAY_MORNING);

  let confirmation: string | undefined;
  await expect
    .poll(async () => (confirmation = (await smsFor(code)).find((t) => t.includes('confermata'))), {
      timeout: 10_000,
    })
    .toContain('Gestisci: ');
  const link = /^Gestisci: (\S+)$/m.exec(confirmation!)![1]!;

  const context = await browser.newContext({
    viewport: { width: 320, height: 640 },
    hasTouch: true,
    isMobile: true,
    locale: 'it-IT',
    timezoneId: 'Europe/Rome',
  });
  const p: Page = await context.newPage();
  await p.clock.setFixedTime(new Date(MONDAY_MORNING));
  await p.goto(`${server.url}${new URL(link).pathname}`);
  await expect(p.getByRole('heading', { level: 1 })).toHaveText('La tua prenotazione');
  const main = p.locator('main');
  await expect(main).toContainText(code);
  await expect(main).toContainText('martedì 1 dicembre, ore 08:30');
  await expect(main).toContainText('Confermata');
  await expectAccessible(p, 'booking page from the confirmation SMS');
  expect(await p.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  await p.screenshot({ path: '/tmp/shots/h10-booking-page-from-sms.png', fullPage: true });

  await p.getByRole('button', { name: 'Annulla la prenotazione' }).click();
  await p.getByRole('button', { name: 'Sì, annulla' }).click();
  await expect(p.getByRole('status')).toContainText('La prenotazione è annullata');
  await p.screenshot({ path: '/tmp/shots/h10-booking-page-cancelled.png', fullPage: true });
  await expect
    .poll(async () => (await smsFor(code)).some((t) => t.includes('è stata annullata')), { timeout: 10_000 })
    .toBe(true);
  await context.close();
});
