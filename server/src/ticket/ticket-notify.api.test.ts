// "Tocca a te tra poco" over real HTTP: the mobile number given at the kiosk after the ticket was printed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing/test-server.ts';

const MONDAY_OPEN = '2026-11-30T09:00:00+01:00';
const DAY = '2026-11-30';
let server: TestServer;
let reception: string;

beforeAll(async () => {
  server = await startTestServer(MONDAY_OPEN);
  reception = await server.stationToken('rovigo-accoglienza');
});
afterAll(() => server.stop());

/** Tickets for a service of its own, so that each test's queue starts empty. */
const issue = async (service: string): Promise<string> => {
  const issued = await server.call('POST', '/api/v1/tickets', {
    token: reception,
    body: { sede: 'rovigo', service },
  });
  expect(issued.status).toBe(201);
  return issued.body.ticket.id as string;
};

const notify = (id: string, phone = '347 123 4567', token = reception) =>
  server.call('POST', `/api/v1/tickets/${id}/notify`, { token, body: { sede: 'rovigo', phone } });

const almostTurnMessages = (id: string) =>
  server.ctx.store
    .read((r) => r.outboxMessages({ status: 'pending', bookingCode: `ticket-${id}`, limit: 10 }))
    .then((messages) => messages.filter((m) => m.kind === 'ticket-almost'));

const stored = async (id: string) =>
  (await server.ctx.store.read((r) => r.ticketsOfDay('rovigo', DAY))).find((t) => t.id === id)!;

describe('POST /tickets/:id/notify', () => {
  it('keeps the mobile number until few are ahead, and sends at once when few already are', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await issue('naspi-informazioni'));

    // Four ahead of the fifth: nothing yet.
    const later = await notify(ids[4]!);
    expect(later.status).toBe(204);
    expect((await stored(ids[4]!)).notifyPhone).toBe('+393471234567');
    expect(await almostTurnMessages(ids[4]!)).toEqual([]);

    // One ahead of the second: the SMS is in the outbox at once, with its phone page.
    expect((await notify(ids[1]!, '+39 348 765 4321')).status).toBe(204);
    const [message] = await almostTurnMessages(ids[1]!);
    expect(message).toMatchObject({ to: '+393487654321', language: 'it' });
    expect(message!.text).toMatch(
      /^Numero N002, INPS - Sede provinciale di Rovigo: tocca a te tra poco\. Persone prima di te: 1\. Segui la coda: http:\/\/127\.0\.0\.1:8080\/t\/rovigo\.2026-11-30\.[A-Za-z0-9_-]{22}$/,
    );
    expect((await stored(ids[1]!)).almostTurnSentAt).toBeDefined();

    // Once only; and its number by SMS (a printer failure) is still a message of its own.
    const again = await notify(ids[1]!);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_sent');
    const number = await server.call('POST', `/api/v1/tickets/${ids[1]}/sms`, {
      token: reception,
      body: { sede: 'rovigo', phone: '+39 348 765 4321' },
    });
    expect(number.status).toBe(202);
  });

  it('needs a mobile number, naming phone', async () => {
    const id = await issue('pensione-informazioni');
    const landline = await notify(id, '0425 123456');
    expect(landline.status).toBe(400);
    expect(landline.body.error.fields[0]).toEqual({
      path: 'phone',
      message: expect.stringMatching(/SMS needs a mobile number/),
    });
    expect((await stored(id)).notifyPhone).toBeUndefined();
  });

  it('is refused for a ticket no longer waiting, and unknown for one that does not exist today', async () => {
    const id = await issue('pensione-informazioni');
    await server.ctx.store.transaction(async (tx) => {
      const ticket = (await tx.ticketsOfDay('rovigo', DAY)).find((t) => t.id === id)!;
      await tx.updateTicket({ ...ticket, status: 'cancelled' });
    });
    const cancelled = await notify(id);
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.error.code).toBe('not_waiting');
    expect((await notify('no-such-ticket')).status).toBe(404);
  });

  it('is for stations and counters only', async () => {
    const id = await issue('pensione-informazioni');
    const official = await server.login('funzionario.rovigo');
    expect((await notify(id, '347 123 4567', official)).status).toBe(403);
    expect(
      (
        await server.call('POST', `/api/v1/tickets/${id}/notify`, {
          body: { sede: 'rovigo', phone: '3471234567' },
        })
      ).status,
    ).toBe(401);
    const counter = await server.login('sportello.rovigo');
    expect((await notify(id, '347 123 4567', counter)).status).toBe(204);
  });
});
