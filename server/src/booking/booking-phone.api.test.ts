// The phone a booking carries over real HTTP: a mobile where an SMS is promised, a landline only for a callback,
// which then gets no SMS at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizen, startTestServer, type TestServer } from '../testing/test-server.ts';

const MONDAY_EARLY = '2026-11-30T07:00:00+01:00';
const TUESDAY = '2026-12-01';
const SERVICE = 'pensione-consulenza';
const STATION = 'adria-municipio';
const LANDLINE = '0425 123456';

let server: TestServer;
let station: string;
let admin: string;

beforeAll(async () => {
  server = await startTestServer(MONDAY_EARLY);
  station = await server.stationToken(STATION);
  admin = await server.login('admin');
});
afterAll(() => server.stop());

async function firstSlot(mode: string): Promise<string> {
  const result = await server.call(
    'GET',
    `/api/v1/availability?sede=rovigo&service=${SERVICE}&mode=${mode}&from=${TUESDAY}&to=${TUESDAY}`,
  );
  return result.body.days[0].slots[0].start as string;
}

async function book(mode: string, index: number, phone: string) {
  const who = { ...citizen(index), phone };
  return server.call('POST', '/api/v1/bookings', {
    token: station,
    body: {
      sede: 'rovigo',
      service: SERVICE,
      mode,
      start: await firstSlot(mode),
      citizen: who,
      authMethod: 'cie-pin',
      authProof: server.authProof(STATION, who.codiceFiscale),
      privacyNoticeVersion: '2026-01',
    },
  });
}

async function messagesOf(bookingCode: string) {
  const pending = await server.call('GET', '/api/v1/messages?status=pending', { token: admin });
  return (pending.body.messages as { kind: string; bookingCode: string }[])
    .filter((m) => m.bookingCode === bookingCode)
    .map((m) => m.kind)
    .sort();
}

describe('the phone of a booking', () => {
  it('refuses a landline for an appointment in person or a web meeting, naming citizen.phone', async () => {
    for (const [index, mode] of [
      [300, 'inPerson'],
      [301, 'webMeeting'],
    ] as const) {
      const refused = await book(mode, index, LANDLINE);
      expect(refused.status, mode).toBe(400);
      expect(refused.body.error.fields[0]).toEqual({
        path: 'citizen.phone',
        message: expect.stringMatching(/SMS needs a mobile number/),
      });
    }
  });

  it('books a callback on a landline and sends it no SMS, not even when cancelled', async () => {
    const booked = await book('callback', 302, LANDLINE);
    expect(booked.status).toBe(201);
    expect(booked.body.booking.citizen.phone).toBe('+390425123456');
    const code = booked.body.booking.code as string;
    expect(await messagesOf(code)).toEqual([]);
    const cancelled = await server.call('POST', `/api/v1/bookings/${code}/cancel`, {
      token: station,
      body: { code, codiceFiscale: citizen(302).codiceFiscale },
    });
    expect(cancelled.status).toBe(200);
    expect(await messagesOf(code)).toEqual([]);
  });

  it('confirms and reminds a callback on a mobile by SMS', async () => {
    const booked = await book('callback', 303, '347 123 4567');
    expect(booked.status).toBe(201);
    expect(await messagesOf(booked.body.booking.code)).toEqual(['confirmation', 'reminder']);
  });
});
