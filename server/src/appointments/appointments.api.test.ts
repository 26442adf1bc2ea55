// The official's day and callback worklist over real HTTP against a real server and a real lowdb folder.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { QueueEntry } from '@sportello/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../auth/password.ts';
import { defaultConfigDir } from '../config/load-config.ts';
import { citizen, startTestServer, type TestServer } from '../testing/test-server.ts';

const TUESDAY_EARLY = '2026-12-01T07:00:00+01:00';
const TUESDAY = '2026-12-01';
const PENSION = 'pensione-consulenza';
const STATEMENT = 'estratto-conto-consulenza';

let server: TestServer;
let official: string;
let admin: string;
/** Tuesday's bookings by name: codes and starts. */
const b: Record<string, { code: string; start: string }> = {};

/** The shipped configuration plus an official-role account linked to no official's record. */
async function configWithUnlinkedOfficial(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sportello-config-'));
  await cp(defaultConfigDir(), dir, { recursive: true });
  const file = path.join(dir, 'staff.json');
  const staff = JSON.parse(await readFile(file, 'utf8')) as object[];
  staff.push({
    username: 'funzionario.scollegato',
    name: 'Senza scheda',
    roles: ['official'],
    sede: 'rovigo',
    passwordHash: await hashPassword('demo-funzionario.scollegato'),
  });
  await writeFile(file, JSON.stringify(staff));
  return dir;
}

async function book(name: string, sede: string, service: string, mode: string, slot: number, who: number) {
  const free = await server.call(
    'GET',
    `/api/v1/availability?sede=${sede}&service=${service}&mode=${mode}&from=${TUESDAY}&to=${TUESDAY}`,
  );
  const start = free.body.days[0].slots[slot].start as string;
  const result = await server.call('POST', '/api/v1/bookings', {
    token: official,
    body: {
      sede,
      service,
      mode,
      start,
      citizen: citizen(who),
      authMethod: 'cie-pin',
      privacyNoticeVersion: '2026-01',
    },
  });
  expect(result.status, name).toBe(201);
  b[name] = { code: result.body.booking.code, start };
}

const get = (url: string, token = official) => server.call('GET', url, { token });
const result = (code: string, body: unknown, token = official) =>
  server.call('POST', `/api/v1/callbacks/${code}/result`, { token, body });
const codes = (response: { body: { appointments: { code: string }[] } }) =>
  response.body.appointments.map((a) => a.code);

function queueEntry(id: string, bookingCode: string, status: QueueEntry['status']): QueueEntry {
  return {
    id,
    group: 'rovigo',
    origin: 'web',
    sector: 'assicurato-pensionato',
    service: PENSION,
    since: '2026-12-01T08:20:00.000Z',
    authLevel: 'strong',
    status,
    bookingCode,
  };
}

beforeAll(async () => {
  server = await startTestServer(TUESDAY_EARLY, { configDir: await configWithUnlinkedOfficial() });
  official = await server.login('funzionario.rovigo');
  admin = await server.login('admin');
  await book('inPerson', 'rovigo', PENSION, 'inPerson', 4, 1);
  await book('web', 'rovigo', PENSION, 'webMeeting', 0, 2);
  await book('callEarly', 'rovigo', STATEMENT, 'callback', 0, 3);
  await book('callMiddle', 'rovigo', PENSION, 'callback', 1, 4);
  await book('callLate', 'rovigo', STATEMENT, 'callback', 3, 5);
  await book('cancelled', 'rovigo', PENSION, 'callback', 5, 6);
  await book('otherSector', 'rovigo', 'naspi-consulenza', 'callback', 0, 7);
  await book('otherGroup', 'napoli', PENSION, 'callback', 0, 8);
  const { code } = b.cancelled!;
  const cancel = await server.call('POST', `/api/v1/bookings/${code}/cancel`, {
    body: { code, codiceFiscale: citizen(6).codiceFiscale },
  });
  expect(cancel.status).toBe(200);
});
afterAll(() => server.stop());

describe('GET /api/v1/appointments', () => {
  it('lists the day of the official’s sede group and sectors, every mode and status, by start', async () => {
    const day = await get(`/api/v1/appointments?date=${TUESDAY}`);
    expect(day.status).toBe(200);
    expect(day.body.date).toBe(TUESDAY);
    const mine = ['inPerson', 'web', 'callEarly', 'callMiddle', 'callLate', 'cancelled'].map((n) => b[n]!);
    const byStart = [...mine].sort(
      (x, y) => Date.parse(x.start) - Date.parse(y.start) || (x.code < y.code ? -1 : 1),
    );
    expect(codes(day)).toEqual(byStart.map((x) => x.code));
    const inPerson = day.body.appointments.find((a: { code: string }) => a.code === b.inPerson!.code);
    expect(inPerson).toEqual({
      code: b.inPerson!.code,
      sede: 'rovigo',
      service: PENSION,
      sector: 'assicurato-pensionato',
      mode: 'inPerson',
      start: b.inPerson!.start,
      end: expect.any(String),
      status: 'booked',
      citizen: { firstName: 'Mario', lastName: 'Rossi', phone: '+393471234567' },
    });
    const cancelled = day.body.appointments.find((a: { code: string }) => a.code === b.cancelled!.code);
    expect(cancelled.status).toBe('cancelled');
  });

  it('says which web meeting’s citizen is in the waiting room now', async () => {
    await server.ctx.store.transaction(async (tx) => {
      await tx.putVideoQueueEntry(queueEntry('entry-web', b.web!.code, 'waiting'));
      // A booking code on an entry of another mode does not make it a web meeting.
      await tx.putVideoQueueEntry(queueEntry('entry-other', b.inPerson!.code, 'waiting'));
    });
    const find = async (name: string) =>
      (await get(`/api/v1/appointments?date=${TUESDAY}`)).body.appointments.find(
        (a: { code: string }) => a.code === b[name]!.code,
      );
    expect((await find('web')).waitingEntryId).toBe('entry-web');
    expect((await find('inPerson')).waitingEntryId).toBeUndefined();
    await server.ctx.store.transaction((tx) =>
      tx.putVideoQueueEntry({
        ...queueEntry('entry-web', b.web!.code, 'in-call'),
        official: 'ro-laura-bianchi',
      }),
    );
    expect((await find('web')).waitingEntryId).toBeUndefined();
    await server.ctx.store.transaction(async (tx) => {
      await tx.deleteVideoQueueEntry('entry-web');
      await tx.deleteVideoQueueEntry('entry-other');
    });
  });

  it('shows today in Rome when no date is given', async () => {
    server.setNow('2026-11-30T23:30:00Z');
    const day = await get('/api/v1/appointments');
    expect(day.status).toBe(200);
    expect(day.body.date).toBe(TUESDAY);
    expect(codes(day)).toContain(b.web!.code);
    server.setNow('2026-11-30T22:30:00Z');
    const monday = await get('/api/v1/callbacks');
    expect(monday.body).toEqual({ date: '2026-11-30', appointments: [] });
    server.setNow(TUESDAY_EARLY);
  });

  it('names a bad date, and answers 401 and 403 to who may not read it', async () => {
    for (const url of ['/api/v1/appointments?date=2026-13-01', '/api/v1/callbacks?date=tuesday']) {
      const bad = await get(url);
      expect(bad.status, url).toBe(400);
      expect(bad.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['query.date']);
    }
    const misspelt = await get(`/api/v1/appointments?data=${TUESDAY}`);
    expect(misspelt.status).toBe(400);
    expect(misspelt.body.error.message).toContain('data');
    expect((await server.call('GET', '/api/v1/appointments')).status).toBe(401);
    expect((await server.call('GET', '/api/v1/callbacks')).status).toBe(401);
    for (const user of ['sportello.rovigo', 'admin']) {
      const token = await server.login(user);
      expect((await get('/api/v1/appointments', token)).status, user).toBe(403);
    }
    const station = await server.stationToken('adria-municipio');
    expect((await get('/api/v1/callbacks', station)).status).toBe(403);
    const unlinked = await get('/api/v1/appointments', await server.login('funzionario.scollegato'));
    expect(unlinked.status).toBe(403);
    expect(unlinked.body.error.code).toBe('not_an_official');
  });
});

describe('the callback worklist', () => {
  it('lists only booked callbacks of the official’s group and sectors, by start', async () => {
    const list = await get(`/api/v1/callbacks?date=${TUESDAY}`);
    expect(list.status).toBe(200);
    expect(codes(list)).toEqual([b.callEarly!.code, b.callMiddle!.code, b.callLate!.code]);
  });

  it('refuses what is not the official’s, not a booked callback, or unknown', async () => {
    const done = { result: 'done' };
    expect((await result(b.otherSector!.code, done)).body.error.code).toBe('not_yours');
    const otherGroup = await result(b.otherGroup!.code, done);
    expect(otherGroup.status).toBe(403);
    expect(otherGroup.body.error.code).toBe('not_yours');
    const inPerson = await result(b.inPerson!.code, done);
    expect(inPerson.status).toBe(409);
    expect(inPerson.body.error.code).toBe('not_a_callback');
    const cancelled = await result(b.cancelled!.code, done);
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.error.code).toBe('not_active');
    const unknown = await result('ZZZZZZZZ', done);
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('booking_not_found');
    const badCode = await result('not-a-code', done);
    expect(badCode.status).toBe(400);
    expect(badCode.body.error.fields[0].path).toBe('path.code');
    const badResult = await result(b.callEarly!.code, { result: 'maybe' });
    expect(badResult.status).toBe(400);
    expect(badResult.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['result']);
    expect(
      (await server.call('POST', `/api/v1/callbacks/${b.callEarly!.code}/result`, { body: done })).status,
    ).toBe(401);
    expect((await result(b.callEarly!.code, done, admin)).status).toBe(403);
    // Nothing of the refused calls was recorded.
    const stored = await server.ctx.store.read((r) => r.bookingByCode(b.otherSector!.code));
    expect(stored?.callback).toBeUndefined();
    expect(stored?.status).toBe('booked');
  });

  it('retry later: records the attempt and moves the callback to its new time (an hour by default)', async () => {
    server.setNow('2026-12-01T08:40:00+01:00');
    const first = await result(b.callEarly!.code, { result: 'retry-later', notes: 'in riunione' });
    expect(first.status).toBe(200);
    expect(first.body.appointment.status).toBe('booked');
    expect(first.body.appointment.callback.attempts).toEqual([
      { at: '2026-12-01T07:40:00.000Z', official: 'ro-laura-bianchi', result: 'retry-later' },
    ]);
    expect(Date.parse(first.body.appointment.callback.retryAt)).toBe(Date.parse('2026-12-01T09:40:00+01:00'));
    const later = b.callLate!.start;
    const next = Date.parse(later) + 60_000;
    const second = await result(b.callEarly!.code, {
      result: 'retry-later',
      retryAt: new Date(next).toISOString(),
    });
    expect(second.body.appointment.callback.attempts).toHaveLength(2);
    const list = await get(`/api/v1/callbacks?date=${TUESDAY}`);
    expect(codes(list)).toEqual([b.callMiddle!.code, b.callLate!.code, b.callEarly!.code]);
    expect(list.body.appointments[2].callback.retryAt).toBe(new Date(next).toISOString());
    server.setNow(TUESDAY_EARLY);
  });

  it('retry later: refuses a time already past or after the callback’s day, naming retryAt', async () => {
    server.setNow('2026-12-01T09:00:00+01:00');
    for (const retryAt of ['2026-12-01T08:59:00+01:00', '2026-12-02T00:00:01+01:00']) {
      const refused = await result(b.callMiddle!.code, { result: 'retry-later', retryAt });
      expect(refused.status, retryAt).toBe(400);
      expect(refused.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['retryAt']);
    }
    expect((await result(b.callMiddle!.code, { result: 'retry-later', retryAt: 'soon' })).status).toBe(400);
    server.setNow('2026-12-01T23:30:00+01:00');
    // The morning's session has expired by then.
    const evening = await server.login('funzionario.rovigo');
    const tooLate = await result(b.callMiddle!.code, { result: 'retry-later' }, evening);
    expect(tooLate.status).toBe(400);
    expect(tooLate.body.error.fields[0].path).toBe('retryAt');
    const stored = await server.ctx.store.read((r) => r.bookingByCode(b.callMiddle!.code));
    expect(stored?.callback).toBeUndefined();
    server.setNow(TUESDAY_EARLY);
    // Signing in at 23:30 swept the expired morning session away: sign in again.
    official = await server.login('funzionario.rovigo');
    admin = await server.login('admin');
  });

  it('no answer: records the attempt and puts the missed-call SMS in the outbox', async () => {
    server.setNow('2026-12-01T09:05:00+01:00');
    const missed = await result(b.callMiddle!.code, { result: 'no-answer' });
    expect(missed.status).toBe(200);
    expect(missed.body.appointment.callback).toEqual({
      attempts: [{ at: '2026-12-01T08:05:00.000Z', official: 'ro-laura-bianchi', result: 'no-answer' }],
    });
    const pending = await server.call('GET', '/api/v1/messages?status=pending&limit=500', { token: admin });
    const sms = (pending.body.messages as { kind: string; bookingCode: string; id: string }[]).filter(
      (m) => m.bookingCode === b.callMiddle!.code && m.kind === 'missed-call',
    );
    expect(sms).toHaveLength(1);
    const stored = await server.ctx.store.read((r) => r.bookingByCode(b.callMiddle!.code));
    expect(stored?.callback?.attempts[0]?.messageId).toBe(sms[0]!.id);
    expect(stored?.status).toBe('booked');
    // What officials wrote about calling is theirs: the citizen's own lookup does not show it.
    const lookup = await server.call('POST', '/api/v1/bookings/lookup', {
      body: { code: b.callMiddle!.code, codiceFiscale: citizen(4).codiceFiscale },
    });
    expect(lookup.status).toBe(200);
    expect(lookup.body.booking).not.toHaveProperty('callback');
    server.setNow(TUESDAY_EARLY);
  });

  it('done: completes the booking, which leaves the worklist and stays in the day', async () => {
    const done = await result(b.callMiddle!.code, { result: 'done', notes: 'spiegata la domanda' });
    expect(done.status).toBe(200);
    expect(done.body.appointment.status).toBe('completed');
    expect(done.body.appointment.callback.attempts).toHaveLength(1);
    expect(codes(await get(`/api/v1/callbacks?date=${TUESDAY}`))).not.toContain(b.callMiddle!.code);
    const day = await get(`/api/v1/appointments?date=${TUESDAY}`);
    const completed = day.body.appointments.find((a: { code: string }) => a.code === b.callMiddle!.code);
    expect(completed.status).toBe('completed');
    const stored = await server.ctx.store.read((r) => r.bookingByCode(b.callMiddle!.code));
    expect(stored?.callback?.done).toEqual({
      at: new Date(TUESDAY_EARLY).toISOString(),
      official: 'ro-laura-bianchi',
      notes: 'spiegata la domanda',
    });
    const again = await result(b.callMiddle!.code, { result: 'no-answer' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('not_active');
  });
});

describe('POST /api/v1/bookings/:code/missed-call', () => {
  const missedCall = (code: string, token?: string) =>
    server.call('POST', `/api/v1/bookings/${code}/missed-call`, token ? { token } : {});
  const missedCallSms = async (code: string) =>
    (
      await server.ctx.store.read((r) =>
        r.outboxMessages({ status: 'pending', bookingCode: code, limit: 50 }),
      )
    ).filter((m) => m.kind === 'missed-call');
  afterEach(() => server.setNow(TUESDAY_EARLY));

  it('is only for the officials of the callback’s sede group and sector, from its time on', async () => {
    await book('missed', 'rovigo', PENSION, 'callback', 2, 9);
    const { code, start } = b.missed!;
    const napoli = await missedCall(code, await server.login('funzionario.napoli'));
    expect(napoli.status).toBe(403);
    expect(napoli.body.error.code).toBe('not_yours');
    expect((await missedCall(b.otherSector!.code)).status).toBe(401);
    expect((await missedCall(code, admin)).status).toBe(403);
    expect((await missedCall(b.otherSector!.code, official)).body.error.code).toBe('not_yours');
    const inPerson = await missedCall(b.inPerson!.code, official);
    expect(inPerson.status).toBe(409);
    expect(inPerson.body.error.code).toBe('not_a_callback');
    expect((await missedCall(b.web!.code, official)).body.error.code).toBe('not_a_callback');
    expect((await missedCall(b.cancelled!.code, official)).body.error.code).toBe('not_active');
    expect((await missedCall('ZZZZZZZZ', official)).status).toBe(404);
    server.setNow(new Date(Date.parse(start) - 60_000).toISOString());
    const early = await missedCall(code, official);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('too_early');
    expect(await missedCallSms(code)).toEqual([]);

    server.setNow(start);
    const sent = await missedCall(code, official);
    expect(sent.status).toBe(202);
    expect((await missedCallSms(code)).map((m) => m.id)).toEqual([sent.body.messageId]);
    // The unanswered call is on the worklist as a no-answer would be.
    const stored = await server.ctx.store.read((r) => r.bookingByCode(code));
    expect(stored?.callback?.attempts).toEqual([
      {
        at: new Date(start).toISOString(),
        official: 'ro-laura-bianchi',
        result: 'no-answer',
        messageId: sent.body.messageId,
      },
    ]);
  });

  it('sends three missed-call SMS at most per booking, counting the no-answer results', async () => {
    const { code, start } = b.missed!;
    server.setNow(new Date(Date.parse(start) + 5 * 60_000).toISOString());
    expect((await result(code, { result: 'no-answer' })).status).toBe(200);
    expect((await missedCall(code, official)).status).toBe(202);
    expect(await missedCallSms(code)).toHaveLength(3);
    const fourth = await missedCall(code, official);
    expect(fourth.status).toBe(409);
    expect(fourth.body.error.code).toBe('missed_call_limit');
    // A no-answer is still recorded, without a fourth SMS.
    const noAnswer = await result(code, { result: 'no-answer' });
    expect(noAnswer.status).toBe(200);
    expect(noAnswer.body.appointment.callback.attempts).toHaveLength(4);
    expect(await missedCallSms(code)).toHaveLength(3);
  });

  it('sends none to a landline: the route says so, a no-answer is recorded without it', async () => {
    const free = await server.call(
      'GET',
      `/api/v1/availability?sede=rovigo&service=${PENSION}&mode=callback&from=${TUESDAY}&to=${TUESDAY}`,
    );
    const start = free.body.days[0].slots[0].start as string;
    const created = await server.call('POST', '/api/v1/bookings', {
      token: official,
      body: {
        sede: 'rovigo',
        service: PENSION,
        mode: 'callback',
        start,
        citizen: { ...citizen(10), phone: '0425 123456' },
        authMethod: 'cie-pin',
        privacyNoticeVersion: '2026-01',
      },
    });
    expect(created.status).toBe(201);
    const { code } = created.body.booking;
    server.setNow(start);
    const refused = await missedCall(code, official);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('not_a_mobile');
    const noAnswer = await result(code, { result: 'no-answer' });
    expect(noAnswer.body.appointment.callback.attempts).toHaveLength(1);
    expect(await missedCallSms(code)).toEqual([]);
  });
});

describe('the audit log', () => {
  it('records each list read by the official (subject: the day) and each callback result (the booking)', async () => {
    const auditOf = async () =>
      (await server.call('GET', `/api/v1/audit?date=${TUESDAY}`, { token: admin })).body.events as {
        actor: string;
        action: string;
        subject: string;
        details?: Record<string, unknown>;
      }[];
    const before = await auditOf();
    const day = await get(`/api/v1/appointments?date=${TUESDAY}`);
    const list = await get(`/api/v1/callbacks?date=${TUESDAY}`);
    await result(b.callLate!.code, { result: 'retry-later' });
    const added = (await auditOf()).slice(before.length);
    expect(added).toEqual([
      {
        at: new Date(TUESDAY_EARLY).toISOString(),
        actor: 'funzionario.rovigo',
        action: 'appointments.read',
        subject: TUESDAY,
        details: { group: 'rovigo', count: day.body.appointments.length },
      },
      {
        at: new Date(TUESDAY_EARLY).toISOString(),
        actor: 'funzionario.rovigo',
        action: 'callbacks.read',
        subject: TUESDAY,
        details: { group: 'rovigo', count: list.body.appointments.length },
      },
      {
        at: new Date(TUESDAY_EARLY).toISOString(),
        actor: 'funzionario.rovigo',
        action: 'callbacks.result',
        subject: b.callLate!.code,
        details: { result: 'retry-later' },
      },
    ]);
    // Refused reads disclose nothing and are not recorded.
    await get(`/api/v1/appointments?date=${TUESDAY}`, admin);
    await result(b.otherGroup!.code, { result: 'done' });
    expect(await auditOf()).toHaveLength(before.length + 3);
  });
});
