// Booking on a citizen's behalf: staff vouch only for the proof they could check, and the contact centre,
// on the phone, can check the INPS telephone PIN and nothing else; stations cannot claim it at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizen, startTestServer, type TestServer } from '../testing/test-server.ts';

const MONDAY_EARLY = '2026-11-30T07:00:00+01:00';
const TUESDAY = '2026-12-01';

let server: TestServer;
let contactCentre: string;
let counter: string;
let admin: string;

beforeAll(async () => {
  server = await startTestServer(MONDAY_EARLY);
  contactCentre = await server.login('contactcenter');
  counter = await server.login('sportello.rovigo');
  admin = await server.login('admin');
});
afterAll(() => server.stop());

async function slot(service: string, mode: string, index: number): Promise<string> {
  const result = await server.call(
    'GET',
    `/api/v1/availability?sede=rovigo&service=${service}&mode=${mode}&from=${TUESDAY}&to=${TUESDAY}`,
  );
  return result.body.days[0].slots[index].start as string;
}

async function book(token: string, body: Record<string, unknown>) {
  return server.call('POST', '/api/v1/bookings', {
    token,
    body: {
      sede: 'rovigo',
      service: 'naspi-consulenza',
      mode: 'webMeeting',
      privacyNoticeVersion: '2026-01',
      ...body,
    },
  });
}

describe('booking on the citizen’s behalf', () => {
  it('books a web meeting for a caller whose telephone PIN the operator checked, its SMS in the outbox at once', async () => {
    const start = await slot('naspi-consulenza', 'webMeeting', 0);
    const booked = await book(contactCentre, { start, citizen: citizen(1), authMethod: 'inps-pin' });
    expect(booked.status).toBe(201);
    expect(booked.body.booking).toMatchObject({
      mode: 'webMeeting',
      authMethod: 'inps-pin',
      bookedBy: { channel: 'staff', id: 'contactcenter' },
    });
    const pending = await server.call('GET', '/api/v1/messages?status=pending', { token: admin });
    const sms = pending.body.messages.filter(
      (m: { bookingCode: string }) => m.bookingCode === booked.body.booking.code,
    );
    expect(sms.map((m: { kind: string }) => m.kind)).toContain('confirmation');
  });

  it('refuses a web meeting, or a service that needs strong sign-in, without a strong proof', async () => {
    const start = await slot('naspi-consulenza', 'webMeeting', 1);
    const weak = await book(contactCentre, { start, citizen: citizen(2), authMethod: 'typed' });
    expect(weak.status).toBe(403);
    expect(weak.body.error.code).toBe('strong_authentication_required');
    const strongOnly = await book(contactCentre, {
      service: 'pensione-consulenza',
      mode: 'callback',
      start: await slot('pensione-consulenza', 'callback', 0),
      citizen: citizen(2),
      authMethod: 'typed',
    });
    expect(strongOnly.status).toBe(403);
    expect(strongOnly.body.error.code).toBe('strong_authentication_required');
  });

  it('does not let an operator on the phone vouch for a card or SPID they cannot have checked', async () => {
    const start = await slot('naspi-consulenza', 'webMeeting', 2);
    for (const authMethod of ['cie-pin', 'spid', 'cns-card']) {
      const refused = await book(contactCentre, { start, citizen: citizen(3), authMethod });
      expect(refused.status, authMethod).toBe(400);
      expect(refused.body.error.fields[0].path).toBe('authMethod');
    }
  });

  it('lets a counter clerk, who has the citizen in front of them, book with the PIN too', async () => {
    const start = await slot('naspi-consulenza', 'inPerson', 0);
    const booked = await book(counter, {
      mode: 'inPerson',
      start,
      citizen: citizen(4),
      authMethod: 'inps-pin',
    });
    expect(booked.status).toBe(201);
    expect(booked.body.booking.bookedBy).toEqual({ channel: 'staff', id: 'sportello.rovigo' });
  });

  it('refuses the telephone PIN from a station, which cannot check it', async () => {
    const station = await server.stationToken('adria-municipio');
    const start = await slot('naspi-consulenza', 'webMeeting', 3);
    const refused = await book(station, { start, citizen: citizen(5), authMethod: 'inps-pin' });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('strong_authentication_unproven');
    expect(refused.body.error.message).toMatch(/telephone PIN is not available at a station/);
  });
});
