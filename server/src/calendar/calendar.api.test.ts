// The manager's calendar over HTTP: validation naming the field, the sede's scope, availability and tickets
// honouring a change at once, the preview, offer (SMS with the citizen's page) and move, and a server stopped
// half-way that finishes the rest when it starts again, nothing lost or doubled.
import { afterEach, describe, expect, it } from 'vitest';
import { citizen, startTestServer, type TestServer } from '../testing/test-server.ts';
import { handleNext } from './rebooking.ts';

const MONDAY_EARLY = '2026-11-30T07:00:00+01:00';
const TUESDAY = '2026-12-01';
let server: TestServer | undefined;
afterEach(async () => {
  await server?.stop();
  server = undefined;
});

interface Sms {
  bookingCode: string;
  kind: string;
  text: string;
}

async function setUp(options: { dataDir?: string; jobs?: boolean } = {}) {
  const s = (server = await startTestServer(MONDAY_EARLY, options));
  return {
    s,
    manager: await s.login('direttore.rovigo'),
    desk: await s.login('contactcenter'),
    admin: await s.login('admin'),
  };
}

async function slots(s: TestServer, day = TUESDAY, service = 'naspi-consulenza', mode = 'inPerson') {
  const result = await s.call(
    'GET',
    `/api/v1/availability?sede=rovigo&service=${service}&mode=${mode}&from=${day}&to=${day}`,
  );
  return result.body.days[0].slots as { start: string; free: number }[];
}

async function book(
  s: TestServer,
  token: string,
  start: string,
  who: number,
  mode = 'inPerson',
): Promise<string> {
  const booked = await s.call('POST', '/api/v1/bookings', {
    token,
    body: {
      sede: 'rovigo',
      service: 'naspi-consulenza',
      mode,
      start,
      citizen: citizen(who),
      authMethod: 'typed',
      privacyNoticeVersion: '2026-01',
    },
  });
  expect(booked.status, JSON.stringify(booked.body)).toBe(201);
  return booked.body.booking.code as string;
}

/** The outbox as the store holds it, texts included (the admin's list leaves them out). */
async function pendingSms(s: TestServer, _admin: string): Promise<Sms[]> {
  return s.ctx.store.read((r) => r.outboxMessages({ status: 'pending', limit: 500 }));
}

const closure = (over: Record<string, unknown> = {}) => ({
  sede: 'rovigo',
  kind: 'closure',
  from: TUESDAY,
  to: TUESDAY,
  reason: 'Sciopero',
  rebooking: 'offer',
  ...over,
});

describe('calendar changes', () => {
  it('refuses bad input naming the field, and another sede with 403', async () => {
    const { s, manager } = await setUp();
    const post = (body: unknown) => s.call('POST', '/api/v1/calendar/changes', { token: manager, body });
    const field = async (body: unknown) => {
      const r = await post(body);
      expect(r.status, JSON.stringify(r.body)).toBe(400);
      return (r.body.error.fields as { path: string }[]).map((f) => f.path);
    };
    expect(await field(closure({ to: '2026-11-30' }))).toEqual(['to']);
    expect(await field(closure({ kind: 'absence' }))).toEqual(['official']);
    expect(await field(closure({ hours: { from: '12:00', to: '09:00' } }))).toEqual(['hours.to']);
    expect(await field(closure({ reason: '  ' }))).toEqual(['reason']);
    expect(await field(closure({ rebooking: 'later' }))).toEqual(['rebooking']);
    expect(await field(closure({ from: '2026-11-20' }))).toEqual(['from']);
    expect(await field(closure({ kind: 'absence', official: 'na-anna-russo' }))).toEqual(['official']);
    expect(await field(closure({ to: '2027-03-01' }))).toEqual(['to']);
    const other = await post(closure({ sede: 'napoli' }));
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('wrong_sede');
    const list = await s.call('GET', '/api/v1/calendar/changes?sede=napoli', { token: manager });
    expect(list.status).toBe(403);
    // Nothing was written by the refusals.
    const own = await s.call('GET', '/api/v1/calendar/changes', { token: manager });
    expect(own.body).toMatchObject({ sede: 'rovigo', changes: [] });
    expect(own.body.officials.map((o: { id: string }) => o.id)).toContain('ro-marco-ferrari');
  });

  it('closes the sede at once for bookings and tickets, and removing the change gives the hours back', async () => {
    const { s, manager } = await setUp();
    expect(await slots(s)).toHaveLength(12);
    const added = await s.call('POST', '/api/v1/calendar/changes', {
      token: manager,
      body: closure({ hours: { from: '10:30', to: '12:30' } }),
    });
    expect(added.status).toBe(201);
    expect((await slots(s)).map((x) => x.start.slice(11, 16))).toEqual([
      '08:30',
      '08:50',
      '09:10',
      '09:30',
      '09:50',
      '10:10',
    ]);

    // Today, all day: a station prints no ticket.
    const station = await s.stationToken('rovigo-accoglienza');
    s.setNow('2026-11-30T09:00:00+01:00');
    const ticket = () =>
      s.call('POST', '/api/v1/tickets', {
        token: station,
        body: { sede: 'rovigo', service: 'naspi-informazioni', language: 'it' },
      });
    expect((await ticket()).status).toBe(201);
    const today = await s.call('POST', '/api/v1/calendar/changes', {
      token: manager,
      body: closure({ from: '2026-11-30', to: '2026-11-30', reason: 'Allagamento' }),
    });
    const refused = await ticket();
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({ code: 'sede_closed' });
    expect(refused.body.error.message).toContain('Allagamento');

    const removed = await s.call('DELETE', `/api/v1/calendar/changes/${today.body.change.id}`, {
      token: manager,
    });
    expect(removed.status).toBe(200);
    expect(removed.body.removedBy).toBe('direttore.rovigo');
    expect((await ticket()).status).toBe(201);
    await s.call('DELETE', `/api/v1/calendar/changes/${added.body.change.id}`, { token: manager });
    expect(await slots(s)).toHaveLength(12);
  });

  it('previews the displaced bookings without personal data, then offers each citizen a new time by SMS', async () => {
    const { s, manager, desk, admin } = await setUp();
    const free = await slots(s);
    const a = await book(s, desk, free[0]!.start, 1);
    const b = await book(s, desk, free[3]!.start, 2);
    const wednesday = await book(s, desk, (await slots(s, '2026-12-02'))[0]!.start, 3);

    const preview = await s.call('POST', '/api/v1/calendar/changes/preview', {
      token: manager,
      body: closure({ rebooking: undefined }),
    });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body.displaced.map((d: { code: string }) => d.code)).toEqual([a, b]);
    expect(preview.body.displaced[0]).toEqual({
      code: a,
      service: 'naspi-consulenza',
      mode: 'inPerson',
      start: free[0]!.start,
      end: expect.any(String),
    });
    expect(JSON.stringify(preview.body)).not.toContain(citizen(1).codiceFiscale);

    const added = await s.call('POST', '/api/v1/calendar/changes', { token: manager, body: closure() });
    expect(added.body.change).toMatchObject({ displaced: 2, pending: [a, b], handled: [] });
    const ctx = s.ctx;
    await handleNext(ctx, added.body.change.id);
    await handleNext(ctx, added.body.change.id);
    expect(await handleNext(ctx, added.body.change.id)).toBeUndefined();

    const list = await s.call('GET', '/api/v1/calendar/changes', { token: manager });
    expect(list.body.changes[0].awaitingChoice).toBe(2);
    expect(
      list.body.changes[0].handled.map((h: { code: string; result: string }) => [h.code, h.result]),
    ).toEqual([
      [a, 'offered'],
      [b, 'offered'],
    ]);
    const sms = await pendingSms(s, admin);
    const offer = sms.find((m) => m.bookingCode === a && m.kind === 'rebook-offer')!;
    expect(offer.text).toMatch(/non può svolgersi/);
    // No reminder is left for the time that cannot be kept; Wednesday's booking is untouched.
    expect(sms.filter((m) => m.bookingCode === a).map((m) => m.kind)).not.toContain('reminder');
    expect(sms.filter((m) => m.bookingCode === wednesday).map((m) => m.kind)).toContain('reminder');

    // The link is the citizen's page: see, choose a new time among real free ones, and it is moved.
    const key = /\/p\/(\S+)$/.exec(offer.text)![1]!;
    const page = await s.call('GET', `/api/v1/self-service/${key}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({
      code: a,
      status: 'booked',
      displaced: { reason: 'Sciopero' },
      changeable: true,
    });
    expect(JSON.stringify(page.body)).not.toContain(citizen(1).codiceFiscale);
    expect((await s.call('GET', `/api/v1/self-service/${a}.wrongtokenwrongtoken00`)).status).toBe(404);
    const times = await s.call(
      'GET',
      `/api/v1/self-service/${key}/availability?from=${TUESDAY}&to=2026-12-02`,
    );
    expect(times.body.days[0].slots).toEqual([]);
    const chosen = times.body.days[1].slots[2].start as string;
    const closed = await s.call('POST', `/api/v1/self-service/${key}/reschedule`, {
      body: { start: free[1]!.start },
    });
    expect(closed.status).toBe(409);
    expect(closed.body.error.code).toBe('sede_closed');
    const moved = await s.call('POST', `/api/v1/self-service/${key}/reschedule`, { body: { start: chosen } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ start: chosen, status: 'booked' });
    expect(moved.body.displaced).toBeUndefined();
    const listed = await s.call('GET', '/api/v1/calendar/changes', { token: manager });
    expect(listed.body.changes[0].awaitingChoice).toBe(1);
    const after = await pendingSms(s, admin);
    // The offer not yet sent is dropped: the citizen gets the new time instead, and its reminder.
    expect(
      after
        .filter((m) => m.bookingCode === a)
        .map((m) => m.kind)
        .sort(),
    ).toEqual(['confirmation', 'reminder', 'reschedule']);
    const ics = await s.call('GET', `/api/v1/self-service/${key}/calendar`);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    expect(String(ics.body)).toContain('BEGIN:VEVENT');
    const cancelled = await s.call('POST', `/api/v1/self-service/${key}/cancel`);
    expect(cancelled.body).toMatchObject({ status: 'cancelled', changeable: false });
  });

  it('an absence displaces only what the officials left cannot take, the latest booked first', async () => {
    const { s, manager, desk } = await setUp();
    const free = await slots(s);
    expect(free[0]!.free).toBe(2);
    await book(s, desk, free[0]!.start, 1);
    s.setNow('2026-11-30T07:05:00+01:00');
    const second = await book(s, desk, free[0]!.start, 2);
    await book(s, desk, free[5]!.start, 3);
    const absence = {
      sede: 'rovigo',
      kind: 'absence',
      official: 'ro-marco-ferrari',
      from: TUESDAY,
      to: TUESDAY,
      reason: 'Malattia',
    };
    const preview = await s.call('POST', '/api/v1/calendar/changes/preview', {
      token: manager,
      body: absence,
    });
    expect(preview.body.displaced.map((d: { code: string }) => d.code)).toEqual([second]);
    const added = await s.call('POST', '/api/v1/calendar/changes', {
      token: manager,
      body: { ...absence, rebooking: 'offer' },
    });
    expect(added.body.change).toMatchObject({ officialName: expect.any(String), pending: [second] });
    // One official is left that day: a slot with nobody booked has one place, the full ones none.
    const after = await slots(s);
    expect(after.find((x) => x.start === free[0]!.start)).toBeUndefined();
    expect(after.find((x) => x.start === free[1]!.start)?.free).toBe(1);
    expect(after.find((x) => x.start === free[5]!.start)).toBeUndefined();
  });

  it('moves to the nearest free time of the same service and mode, the later of two equally near', async () => {
    const { s, manager, desk, admin } = await setUp();
    const free = await slots(s);
    // 09:10 with both officials of the sector booked at 08:50 and 09:30 by others.
    const moving = await book(s, desk, free[2]!.start, 1);
    for (const [i, who] of [
      [1, 10],
      [1, 11],
      [3, 12],
      [3, 13],
    ] as const)
      await book(s, desk, free[i]!.start, who);
    const added = await s.call('POST', '/api/v1/calendar/changes', {
      token: manager,
      body: closure({ hours: { from: '09:10', to: '09:30' }, rebooking: 'move', reason: 'Assemblea' }),
    });
    expect(added.body.change.pending).toEqual([moving]);
    const handled = await handleNext(s.ctx, added.body.change.id);
    // 08:50 and 09:30 are full: the nearest free ones are 08:30 and 09:50, equally near; the later is taken.
    expect(handled).toMatchObject({ code: moving, result: 'moved', newStart: free[4]!.start });
    const booking = await s.ctx.store.read((r) => r.bookingByCode(moving));
    expect(booking?.start).toBe(free[4]!.start);
    expect((await pendingSms(s, admin)).filter((m) => m.bookingCode === moving).map((m) => m.kind)).toContain(
      'reschedule',
    );
  });
});

describe('a server stopped half-way', () => {
  it('finishes the rest when it starts again: each booking handled once, one SMS each', async () => {
    const first = await setUp({ jobs: false });
    const free = await slots(first.s);
    const codes: string[] = [];
    for (let i = 0; i < 6; i++) codes.push(await book(first.s, first.desk, free[i]!.start, 20 + i));
    const added = await first.s.call('POST', '/api/v1/calendar/changes', {
      token: first.manager,
      body: closure({ rebooking: 'move' }),
    });
    expect(added.body.change.pending).toHaveLength(6);
    // A second change over the same bookings leaves them to the first: one move each, not one per change.
    const again = await first.s.call('POST', '/api/v1/calendar/changes', {
      token: first.manager,
      body: closure({ hours: { from: '08:30', to: '10:00' }, reason: 'Assemblea', rebooking: 'move' }),
    });
    expect(again.body.change.pending).toEqual([]);
    await handleNext(first.s.ctx, added.body.change.id);
    await handleNext(first.s.ctx, added.body.change.id);
    const dataDir = first.s.dataDir;
    await first.s.stop();
    server = undefined;

    // Started again on the same data, with its background jobs: the worker picks up where it stopped.
    const second = await setUp({ dataDir, jobs: true });
    let change: { pending: string[]; handled: { code: string; result: string }[] } | undefined;
    await expect
      .poll(
        async () => {
          const list = await second.s.call('GET', '/api/v1/calendar/changes', { token: second.manager });
          change = list.body.changes.find((c: { reason: string }) => c.reason === 'Sciopero');
          return change?.pending.length;
        },
        { timeout: 10_000 },
      )
      .toBe(0);
    expect(change!.handled.map((h) => h.code).sort()).toEqual([...codes].sort());
    expect(change!.handled.every((h) => h.result === 'moved')).toBe(true);
    for (const code of codes) {
      const booking = await second.s.ctx.store.read((r) => r.bookingByCode(code));
      expect(booking?.start.slice(0, 10)).not.toBe(TUESDAY);
      const messages = await second.s.ctx.store.read((r) =>
        Promise.all(
          (['pending', 'sent'] as const).map((status) =>
            r.outboxMessages({ status, bookingCode: code, limit: 50 }),
          ),
        ),
      );
      expect(messages.flat().filter((m) => m.kind === 'reschedule')).toHaveLength(1);
    }
  });
});
