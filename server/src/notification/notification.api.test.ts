// SMS over real HTTP: bookings through the API, the outbox worker, and a fake gateway on loopback
// recording what reaches it. The server's clock is the test's; the worker polls in real time.
import { cp, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ical, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfigDir } from '../config/load-config.ts';
import { FakeSmsGateway, type GatewayRequest } from '../testing/fake-sms-gateway.ts';
import { citizen, startTestServer, type TestServer } from '../testing/test-server.ts';

const MONDAY_EARLY = '2026-11-30T07:00:00+01:00';
const WEDNESDAY = '2026-12-02';
const THURSDAY = '2026-12-03';
const SERVICE = 'naspi-consulenza';

/** A copy of the shipped config sending through `gateway`, with quick polls and short time-outs. */
async function configFor(gateway: FakeSmsGateway, timeoutMilliseconds: number, batchSize: number) {
  const dir = await mkdtemp(path.join(tmpdir(), 'sportello-sms-config-'));
  await cp(defaultConfigDir(), dir, { recursive: true });
  const settings = {
    provider: 'http',
    senderName: 'INPS',
    retry: { maxAttempts: 3, firstDelaySeconds: 60, maxDelaySeconds: 600 },
    worker: { pollMilliseconds: 20, batchSize, leaseSeconds: 10 },
    gateway: {
      url: `${gateway.url}/sms`,
      headers: { authorization: 'Bearer test-key' },
      idempotencyHeader: 'Idempotency-Key',
      bodyTemplate: { sender: '{{sender}}', recipient: ['{{to}}'], message: '{{text}}' },
      timeoutMilliseconds,
      success: { jsonPath: 'result', equals: 'OK' },
      messageIdPath: 'order_id',
    },
  };
  await writeFile(path.join(dir, 'notifications.json'), JSON.stringify(settings));
  return dir;
}

/** +39 347 555 0001, … as typed at the kiosk, and its E.164 form. */
const typed = (n: number) => `+39 347 555 ${String(n).padStart(4, '0')}`;
const e164 = (n: number) => `+393475550${String(n).padStart(3, '0')}`;
const to = (request: GatewayRequest): string | undefined => request.json?.recipient?.[0];

async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>) {
  const until = Date.now() + 4000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > until) throw new Error(`waited in vain for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SMS through an HTTP gateway', () => {
  let gateway: FakeSmsGateway;
  let server: TestServer;
  let station: string;
  let admin: string;
  let nowMs = Date.parse(MONDAY_EARLY);
  const advance = (seconds: number) => {
    nowMs += seconds * 1000;
    server.setNow(new Date(nowMs).toISOString());
  };
  const slots: Record<string, { start: string }[]> = {};
  const codes: Record<string, string> = {};

  beforeAll(async () => {
    gateway = await FakeSmsGateway.start();
    gateway.respond = (request) => ({ body: { result: 'OK', order_id: `gw-${request.key}` } });
    server = await startTestServer(MONDAY_EARLY, { configDir: await configFor(gateway, 300, 5), jobs: true });
    station = await server.stationToken('adria-municipio');
    admin = await server.login('admin');
    for (const day of [WEDNESDAY, THURSDAY]) {
      const result = await server.call(
        'GET',
        `/api/v1/availability?sede=rovigo&service=${SERVICE}&mode=inPerson&from=${day}&to=${day}`,
      );
      slots[day] = result.body.days[0].slots;
    }
  });
  afterAll(async () => {
    await server.stop();
    await gateway.close();
  });

  async function book(n: number, slot: number, extra: Record<string, unknown> = {}, language = 'it') {
    const result = await server.call('POST', '/api/v1/bookings', {
      token: station,
      body: {
        sede: 'rovigo',
        service: SERVICE,
        mode: 'inPerson',
        start: slots[WEDNESDAY]![slot]!.start,
        citizen: { ...citizen(n), phone: typed(n), language },
        authMethod: 'typed',
        privacyNoticeVersion: '2026-01',
        ...extra,
      },
    });
    expect(result.status).toBe(201);
    return result.body as { booking: { code: string; start: string }; admissionCode: string };
  }
  /** The booking page's link an SMS carries, as the phone shows it. */
  const linkIn = (request: GatewayRequest): string => {
    const link = /\S+\/p\/\S+/.exec(String(request.json.message))?.[0];
    if (!link) throw new Error(`no booking page link in: ${request.json.message}`);
    return link;
  };
  /** What the booking page's API answers for the key in an SMS's link. */
  const pageOf = (request: GatewayRequest) =>
    server.call('GET', `/api/v1/self-service/${linkIn(request).split('/p/')[1]}`);
  const requestsTo = (n: number) => gateway.requests.filter((r) => to(r) === e164(n));
  const smsTo = (n: number, containing: string) =>
    waitFor(`an SMS to ${n} with "${containing}"`, () =>
      gateway.accepted().find((r) => to(r) === e164(n) && String(r.json.message).includes(containing)),
    );
  /** The confirmation once its n-th try has failed and been put off (not while that try is in flight). */
  const failedTry = (bookingCode: string, attempts: number) =>
    waitFor(`try ${attempts} recorded`, async () =>
      (await messages('pending', bookingCode)).find(
        (m) => m.kind === 'confirmation' && m.attempts === attempts && Date.parse(String(m.dueAt)) > nowMs,
      ),
    );
  const messages = async (status: string, bookingCode: string) =>
    (
      (await server.call('GET', `/api/v1/messages?status=${status}`, { token: admin })).body.messages as {
        id: string;
        kind: string;
        bookingCode: string;
        [key: string]: unknown;
      }[]
    ).filter((m) => m.bookingCode === bookingCode);

  it('sends the confirmation of a booking through the gateway exactly once', async () => {
    const { booking } = await book(1, 0);
    codes.first = booking.code;
    const request = await smsTo(1, 'confermata');
    const link = linkIn(request);
    // The key: the booking code and 16 random bytes, base64url.
    expect(link).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:8080/p/${booking.code}\\.[\\w-]{22}$`));
    expect(request.json).toEqual({
      sender: 'INPS',
      recipient: ['+393475550001'],
      message:
        `Prenotazione ${booking.code} confermata: NASpI: consulenza sulla tua domanda, mer 2 dic 2026 ore 08:30, ` +
        `Viale della Pace 5, 45100 Rovigo.\nGestisci: ${link}\n` +
        'Privacy: http://127.0.0.1:8080/privacy/2026-01?lang=it',
    });
    expect(request.headers.authorization).toBe('Bearer test-key');
    await pause(100);
    expect(gateway.requests.filter((r) => r.key === request.key)).toHaveLength(1);

    const [sent] = await messages('sent', booking.code);
    expect(sent).toMatchObject({
      id: request.key,
      kind: 'confirmation',
      to: '+*********001',
      attempts: 1,
      providerMessageId: `gw-${request.key}`,
    });
    expect(sent).not.toHaveProperty('text');
    const pending = await messages('pending', booking.code);
    expect(pending).toMatchObject([{ kind: 'reminder', dueAt: '2026-12-02T07:00:00.000Z' }]);
  });

  it('links the citizen’s booking page from the confirmation SMS: the link opens it', async () => {
    const page = await pageOf(await smsTo(1, 'confermata'));
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ code: codes.first, status: 'booked', changeable: true });
    expect(JSON.stringify(page.body)).not.toContain(citizen(1).codiceFiscale);
    // The address leads to the booking page (503 names a checkout whose pages are not built yet; the
    // phone-booking-page e2e opens the built page from a real SMS).
    const html = await server.call('GET', new URL(linkIn(await smsTo(1, 'confermata'))).pathname);
    expect([200, 503]).toContain(html.status);
    expect(String(html.headers.get('content-type'))).toContain('text/html');
  });

  it('gives a web meeting its admission code and link, and a callback the number to be called', async () => {
    const web = await book(2, 1, {
      mode: 'webMeeting',
      authMethod: 'cie-pin',
      authProof: server.authProof('adria-municipio', citizen(2).codiceFiscale),
    });
    const sms = await smsTo(2, 'confermata');
    expect(sms.json.message).toContain(
      `in videochiamata. Entra da http://127.0.0.1:8080/meeting/${web.booking.code} ` +
        `con il codice di accesso ${web.admissionCode}.`,
    );
    await book(3, 2, { mode: 'callback' }, 'en');
    expect((await smsTo(3, 'confirmed')).json.message).toContain('we will call you at +39 347 555 0003.');
  });

  it('writes to a Ukrainian and an Arabic citizen in their own script', async () => {
    const ukStart = slots[THURSDAY]![3]!.start;
    const uk = await book(9, 0, { start: ukStart }, 'uk');
    const ukSms = await smsTo(9, 'підтверджено');
    expect(ukSms.json.message).toBe(
      `Запис ${uk.booking.code} підтверджено: NASpI: консультація щодо вашої заяви, ` +
        `чт 3 грудня 2026 о ${ukStart.slice(11, 16)}, у відділенні, Viale della Pace 5, 45100 Rovigo.\n` +
        `Керувати записом: ${linkIn(ukSms)}\n` +
        'Конфіденційність: http://127.0.0.1:8080/privacy/2026-01?lang=uk',
    );
    expect((await pageOf(ukSms)).body).toMatchObject({ code: uk.booking.code, language: 'uk' });
    const arStart = slots[THURSDAY]![4]!.start;
    const ar = await book(10, 0, { start: arStart }, 'ar');
    const arSms = await smsTo(10, 'تم تأكيد الحجز');
    expect(arSms.json.message).toBe(
      `تم تأكيد الحجز ${ar.booking.code}: NASpI: استشارة حول طلبك، ` +
        `الخميس 3 ديسمبر 2026 الساعة ${arStart.slice(11, 16)}، في المكتب، Viale della Pace 5, 45100 Rovigo.\n` +
        `إدارة الحجز: ${linkIn(arSms)}\n` +
        'الخصوصية: http://127.0.0.1:8080/privacy/2026-01?lang=ar',
    );
    expect((await pageOf(arSms)).status).toBe(200);
  });

  it('retries gateway errors and time-outs with growing delays, then delivers once', async () => {
    gateway.respond = (request) => {
      if (to(request) === e164(4)) {
        const n = requestsTo(4).length;
        if (n === 1) return { status: 500 };
        if (n === 2) return { delayMs: 1000 };
      }
      return { body: { result: 'OK', order_id: `gw-${request.key}` } };
    };
    const { booking } = await book(4, 3);
    expect(await failedTry(booking.code, 1)).toMatchObject({
      lastError: 'gateway answered HTTP 500',
      dueAt: new Date(nowMs + 60_000).toISOString(),
    });
    advance(30);
    await pause(60);
    expect(requestsTo(4)).toHaveLength(1);
    advance(31);
    expect(await failedTry(booking.code, 2)).toMatchObject({
      lastError: 'gateway did not answer within 300 ms',
      dueAt: new Date(nowMs + 120_000).toISOString(),
    });
    advance(121);
    const delivered = await smsTo(4, 'confermata');
    expect(requestsTo(4).map((r) => r.key)).toEqual([delivered.key, delivered.key, delivered.key]);
    expect(gateway.accepted().filter((r) => r.key === delivered.key)).toHaveLength(1);
    expect(await messages('sent', booking.code)).toMatchObject([{ attempts: 3 }]);
  });

  it('gives up after the configured tries and shows the dead letter to admins only', async () => {
    gateway.respond = (request) =>
      to(request) === e164(5) ? { status: 503 } : { body: { result: 'OK', order_id: `gw-${request.key}` } };
    const { booking } = await book(5, 4);
    for (const [attempt, wait] of [
      [1, 60],
      [2, 120],
    ] as const) {
      await failedTry(booking.code, attempt);
      advance(wait);
    }
    const [dead] = await waitFor('the dead letter', async () => {
      const found = await messages('dead', booking.code);
      return found.length > 0 && found;
    });
    expect(dead).toMatchObject({
      kind: 'confirmation',
      attempts: 3,
      to: '+*********005',
      lastError: 'gateway answered HTTP 503',
    });
    expect(requestsTo(5)).toHaveLength(3);
    const official = await server.login('funzionario.rovigo');
    expect((await server.call('GET', '/api/v1/messages?status=dead', { token: official })).status).toBe(403);
  });

  it('sends the cancellation and cancels the pending reminder', async () => {
    const { booking } = await book(6, 5);
    codes.cancelled = booking.code;
    await smsTo(6, 'confermata');
    const body = { code: booking.code, codiceFiscale: citizen(6).codiceFiscale };
    expect((await server.call('POST', `/api/v1/bookings/${booking.code}/cancel`, { body })).status).toBe(200);
    const time = booking.start.slice(11, 16);
    expect((await smsTo(6, 'annullata')).json.message).toBe(
      `La prenotazione ${booking.code} (NASpI: consulenza sulla tua domanda, mer 2 dic 2026 ore ${time}) è stata annullata.`,
    );
    expect(await messages('cancelled', booking.code)).toMatchObject([{ kind: 'reminder' }]);
    expect(await messages('pending', booking.code)).toEqual([]);
  });

  it('sends the new time of a rescheduled booking and moves its reminder', async () => {
    const { booking } = await book(7, 6);
    codes.moved = booking.code;
    await smsTo(7, 'confermata');
    const start = slots[THURSDAY]![2]!.start;
    const moved = await server.call('POST', `/api/v1/bookings/${booking.code}/reschedule`, {
      body: { code: booking.code, codiceFiscale: citizen(7).codiceFiscale, start },
    });
    expect(moved.status).toBe(200);
    const movedSms = await smsTo(7, 'spostata');
    expect(movedSms.json.message).toContain(`gio 3 dic 2026 ore ${start.slice(11, 16)}`);
    // The same page as the confirmation's, showing the new time.
    expect(linkIn(movedSms)).toBe(linkIn(await smsTo(7, 'confermata')));
    expect((await pageOf(movedSms)).body).toMatchObject({ code: booking.code, start });
    expect(await messages('pending', booking.code)).toMatchObject([
      { kind: 'reminder', dueAt: new Date(Date.parse(start) - 30 * 60_000).toISOString() },
    ]);
    expect(await messages('cancelled', booking.code)).toMatchObject([{ kind: 'reminder' }]);
  });

  it('tells a citizen an official of the callback’s sector tried to call at its time', async () => {
    const [slot] = (
      await server.call(
        'GET',
        `/api/v1/availability?sede=rovigo&service=pensione-informazioni&mode=callback&from=2026-11-30&to=2026-11-30`,
      )
    ).body.days[0].slots;
    const { booking } = await book(8, 7, {
      service: 'pensione-informazioni',
      mode: 'callback',
      start: slot.start,
    });
    server.setNow(slot.start);
    try {
      const official = await server.login('funzionario.rovigo');
      const missed = await server.call('POST', `/api/v1/bookings/${booking.code.toLowerCase()}/missed-call`, {
        token: official,
      });
      expect(missed.status).toBe(202);
      const sms = await smsTo(8, 'Abbiamo provato');
      expect(sms.key).toBe(missed.body.messageId);
      expect(sms.json.message).toContain('chiamarti al +39 347 555 0008');
      const path = `/api/v1/bookings/${booking.code}/missed-call`;
      expect((await server.call('POST', path, { token: station })).status).toBe(403);
      expect((await server.call('POST', path, { token: await server.login('admin') })).status).toBe(403);
      expect((await server.call('POST', path)).status).toBe(401);
      // NASpI is not this official's sector.
      const naspi = `/api/v1/bookings/${codes.first}/missed-call`;
      expect((await server.call('POST', naspi, { token: official })).body.error.code).toBe('not_yours');
      expect(
        (await server.call('POST', '/api/v1/bookings/ZZZZZZZZ/missed-call', { token: official })).status,
      ).toBe(404);
    } finally {
      server.setNow(new Date(nowMs).toISOString());
    }
  });

  it('serves the appointment as an iCalendar file to whoever has code and codice fiscale', async () => {
    const body = { code: codes.first, codiceFiscale: citizen(1).codiceFiscale };
    const file = await server.call('POST', '/api/v1/bookings/calendar', { body });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(file.headers.get('content-disposition')).toBe(`attachment; filename="inps-${codes.first}.ics"`);
    const [event] = Object.values(ical.sync.parseICS(file.body as string)).filter(
      (c) => c?.type === 'VEVENT',
    );
    expect((event as VEvent).start.toISOString()).toBe('2026-12-02T07:30:00.000Z');
    expect((event as VEvent).start.tz).toBe('Europe/Rome');
    expect((event as VEvent).summary).toBe('INPS: NASpI: consulenza sulla tua domanda');
    const other = { code: codes.first, codiceFiscale: citizen(2).codiceFiscale };
    expect((await server.call('POST', '/api/v1/bookings/calendar', { body: other })).status).toBe(404);
    const doc = await server.call('GET', '/api/v1/openapi.json');
    expect(doc.body.paths['/api/v1/bookings/calendar'].post.responses['200'].content).toHaveProperty(
      'text/calendar',
    );
    const cancelled = { code: codes.cancelled, codiceFiscale: citizen(6).codiceFiscale };
    expect((await server.call('POST', '/api/v1/bookings/calendar', { body: cancelled })).status).toBe(409);
  });

  it('sends the reminder at its time, once; none for a cancelled or moved booking', async () => {
    const reminders = (n: number) =>
      gateway.requests.filter((r) => to(r) === e164(n) && /^Promemoria/.test(r.json.message));
    server.setNow('2026-12-02T07:59:00+01:00');
    // Monday's session has expired by Wednesday.
    admin = await server.login('admin');
    await pause(100);
    expect(reminders(1)).toHaveLength(0);
    server.setNow('2026-12-02T08:00:01+01:00');
    const reminder = await smsTo(1, 'Promemoria');
    // The reminder was queued with the confirmation, in its transaction: the same link, the same token.
    const link = linkIn(await smsTo(1, 'confermata'));
    expect(reminder.json.message).toBe(
      'Promemoria: NASpI: consulenza sulla tua domanda, mer 2 dic 2026 ore 08:30, ' +
        `Viale della Pace 5, 45100 Rovigo. Prenotazione ${codes.first}.\nGestisci: ${link}`,
    );
    expect((await pageOf(reminder)).status).toBe(200);
    // Past every Wednesday slot: what is left for that day is dropped, not sent late.
    server.setNow('2026-12-02T13:00:00+01:00');
    await pause(150);
    expect(reminders(1)).toHaveLength(1);
    expect(reminders(6)).toHaveLength(0);
    expect(reminders(7)).toHaveLength(0);
    expect(await messages('cancelled', codes.first!)).toEqual([]);
  });

  it('keeps phone numbers out of the logs and has no development outbox', async () => {
    expect(server.logs()).toContain('sms sent');
    expect(server.logs()).not.toMatch(/3475550|347 555/);
    expect((await server.call('GET', '/api/v1/dev/sms', { token: admin })).status).toBe(404);
  });
});

describe('a restart in the middle of a batch', () => {
  it('loses and duplicates no message', async () => {
    const gateway = await FakeSmsGateway.start();
    gateway.respond = () => ({ delayMs: 250 });
    const configDir = await configFor(gateway, 2000, 4);
    const first = await startTestServer(MONDAY_EARLY, { configDir, jobs: true });
    const station = await first.stationToken('adria-municipio');
    const booked: string[] = [];
    for (const day of ['2026-12-01', WEDNESDAY, THURSDAY]) {
      const result = await first.call(
        'GET',
        `/api/v1/availability?sede=rovigo&service=${SERVICE}&mode=inPerson&from=${day}&to=${day}`,
      );
      for (const [i, slot] of (result.body.days[0].slots as { start: string }[]).slice(0, 4).entries()) {
        const created = await first.call('POST', '/api/v1/bookings', {
          token: station,
          body: {
            sede: 'rovigo',
            service: SERVICE,
            mode: 'inPerson',
            start: slot.start,
            citizen: { ...citizen(500 + booked.length + i), phone: typed(100 + booked.length) },
            authMethod: 'typed',
            privacyNoticeVersion: '2026-01',
          },
        });
        expect(created.status).toBe(201);
        booked.push(created.body.booking.code);
      }
    }
    await waitFor('a batch in flight', () => gateway.requests.length >= 3);
    await first.stop();
    const beforeRestart = gateway.requests.length;
    expect(beforeRestart).toBeLessThan(12);
    expect(gateway.accepted()).toHaveLength(beforeRestart);

    const second = await startTestServer(MONDAY_EARLY, { configDir, dataDir: first.dataDir, jobs: true });
    try {
      await waitFor('every confirmation', () => gateway.accepted().length >= 12);
      await pause(150);
      const keys = gateway.requests.map((r) => r.key);
      expect(keys).toHaveLength(12);
      expect(new Set(keys).size).toBe(12);
      const admin = await second.login('admin');
      const sent = (await second.call('GET', '/api/v1/messages?status=sent', { token: admin })).body
        .messages as {
        id: string;
        bookingCode: string;
      }[];
      expect(new Set(sent.map((m) => m.id))).toEqual(new Set(keys));
      expect(new Set(sent.map((m) => m.bookingCode))).toEqual(new Set(booked));
    } finally {
      await second.stop();
      await gateway.close();
    }
  });
});

describe('the development provider', () => {
  it('keeps the messages for admins to read instead of sending them', async () => {
    const server = await startTestServer(MONDAY_EARLY, { jobs: true });
    try {
      const station = await server.stationToken('adria-municipio');
      const slots = await server.call(
        'GET',
        `/api/v1/availability?sede=rovigo&service=${SERVICE}&mode=webMeeting&from=${WEDNESDAY}&to=${WEDNESDAY}`,
      );
      const created = await server.call('POST', '/api/v1/bookings', {
        token: station,
        body: {
          sede: 'rovigo',
          service: SERVICE,
          mode: 'webMeeting',
          start: slots.body.days[0].slots[0].start,
          citizen: citizen(1),
          authMethod: 'cie-pin',
          authProof: server.authProof('adria-municipio', citizen(1).codiceFiscale),
          privacyNoticeVersion: '2026-01',
        },
      });
      const admin = await server.login('admin');
      const kept = await waitFor('the kept SMS', async () => {
        const found = await server.call('GET', '/api/v1/dev/sms', { token: admin });
        return found.body.messages.length > 0 && found.body.messages;
      });
      expect(kept[0].to).toBe('+39347***4567');
      expect(kept[0].text).toContain(`codice di accesso ${created.body.admissionCode}`);
      const counter = await server.login('sportello.rovigo');
      expect((await server.call('GET', '/api/v1/dev/sms', { token: counter })).status).toBe(403);
    } finally {
      await server.stop();
    }
  });
});
