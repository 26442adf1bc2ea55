// The booking desk over real HTTP: a citizen's bookings found by codice fiscale, moved, cancelled, marked
// arrived (the appointment's ticket) or absent, on the citizen's behalf; every disclosure in the audit log.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizen, startTestServer, type TestServer } from '../testing/test-server.ts';

const MONDAY_EARLY = '2026-11-30T07:00:00+01:00';
const TUESDAY = '2026-12-01';
const CF = citizen(1).codiceFiscale;

let server: TestServer;
let contactCentre: string;
let counter: string;
let admin: string;

beforeAll(async () => {
  server = await startTestServer(MONDAY_EARLY);
  [contactCentre, counter, admin] = await Promise.all([
    server.login('contactcenter'),
    server.login('sportello.rovigo'),
    server.login('admin'),
  ]);
});
afterAll(() => server.stop());

async function slots(service: string, mode: string, sede = 'rovigo', day = TUESDAY): Promise<string[]> {
  const result = await server.call(
    'GET',
    `/api/v1/availability?sede=${sede}&service=${service}&mode=${mode}&from=${day}&to=${day}`,
  );
  return (result.body.days[0].slots as { start: string }[]).map((s) => s.start);
}

async function book(fields: { service: string; mode: string; start: string; sede?: string; who?: number }) {
  const result = await server.call('POST', '/api/v1/bookings', {
    token: contactCentre,
    body: {
      sede: fields.sede ?? 'rovigo',
      service: fields.service,
      mode: fields.mode,
      start: fields.start,
      citizen: citizen(fields.who ?? 1),
      authMethod: 'inps-pin',
      privacyNoticeVersion: '2026-01',
    },
  });
  expect(result.status, JSON.stringify(result.body)).toBe(201);
  return result.body.booking as { code: string; start: string };
}

/** Moves the clock; a session does not last overnight, so the desk signs in again. */
async function at(iso: string): Promise<void> {
  server.setNow(iso);
  [contactCentre, counter, admin] = await Promise.all([
    server.login('contactcenter'),
    server.login('sportello.rovigo'),
    server.login('admin'),
  ]);
}

const find = (token: string, codiceFiscale = CF) =>
  server.call('POST', '/api/v1/desk/citizen-bookings', { token, body: { codiceFiscale } });
const act = (token: string, code: string, action: string, body?: unknown) =>
  server.call('POST', `/api/v1/desk/bookings/${code}/${action}`, { token, ...(body ? { body } : {}) });
const auditOf = async (day: string) =>
  (await server.call('GET', `/api/v1/audit?date=${day}`, { token: admin })).body.events as {
    actor: string;
    action: string;
    subject: string;
    details?: Record<string, string>;
  }[];

describe('the booking desk', () => {
  let inPerson: { code: string; start: string };
  let late: { code: string; start: string };
  let web: { code: string; start: string };
  let napoli: { code: string; start: string };

  beforeAll(async () => {
    const naspi = await slots('naspi-consulenza', 'inPerson');
    inPerson = await book({ service: 'naspi-consulenza', mode: 'inPerson', start: naspi[0]! });
    web = await book({
      service: 'invalidita-consulenza',
      mode: 'webMeeting',
      start: (await slots('invalidita-consulenza', 'webMeeting'))[3]!,
    });
    late = await book({
      service: 'sostegno-consulenza',
      mode: 'inPerson',
      start: (await slots('sostegno-consulenza', 'inPerson')).at(-1)!,
    });
    napoli = await book({
      service: 'naspi-consulenza',
      mode: 'inPerson',
      sede: 'napoli',
      start: (await slots('naspi-consulenza', 'inPerson', 'napoli', '2026-12-02'))[0]!,
      who: 2,
    });
  });

  it('finds a citizen’s bookings by codice fiscale, soonest first, each with its SMS', async () => {
    const found = await find(contactCentre, CF.toLowerCase());
    expect(found.status).toBe(200);
    expect(found.headers.get('cache-control')).toBe('no-store');
    expect(found.body.upcoming.map((b: { code: string }) => b.code)).toEqual([
      inPerson.code,
      web.code,
      late.code,
    ]);
    expect(found.body.recent).toEqual([]);
    expect(found.body.upcoming[1]).toMatchObject({
      mode: 'webMeeting',
      status: 'booked',
      bookedBy: { channel: 'staff', id: 'contactcenter' },
      messages: expect.arrayContaining([
        expect.objectContaining({ kind: 'confirmation', status: 'pending' }),
      ]),
    });
    expect(found.body.upcoming[0]).not.toHaveProperty('admissionCodeHash');
    expect((await find(counter, citizen(9).codiceFiscale)).body.upcoming).toEqual([]);
  });

  it('writes every look-up to the audit log with the codes it disclosed, never the codice fiscale', async () => {
    await find(counter);
    const events = (await auditOf('2026-11-30')).filter((e) => e.action === 'desk.citizen-bookings');
    expect(events.map((e) => e.actor)).toEqual(['contactcenter', 'sportello.rovigo', 'sportello.rovigo']);
    const [first, other, again] = events;
    expect(first!.subject).toMatch(/^cf:[0-9a-f]{24}$/);
    expect(again!.subject).toBe(first!.subject);
    expect(first!.details?.bookings).toBe(`${inPerson.code} ${web.code} ${late.code}`);
    expect(other!.subject).not.toBe(first!.subject);
    expect(other!.details?.bookings).toBe('');
    expect(JSON.stringify(await auditOf('2026-11-30'))).not.toContain(CF);
  });

  it('refuses a mistyped codice fiscale saying why, and anyone but the desk', async () => {
    const typo = await find(contactCentre, CF.slice(0, 15) + (CF.endsWith('A') ? 'B' : 'A'));
    expect(typo.status).toBe(400);
    expect(typo.body.error.fields[0].message).toMatch(/last letter does not match/);
    expect((await find(await server.login('funzionario.rovigo'))).status).toBe(403);
    expect(
      (await server.call('POST', '/api/v1/desk/citizen-bookings', { body: { codiceFiscale: CF } })).status,
    ).toBe(401);
  });

  it('moves a booking for the citizen to a free slot, with the SMS, audited', async () => {
    const free = await slots('invalidita-consulenza', 'webMeeting');
    const target = free.find((s) => s !== web.start && s > web.start)!;
    const moved = await act(contactCentre, web.code, 'reschedule', { start: target });
    expect(moved.status).toBe(200);
    expect(moved.body.booking).toMatchObject({ code: web.code, start: target, status: 'booked' });
    expect(moved.body.booking.messages.map((m: { kind: string }) => m.kind)).toContain('reschedule');
    web = moved.body.booking;
    const events = await auditOf('2026-11-30');
    expect(events).toContainEqual(
      expect.objectContaining({
        actor: 'contactcenter',
        action: 'desk.booking.reschedule',
        subject: web.code,
      }),
    );
  });

  it('refuses a move to a full slot and offers the next free ones', async () => {
    const [start] = await slots('naspi-consulenza', 'inPerson');
    // Fill that slot with other people, then ask to move there.
    for (let who = 20; (await slots('naspi-consulenza', 'inPerson'))[0] === start; who++)
      await book({ service: 'naspi-consulenza', mode: 'inPerson', start: start!, who });
    const refused = await act(contactCentre, late.code, 'reschedule', { start });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('slot_taken');
    expect(refused.body.error.details.nextSlots.length).toBeGreaterThan(0);
  });

  it('reads one booking with its SMS, audited', async () => {
    const read = await server.call('GET', `/api/v1/desk/bookings/${web.code}`, { token: counter });
    expect(read.status).toBe(200);
    expect(read.body.booking.code).toBe(web.code);
    expect(
      (await auditOf('2026-11-30')).filter((e) => e.action === 'desk.booking.read' && e.subject === web.code),
    ).toHaveLength(1);
    expect((await server.call('GET', '/api/v1/desk/bookings/ZZZZZZZZ', { token: counter })).status).toBe(404);
  });

  it('cancels a booking for the citizen with the SMS, once, audited', async () => {
    const cancelled = await act(contactCentre, web.code, 'cancel');
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.booking.status).toBe('cancelled');
    expect(cancelled.body.booking.messages).toContainEqual(
      expect.objectContaining({ kind: 'cancellation', status: 'pending' }),
    );
    expect(cancelled.body.booking.messages).toContainEqual(
      expect.objectContaining({ kind: 'reminder', status: 'cancelled' }),
    );
    const again = await act(contactCentre, web.code, 'cancel');
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('not_active');
    expect(await auditOf('2026-11-30')).toContainEqual(
      expect.objectContaining({ action: 'desk.booking.cancel', subject: web.code }),
    );
  });

  it('marks an in-person appointment arrived at its sede: its ticket, once, audited', async () => {
    await at('2026-12-01T08:05:00+01:00');
    expect((await act(contactCentre, inPerson.code, 'arrived')).status).toBe(403);
    const early = await act(counter, late.code, 'arrived');
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('too_early');

    const arrived = await act(counter, inPerson.code, 'arrived');
    expect(arrived.status).toBe(200);
    expect(arrived.body.booking.ticket).toEqual({ number: 'A001', status: 'waiting' });
    const again = await act(counter, inPerson.code, 'arrived');
    expect(again.body.booking.ticket.number).toBe('A001');
    const tickets = await server.call('GET', '/api/v1/tickets?sede=rovigo', { token: counter });
    expect(tickets.body.tickets).toEqual([
      expect.objectContaining({ number: 'A001', bookingCode: inPerson.code, priority: 'appointment' }),
    ]);
    expect(
      (await auditOf(TUESDAY)).filter(
        (e) => e.action === 'desk.booking.arrived' && e.subject === inPerson.code,
      ),
    ).toHaveLength(2);
  });

  it('lets only a clerk of the appointment’s sede record arrival or absence', async () => {
    await at('2026-12-02T08:40:00+01:00');
    for (const action of ['arrived', 'no-show']) {
      const refused = await act(counter, napoli.code, action);
      expect(refused.status, action).toBe(403);
      expect(refused.body.error.code).toBe('wrong_sede');
    }
  });

  it('marks an absent citizen no-show only once the appointment has started and they have not arrived', async () => {
    await at('2026-12-01T09:00:00+01:00');
    const notYet = await act(counter, late.code, 'no-show');
    expect(notYet.status).toBe(409);
    expect(notYet.body.error.code).toBe('not_started');
    const cameIn = await act(counter, inPerson.code, 'no-show');
    expect(cameIn.status).toBe(409);
    expect(cameIn.body.error.code).toBe('arrived');

    await at(late.start);
    const absent = await act(counter, late.code, 'no-show');
    expect(absent.status).toBe(200);
    expect(absent.body.booking.status).toBe('no-show');
    expect((await act(counter, late.code, 'no-show')).body.error.code).toBe('not_active');
    expect(await auditOf(TUESDAY)).toContainEqual(
      expect.objectContaining({
        actor: 'sportello.rovigo',
        action: 'desk.booking.no-show',
        subject: late.code,
      }),
    );
  });

  it('lists what is over among the recent bookings, latest first', async () => {
    await at('2026-12-01T13:00:00+01:00');
    const found = await find(counter);
    expect(found.body.upcoming).toEqual([]);
    expect(found.body.recent.map((b: { code: string; status: string }) => [b.code, b.status])).toEqual([
      [late.code, 'no-show'],
      [web.code, 'cancelled'],
      [inPerson.code, 'booked'],
    ]);
    expect(found.body.recent[2].ticket).toEqual({ number: 'A001', status: 'waiting' });
    expect(found.body.recentDays).toBe(7);
  });
});
