// Bookings over real HTTP against a real server and a real lowdb folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizen, startTestServer, type TestServer } from '../testing/test-server.ts';

const MONDAY_EARLY = '2026-11-30T07:00:00+01:00';
const TUESDAY = '2026-12-01';
const SERVICE = 'naspi-consulenza';

let server: TestServer;
let station: string;

beforeAll(async () => {
  server = await startTestServer(MONDAY_EARLY);
  station = await server.stationToken('adria-municipio');
});
afterAll(() => server.stop());

async function slotsOn(day: string, service = SERVICE, mode = 'inPerson', sede = 'rovigo') {
  const result = await server.call(
    'GET',
    `/api/v1/availability?sede=${sede}&service=${service}&mode=${mode}&from=${day}&to=${day}`,
  );
  expect(result.status).toBe(200);
  return result.body.days[0].slots as { start: string; end: string; free: number }[];
}

function book(start: string, index: number, extra: Record<string, unknown> = {}) {
  return server.call('POST', '/api/v1/bookings', {
    token: station,
    body: {
      sede: 'rovigo',
      service: SERVICE,
      mode: 'inPerson',
      start,
      citizen: citizen(index),
      authMethod: 'typed',
      privacyNoticeVersion: '2026-01',
      ...extra,
    },
  });
}

describe('availability', () => {
  it('lists the day’s slots in Rome time with their free places', async () => {
    const slots = await slotsOn(TUESDAY);
    expect(slots.length).toBeGreaterThan(5);
    expect(slots[0]!.start).toBe('2026-12-01T08:30:00+01:00');
    expect(slots.every((s) => s.free >= 1)).toBe(true);
  });

  it('offers nothing on a national holiday (8 December)', async () => {
    expect(await slotsOn('2026-12-08')).toEqual([]);
  });

  it('names every bad query field', async () => {
    const result = await server.call('GET', '/api/v1/availability?sede=rovigo&mode=teleport&from=2026-13-01');
    expect(result.status).toBe(400);
    expect(result.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'query.from',
      'query.mode',
      'query.service',
      'query.to',
    ]);
  });

  it('answers at most 62 days at a time, naming "to" beyond that', async () => {
    const ask = (to: string) =>
      server.call(
        'GET',
        `/api/v1/availability?sede=rovigo&service=${SERVICE}&mode=inPerson&from=${TUESDAY}&to=${to}`,
      );
    const widest = await ask('2027-01-31');
    expect(widest.status).toBe(200);
    expect(widest.body.days).toHaveLength(62);
    const wider = await ask('2027-02-01');
    expect(wider.status).toBe(400);
    expect(wider.body.error.fields[0].path).toBe('to');
  });

  it('says which sede or service does not exist, and refuses a mode the service lacks', async () => {
    const unknown = await server.call(
      'GET',
      `/api/v1/availability?sede=milano&service=${SERVICE}&mode=inPerson&from=${TUESDAY}&to=${TUESDAY}`,
    );
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields[0].path).toBe('sede');
    const mode = await server.call(
      'GET',
      `/api/v1/availability?sede=rovigo&service=maternita&mode=inPerson&from=${TUESDAY}&to=${TUESDAY}`,
    );
    expect(mode.status).toBe(400);
    expect(mode.body.error.fields[0].path).toBe('mode');
  });
});

describe('booking', () => {
  it('books a slot, answers a booking code and a one-time admission code, and finds it again', async () => {
    const [slot] = await slotsOn(TUESDAY);
    const created = await book(slot!.start, 1);
    expect(created.status).toBe(201);
    expect(created.body.booking.code).toMatch(/^[0-9A-HJKMNP-TV-Z]{8}$/);
    expect(created.body.admissionCode).toMatch(/^\d{6}$/);
    expect(created.body.booking.citizen.phone).toBe('+393471234567');
    expect(created.body.booking.bookedBy).toEqual({ channel: 'station', id: 'adria-municipio' });
    expect(created.body.booking).not.toHaveProperty('admissionCodeHash');
    expect((await slotsOn(TUESDAY))[0]!.free).toBe(slot!.free - 1);

    const code = created.body.booking.code as string;
    const found = await server.call('POST', '/api/v1/bookings/lookup', {
      body: {
        code: `${code.slice(0, 4).toLowerCase()}-${code.slice(4)}`,
        codiceFiscale: citizen(1).codiceFiscale.toLowerCase(),
      },
    });
    expect(found.status).toBe(200);
    expect(found.body.booking.start).toBe(slot!.start);
    const wrongPerson = await server.call('POST', '/api/v1/bookings/lookup', {
      body: { code, codiceFiscale: citizen(2).codiceFiscale },
    });
    expect(wrongPerson.status).toBe(404);
  });

  it('refuses the same citizen twice for the same service on one day', async () => {
    const slots = await slotsOn(TUESDAY);
    expect((await book(slots[2]!.start, 3)).status).toBe(201);
    const again = await book(slots[4]!.start, 3);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_booked');
  });

  it('refuses a web meeting, or a service needing it, without strong authentication', async () => {
    const [slot] = await slotsOn(TUESDAY, SERVICE, 'webMeeting');
    const weak = await book(slot!.start, 4, { mode: 'webMeeting' });
    expect(weak.status).toBe(403);
    expect(weak.body.error.code).toBe('strong_authentication_required');
    const unproven = await book(slot!.start, 4, { mode: 'webMeeting', authMethod: 'cie-pin' });
    expect(unproven.status).toBe(403);
    expect(unproven.body.error.code).toBe('strong_authentication_unproven');
    const someoneElse = await book(slot!.start, 4, {
      mode: 'webMeeting',
      authMethod: 'cie-pin',
      authProof: server.authProof('adria-municipio', citizen(5).codiceFiscale),
    });
    expect(someoneElse.status).toBe(403);
    const otherStation = await book(slot!.start, 4, {
      mode: 'webMeeting',
      authMethod: 'cie-pin',
      authProof: server.authProof('ischia-municipio', citizen(4).codiceFiscale),
    });
    expect(otherStation.status).toBe(403);
    const strong = await book(slot!.start, 4, {
      mode: 'webMeeting',
      authMethod: 'cie-pin',
      authProof: server.authProof('adria-municipio', citizen(4).codiceFiscale),
    });
    expect(strong.status).toBe(201);
    const [pension] = await slotsOn(TUESDAY, 'pensione-consulenza');
    const pensionWeak = await book(pension!.start, 5, { service: 'pensione-consulenza' });
    expect(pensionWeak.status).toBe(403);
  });

  it('names each bad field of a booking', async () => {
    const result = await book('2026-12-01T08:30:00', 6, {
      citizen: { codiceFiscale: 'RSSMRA80A01H501X', firstName: '', lastName: 'Rossi', phone: '12' },
      authMethod: 'password',
    });
    expect(result.status).toBe(400);
    expect(result.body.error.fields.map((f: { path: string }) => f.path).sort()).toEqual([
      'authMethod',
      'citizen.codiceFiscale',
      'citizen.firstName',
      'citizen.phone',
      'start',
    ]);
    expect(
      result.body.error.fields.find((f: { path: string }) => f.path === 'citizen.codiceFiscale').message,
    ).toMatch(/last letter/);
  });

  it('refuses an outdated privacy notice, an off-grid time, a past time and a closed day', async () => {
    const [slot] = await slotsOn(TUESDAY);
    const privacy = await book(slot!.start, 7, { privacyNoticeVersion: '2019-01' });
    expect(privacy.status).toBe(400);
    expect(privacy.body.error.fields[0].path).toBe('privacyNoticeVersion');
    expect((await book('2026-12-01T08:35:00+01:00', 7)).body.error.fields[0].path).toBe('start');
    server.setNow('2026-11-30T10:00:00+01:00');
    const past = await book('2026-11-30T08:30:00+01:00', 7);
    server.setNow(MONDAY_EARLY);
    expect(past.status).toBe(409);
    expect(past.body.error.code).toBe('slot_past');
    const holiday = await book('2026-12-08T08:30:00+01:00', 7);
    expect(holiday.status).toBe(409);
    expect(holiday.body.error.code).toBe('sede_closed');
    expect(holiday.body.error.details.nextSlots.length).toBeGreaterThan(0);
  });

  it('lets only stations and staff book', async () => {
    const [slot] = await slotsOn(TUESDAY);
    expect((await server.call('POST', '/api/v1/bookings', { body: {} })).status).toBe(401);
    const technician = await server.login('tecnico');
    expect((await server.call('POST', '/api/v1/bookings', { token: technician, body: {} })).status).toBe(403);
    const counter = await server.login('sportello.rovigo');
    const byStaff = await server.call('POST', '/api/v1/bookings', {
      token: counter,
      body: {
        sede: 'rovigo',
        service: SERVICE,
        mode: 'callback',
        start: slot!.start,
        citizen: citizen(8),
        authMethod: 'typed',
        privacyNoticeVersion: '2026-01',
      },
    });
    expect(byStaff.status).toBe(201);
    expect(byStaff.body.booking.bookedBy).toEqual({ channel: 'staff', id: 'sportello.rovigo' });
  });

  it('cancels and frees the slot; a second cancel is refused', async () => {
    const slots = await slotsOn(TUESDAY);
    const target = slots[6]!;
    const created = await book(target.start, 9);
    const code = created.body.booking.code;
    const body = { code, codiceFiscale: citizen(9).codiceFiscale };
    const cancelled = await server.call('POST', `/api/v1/bookings/${code}/cancel`, { body });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.booking.status).toBe('cancelled');
    expect((await slotsOn(TUESDAY)).find((s) => s.start === target.start)?.free).toBe(target.free);
    const again = await server.call('POST', `/api/v1/bookings/${code}/cancel`, { body });
    expect(again.status).toBe(409);
    const mismatch = await server.call('POST', `/api/v1/bookings/ZZZZZZZZ/cancel`, { body });
    expect(mismatch.status).toBe(400);
  });

  it('reschedules to a free slot and refuses a full one, suggesting others', async () => {
    const slots = await slotsOn('2026-12-02');
    const created = await book(slots[0]!.start, 10);
    const code = created.body.booking.code;
    const moved = await server.call('POST', `/api/v1/bookings/${code}/reschedule`, {
      body: { code, codiceFiscale: citizen(10).codiceFiscale, start: slots[3]!.start },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.booking.start).toBe(slots[3]!.start);
    expect((await slotsOn('2026-12-02'))[0]!.free).toBe(slots[0]!.free);

    const full = slots[5]!;
    for (let i = 0; i < full.free; i++) expect((await book(full.start, 100 + i)).status).toBe(201);
    const refused = await server.call('POST', `/api/v1/bookings/${code}/reschedule`, {
      body: { code, codiceFiscale: citizen(10).codiceFiscale, start: full.start },
    });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('slot_taken');
    expect(refused.body.error.details.nextSlots).toHaveLength(3);
  });
});

describe('availability after each change (nothing cached is served stale)', () => {
  const DAY = '2026-12-03';
  const NEXT = '2026-12-04';
  const freeAt = async (day: string, start: string) =>
    (await slotsOn(day)).find((s) => s.start === start)?.free ?? 0;

  it('a booking, a move within the day, a move to another day and a cancel each show at once', async () => {
    const [a, b] = await slotsOn(DAY);
    const [c] = await slotsOn(NEXT);
    const created = await book(a!.start, 40);
    expect(created.status).toBe(201);
    const code = created.body.booking.code as string;
    const own = { code, codiceFiscale: citizen(40).codiceFiscale };
    expect(await freeAt(DAY, a!.start)).toBe(a!.free - 1);

    const moved = await server.call('POST', `/api/v1/bookings/${code}/reschedule`, {
      body: { ...own, start: b!.start },
    });
    expect(moved.status).toBe(200);
    expect(await freeAt(DAY, a!.start)).toBe(a!.free);
    expect(await freeAt(DAY, b!.start)).toBe(b!.free - 1);

    const away = await server.call('POST', `/api/v1/bookings/${code}/reschedule`, {
      body: { ...own, start: c!.start },
    });
    expect(away.status).toBe(200);
    expect(await freeAt(DAY, b!.start)).toBe(b!.free);
    expect(await freeAt(NEXT, c!.start)).toBe(c!.free - 1);

    const cancelled = await server.call('POST', `/api/v1/bookings/${code}/cancel`, { body: own });
    expect(cancelled.status).toBe(200);
    expect(await freeAt(NEXT, c!.start)).toBe(c!.free);
  });

  it('a slot filled after availability was read is refused, and leaves the list', async () => {
    const target = (await slotsOn(DAY))[4]!;
    for (let i = 0; i < target.free; i++) expect((await book(target.start, 50 + i)).status).toBe(201);
    expect((await slotsOn(DAY)).some((s) => s.start === target.start)).toBe(false);
    const late = await book(target.start, 60);
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('slot_taken');
  });
});

describe('one citizen’s appointments', () => {
  const OTHER = 'sostegno-consulenza';
  const move = (code: string, index: number, start: string) =>
    server.call('POST', `/api/v1/bookings/${code}/reschedule`, {
      body: { code, codiceFiscale: citizen(index).codiceFiscale, start },
    });

  it('refuses a second booking of the service that day without giving away the first one', async () => {
    const slots = await slotsOn('2026-12-09');
    const first = await book(slots[0]!.start, 700);
    expect(first.status).toBe(201);
    const again = await book(slots[6]!.start, 700);
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_booked');
    expect(again.body.error.message).toMatch(/already has an appointment/);
    expect(again.body.error).not.toHaveProperty('details');
    const said = JSON.stringify(again.body);
    expect(said).not.toContain(first.body.booking.code);
    expect(said).not.toContain(slots[0]!.start);
    expect(said).not.toContain(slots[0]!.start.slice(11, 16));
  });

  it('refuses appointments of one person that overlap, whatever their mode, service or sede', async () => {
    const day = '2026-12-09';
    const [inPerson] = await slotsOn(day);
    const first = await book(inPerson!.start, 701);
    expect(first.status).toBe(201);
    // A ten-minute call starting inside the twenty minutes in person, and the same time in Napoli.
    const short = 'pensione-informazioni';
    const inside = (await slotsOn(day, short, 'callback')).find(
      (s) => s.start > inPerson!.start && s.start < inPerson!.end,
    )!;
    const napoli = (await slotsOn(day, OTHER, 'callback', 'napoli')).find(
      (s) => s.start === inPerson!.start,
    )!;
    for (const [sede, service, slot] of [
      ['rovigo', short, inside],
      ['napoli', OTHER, napoli],
    ] as const) {
      const overlapping = await book(slot.start, 701, { sede, service, mode: 'callback' });
      expect(overlapping.status, sede).toBe(409);
      expect(overlapping.body.error.code).toBe('overlapping_booking');
      expect(JSON.stringify(overlapping.body)).not.toContain(first.body.booking.code);
    }
    const after = (await slotsOn(day, OTHER, 'callback')).find((s) => s.start === inPerson!.end)!;
    expect((await book(after.start, 701, { service: OTHER, mode: 'callback' })).status).toBe(201);
  });

  it('caps one person’s open bookings of a service at two; cancelled and past ones do not count', async () => {
    const [wed] = await slotsOn('2026-12-10');
    const [thu] = await slotsOn('2026-12-11');
    const [mon] = await slotsOn('2026-12-14');
    const first = await book(wed!.start, 702);
    expect(first.status).toBe(201);
    expect((await book(thu!.start, 702)).status).toBe(201);
    const third = await book(mon!.start, 702);
    expect(third.status).toBe(409);
    expect(third.body.error.code).toBe('booking_limit');
    expect(JSON.stringify(third.body)).not.toContain(first.body.booking.code);
    // Another service is not capped by this one.
    expect((await book(mon!.start, 702, { service: OTHER, mode: 'callback' })).status).toBe(201);

    const code = first.body.booking.code;
    const body = { code, codiceFiscale: citizen(702).codiceFiscale };
    expect((await server.call('POST', `/api/v1/bookings/${code}/cancel`, { body })).status).toBe(200);
    const [tue] = await slotsOn('2026-12-15');
    expect((await book(tue!.start, 702)).status).toBe(201);
    expect((await book((await slotsOn('2026-12-16'))[0]!.start, 702)).body.error.code).toBe('booking_limit');
    // Once Thursday's appointment has passed, it no longer counts.
    server.setNow('2026-12-11T13:00:00+01:00');
    try {
      expect((await book((await slotsOn('2026-12-16'))[0]!.start, 702)).status).toBe(201);
    } finally {
      server.setNow(MONDAY_EARLY);
    }
  });

  it('refuses to move a booking onto a time overlapping another of the person’s appointments', async () => {
    const day = '2026-12-17';
    const [inPerson] = await slotsOn(day);
    expect((await book(inPerson!.start, 703)).status).toBe(201);
    const callbacks = await slotsOn(day, OTHER, 'callback');
    const created = await book(callbacks.at(-1)!.start, 703, { service: OTHER, mode: 'callback' });
    expect(created.status).toBe(201);
    const code = created.body.booking.code;
    const onTop = await move(code, 703, callbacks.find((s) => s.start === inPerson!.start)!.start);
    expect(onTop.status).toBe(409);
    expect(onTop.body.error.code).toBe('overlapping_booking');
    const stored = await server.call('POST', '/api/v1/bookings/lookup', {
      body: { code, codiceFiscale: citizen(703).codiceFiscale },
    });
    expect(stored.body.booking.start).toBe(callbacks.at(-1)!.start);
    const next = callbacks.find((s) => s.start === inPerson!.end)!;
    expect((await move(code, 703, next.start)).status).toBe(200);
    // Moving a booking within its own time is no overlap with itself.
    expect((await move(code, 703, callbacks[callbacks.indexOf(next) + 1]!.start)).status).toBe(200);
  });

  it('gives one of two concurrent overlapping requests of one person the time, the other a 409', async () => {
    const day = '2026-12-18';
    const [inPerson] = await slotsOn(day);
    const [callback] = await slotsOn(day, OTHER, 'callback');
    expect(callback!.start).toBe(inPerson!.start);
    const results = await Promise.all([
      book(inPerson!.start, 704),
      book(callback!.start, 704, { service: OTHER, mode: 'callback' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(results.find((r) => r.status === 409)!.body.error.code).toBe('overlapping_booking');
  });
});

describe('the race for the last place', () => {
  it('gives a slot of capacity 1 to exactly one of 200 concurrent requests; the others get 409 with free alternatives', async () => {
    const [slot] = await slotsOn('2026-12-03');
    for (let i = 1; i < slot!.free; i++) expect((await book(slot!.start, 300 + i)).status).toBe(201);
    expect((await slotsOn('2026-12-03'))[0]).toMatchObject({ start: slot!.start, free: 1 });

    const results = await Promise.all(Array.from({ length: 200 }, (_, i) => book(slot!.start, 400 + i)));
    const won = results.filter((r) => r.status === 201);
    const lost = results.filter((r) => r.status === 409);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(199);
    for (const r of lost) {
      expect(r.body.error.code).toBe('slot_taken');
      expect(r.body.error.details.nextSlots.length).toBeGreaterThan(0);
      expect(r.body.error.details.nextSlots.map((s: { start: string }) => s.start)).not.toContain(
        slot!.start,
      );
    }
    expect((await slotsOn('2026-12-03')).find((s) => s.start === slot!.start)).toBeUndefined();
  });
});
