// Queue tickets over real HTTP: numbering, priorities, opening hours, check-in of appointments.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizen, startTestServer, type TestServer } from '../testing/test-server.ts';

const MONDAY_OPEN = '2026-11-30T09:00:00+01:00';
let server: TestServer;
let reception: string;

beforeAll(async () => {
  server = await startTestServer(MONDAY_OPEN);
  reception = await server.stationToken('rovigo-accoglienza');
});
afterAll(() => server.stop());

const issue = (body: Record<string, unknown>, token = reception) =>
  server.call('POST', '/api/v1/tickets', { token, body: { sede: 'rovigo', ...body } });

describe('tickets', () => {
  it('numbers tickets per service prefix and estimates the wait', async () => {
    const first = await issue({ service: 'naspi-informazioni' });
    expect(first.status).toBe(201);
    expect(first.body.ticket).toMatchObject({
      number: 'N001',
      sede: 'rovigo',
      day: '2026-11-30',
      status: 'waiting',
      priority: 'none',
    });
    expect(first.body.ahead).toBe(0);
    const second = await issue({ service: 'naspi-informazioni' });
    expect(second.body.ticket.number).toBe('N002');
    expect(second.body.ahead).toBe(1);
    expect(second.body.estimatedWaitMinutes).toBeGreaterThan(0);
    expect((await issue({ service: 'maternita' })).body.ticket.number).toBe('M001');
  });

  it('puts a priority ticket ahead of the ordinary queue', async () => {
    const priority = await issue({ service: 'naspi-informazioni', priority: 'pregnancy' });
    expect(priority.body.ticket.priority).toBe('pregnancy');
    expect(priority.body.ahead).toBe(0);
  });

  it('never gives two people the same number', async () => {
    const results = await Promise.all(
      Array.from({ length: 100 }, () => issue({ service: 'assistenza-stranieri' })),
    );
    const numbers = results.map((r) => r.body.ticket.number as string);
    expect(new Set(numbers).size).toBe(100);
    expect(numbers.sort().at(-1)).toBe('S100');
  });

  it('issues tickets only in opening hours and never on holidays', async () => {
    server.setNow('2026-11-30T13:00:00+01:00');
    const afternoon = await issue({ service: 'naspi-informazioni' });
    expect(afternoon.status).toBe(409);
    expect(afternoon.body.error.code).toBe('sede_closed');
    server.setNow('2026-12-08T09:00:00+01:00');
    expect((await issue({ service: 'naspi-informazioni' })).body.error.message).toMatch(/closed today/);
    server.setNow(MONDAY_OPEN);
  });

  it('refuses a service without tickets, a municipal station, and names bad fields', async () => {
    const noTicket = await issue({ service: 'pensione-consulenza' });
    expect(noTicket.status).toBe(400);
    expect(noTicket.body.error.fields[0].path).toBe('service');
    const municipal = await server.stationToken('adria-municipio');
    expect((await issue({ service: 'naspi-informazioni' }, municipal)).status).toBe(403);
    const bad = await issue({ service: 'naspi-informazioni', priority: 'vip' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('priority');
  });

  it('lists the day’s tickets to counter staff only', async () => {
    const counter = await server.login('sportello.rovigo');
    const list = await server.call('GET', '/api/v1/tickets?sede=rovigo', { token: counter });
    expect(list.status).toBe(200);
    expect(list.body.tickets.length).toBeGreaterThan(100);
    expect((await server.call('GET', '/api/v1/tickets?sede=rovigo', { token: reception })).status).toBe(403);
    for (const user of ['funzionario.rovigo', 'admin']) {
      const token = await server.login(user);
      expect((await server.call('GET', '/api/v1/tickets?sede=rovigo', { token })).status, user).toBe(403);
    }
  });
});

describe('a ticket by SMS', () => {
  it('sends the number once when the printer could not print it, and names bad fields', async () => {
    const issued = await issue({ service: 'maternita' });
    const id = issued.body.ticket.id as string;
    const send = (body: Record<string, unknown>) =>
      server.call('POST', `/api/v1/tickets/${id}/sms`, {
        token: reception,
        body: { sede: 'rovigo', ...body },
      });
    const bad = await send({ phone: '12' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields[0].path).toBe('phone');
    expect((await send({ phone: '347 765 4321', language: 'en' })).status).toBe(202);
    const again = await send({ phone: '347 765 4321' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_sent');
    const admin = await server.login('admin');
    const queued = await server.call('GET', '/api/v1/messages?status=pending', { token: admin });
    expect(queued.body.messages.filter((m: { kind: string }) => m.kind === 'ticket')).toMatchObject([
      { kind: 'ticket', to: '+*********321', language: 'en' },
    ]);
    const unknown = await server.call('POST', '/api/v1/tickets/nope/sms', {
      token: reception,
      body: { sede: 'rovigo', phone: '3477654321' },
    });
    expect(unknown.status).toBe(404);
  });
});

describe('check-in of an appointment', () => {
  it('turns an in-person booking into an appointment ticket, once, within its window', async () => {
    server.setNow('2026-11-30T07:00:00+01:00');
    const slots = await server.call(
      'GET',
      '/api/v1/availability?sede=rovigo&service=naspi-consulenza&mode=inPerson&from=2026-11-30&to=2026-11-30',
    );
    const slot = slots.body.days[0].slots.find(
      (s: { start: string }) => s.start === '2026-11-30T10:10:00+01:00',
    );
    const booking = await server.call('POST', '/api/v1/bookings', {
      token: reception,
      body: {
        sede: 'rovigo',
        service: 'naspi-consulenza',
        mode: 'inPerson',
        start: slot.start,
        citizen: citizen(1),
        authMethod: 'cns-card',
        privacyNoticeVersion: '2026-01',
      },
    });
    expect(booking.status).toBe(201);
    const proof = { code: booking.body.booking.code, codiceFiscale: citizen(1).codiceFiscale };

    server.setNow('2026-11-30T08:45:00+01:00');
    const early = await server.call('POST', '/api/v1/tickets/check-in', { token: reception, body: proof });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('too_early');

    server.setNow('2026-11-30T09:55:00+01:00');
    const ticket = await server.call('POST', '/api/v1/tickets/check-in', { token: reception, body: proof });
    expect(ticket.status).toBe(201);
    expect(ticket.body.ticket).toMatchObject({
      number: 'A001',
      priority: 'appointment',
      bookingCode: proof.code,
    });
    expect(ticket.body.ticket).not.toHaveProperty('codiceFiscale');
    const again = await server.call('POST', '/api/v1/tickets/check-in', { token: reception, body: proof });
    expect(again.body.ticket.number).toBe('A001');

    server.setNow('2026-11-30T10:45:00+01:00');
    const late = await server.call('POST', '/api/v1/tickets/check-in', { token: reception, body: proof });
    expect(late.body.error.code).toBe('too_late');
    const wrong = await server.call('POST', '/api/v1/tickets/check-in', {
      token: reception,
      body: { ...proof, codiceFiscale: citizen(2).codiceFiscale },
    });
    expect(wrong.status).toBe(404);
    server.setNow(MONDAY_OPEN);
  });
});
