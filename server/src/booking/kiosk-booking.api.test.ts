// A citizen sees, moves and cancels their booking at a kiosk (code and codice fiscale through the station's
// agent): the same rules and SMS as anywhere, the station written in the audit log, and a wrong pair that
// tells nothing about which half was wrong.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizen, startTestServer, type TestServer } from '../testing/test-server.ts';

const MONDAY_EARLY = '2026-11-30T07:00:00+01:00';

let server: TestServer;
let station: string;
let admin: string;

beforeAll(async () => {
  server = await startTestServer(MONDAY_EARLY);
  station = await server.stationToken('adria-municipio');
  admin = await server.login('admin');
});
afterAll(() => server.stop());

async function freeSlots(day: string, mode = 'inPerson') {
  const result = await server.call(
    'GET',
    `/api/v1/availability?sede=rovigo&service=naspi-consulenza&mode=${mode}&from=${day}&to=${day}`,
  );
  return (result.body.days[0].slots as { start: string }[]).map((s) => s.start);
}

async function book(index: number, mode = 'inPerson', phone?: string) {
  const [start] = await freeSlots('2026-12-01', mode);
  const person = citizen(index);
  const result = await server.call('POST', '/api/v1/bookings', {
    token: station,
    body: {
      sede: 'rovigo',
      service: 'naspi-consulenza',
      mode,
      start,
      citizen: phone ? { ...person, phone } : person,
      authMethod: 'typed',
      privacyNoticeVersion: '2026-01',
    },
  });
  expect(result.status).toBe(201);
  return { code: result.body.booking.code as string, codiceFiscale: person.codiceFiscale };
}

const pending = (code: string) =>
  server.ctx.store.read((r) => r.outboxMessages({ status: 'pending', bookingCode: code, limit: 20 }));
const auditOf = async () =>
  (await server.call('GET', '/api/v1/audit?date=2026-11-30', { token: admin })).body.events as {
    action: string;
    actor: string;
    subject: string;
  }[];

describe('a booking at the kiosk', () => {
  it('is moved with the SMS of the new time and the station in the audit log', async () => {
    const mine = await book(701);
    const [, later] = await freeSlots('2026-12-02');
    const moved = await server.call('POST', `/api/v1/bookings/${mine.code}/reschedule`, {
      token: station,
      body: { ...mine, start: later },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ booking: { code: mine.code, start: later }, smsQueued: true });
    expect((await pending(mine.code)).map((m) => m.kind)).toContain('reschedule');
    expect(await auditOf()).toContainEqual(
      expect.objectContaining({
        action: 'station.booking.reschedule',
        actor: 'adria-municipio',
        subject: mine.code,
      }),
    );
  });

  it('is cancelled with its SMS, audited; a second cancel is refused', async () => {
    const mine = await book(702);
    const path = `/api/v1/bookings/${mine.code}/cancel`;
    const cancelled = await server.call('POST', path, { token: station, body: mine });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body).toMatchObject({ booking: { status: 'cancelled' }, smsQueued: true });
    expect((await pending(mine.code)).map((m) => m.kind)).toContain('cancellation');
    expect(await auditOf()).toContainEqual(
      expect.objectContaining({
        action: 'station.booking.cancel',
        actor: 'adria-municipio',
        subject: mine.code,
      }),
    );
    expect((await server.call('POST', path, { token: station, body: mine })).status).toBe(409);
  });

  it('says no SMS went to a callback’s landline', async () => {
    const mine = await book(703, 'callback', '0425 123456');
    const cancelled = await server.call('POST', `/api/v1/bookings/${mine.code}/cancel`, {
      token: station,
      body: mine,
    });
    expect(cancelled.body).toMatchObject({ booking: { status: 'cancelled' }, smsQueued: false });
    expect(await pending(mine.code)).toEqual([]);
  });

  it('answers a wrong codice fiscale exactly as a code that does not exist', async () => {
    const mine = await book(704);
    const wrongCf = await server.call('POST', '/api/v1/bookings/lookup', {
      token: station,
      body: { code: mine.code, codiceFiscale: citizen(705).codiceFiscale },
    });
    const noCode = await server.call('POST', '/api/v1/bookings/lookup', {
      token: station,
      body: { code: 'ZZZZZZZZ', codiceFiscale: mine.codiceFiscale },
    });
    expect(wrongCf.status).toBe(404);
    expect(noCode.status).toBe(404);
    expect(wrongCf.body).toEqual(noCode.body);
    const cancel = await server.call('POST', `/api/v1/bookings/${mine.code}/cancel`, {
      token: station,
      body: { code: mine.code, codiceFiscale: citizen(705).codiceFiscale },
    });
    expect(cancel.body).toEqual(noCode.body);
  });
});
