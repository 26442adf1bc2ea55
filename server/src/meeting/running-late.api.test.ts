// The official's "running late" over real HTTP and /ws: checked, kept, audited, and heard by the waiting page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizen, startTestServer, type TestServer } from '../testing/test-server.ts';
import { WsPeer } from '../video/ws-test-client.ts';

const TUESDAY_EARLY = '2026-12-01T07:00:00+01:00';
const SERVICE = 'pensione-consulenza';

let server: TestServer;
let official: string;

async function book(day: string, index: number, who: number, mode = 'webMeeting') {
  const free = await server.call(
    'GET',
    `/api/v1/availability?sede=rovigo&service=${SERVICE}&mode=${mode}&from=${day}&to=${day}`,
  );
  const start = free.body.days[0].slots[index].start as string;
  const result = await server.call('POST', '/api/v1/bookings', {
    token: official,
    body: {
      sede: 'rovigo',
      service: SERVICE,
      mode,
      start,
      citizen: citizen(who),
      authMethod: 'cie-pin',
      privacyNoticeVersion: '2026-01',
    },
  });
  expect(result.status).toBe(201);
  return {
    code: result.body.booking.code as string,
    start,
    admissionCode: result.body.admissionCode as string,
  };
}

const late = (code: string, body: unknown, token = official) =>
  server.call('POST', `/api/v1/appointments/${code}/late`, { token, body });

beforeAll(async () => {
  server = await startTestServer(TUESDAY_EARLY);
  official = await server.login('funzionario.rovigo');
});
afterAll(() => server.stop());

describe('POST /api/v1/appointments/:code/late', () => {
  it('refuses bad minutes naming the field, another group’s official, other modes and other days', async () => {
    const today = await book('2026-12-01', 0, 1);
    const bad = await late(today.code, { minutes: 7 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('minutes');
    expect((await late(today.code, {})).status).toBe(400);
    expect((await late(today.code, { minutes: 5, extra: 1 })).status).toBe(400);
    const badCode = await late('nope', { minutes: 5 });
    expect(badCode.status).toBe(400);
    expect(JSON.stringify(badCode.body)).toContain('code');

    const napoli = await late(today.code, { minutes: 5 }, await server.login('funzionario.napoli'));
    expect(napoli.status).toBe(403);
    expect(napoli.body.error.code).toBe('not_yours');
    expect((await late(today.code, { minutes: 5 }, await server.login('tecnico'))).status).toBe(403);
    expect(
      (await server.call('POST', `/api/v1/appointments/${today.code}/late`, { body: { minutes: 5 } })).status,
    ).toBe(401);

    const inPerson = await book('2026-12-01', 2, 2, 'inPerson');
    expect((await late(inPerson.code, { minutes: 5 })).body.error.code).toBe('not_a_web_meeting');
    const tomorrow = await book('2026-12-02', 0, 3);
    const notToday = await late(tomorrow.code, { minutes: 5 });
    expect(notToday.status).toBe(409);
    expect(notToday.body.error.code).toBe('not_today');
    expect((await late('ZZZZ9999', { minutes: 5 })).status).toBe(404);
  });

  it('tells the waiting page live, again when it joins later, shows on the day’s list, and is audited', async () => {
    const meeting = await book('2026-12-01', 1, 4);
    // The room opens 15 minutes before the start.
    server.setNow(new Date(Date.parse(meeting.start) - 10 * 60_000).toISOString());
    const admitted = await server.call('POST', '/api/v1/meetings/admit', {
      body: { code: meeting.code, admissionCode: meeting.admissionCode },
    });
    expect(admitted.status).toBe(200);
    const cookie = /^([^;]+);/.exec(admitted.headers.get('set-cookie')!)![1]!;
    const page = await WsPeer.open(server.url, undefined, {
      cookie,
      origin: server.url,
      query: '?client=meeting',
    });
    try {
      page.send({ type: 'meeting.join' });
      await page.next('queue.joined');

      const told = await late(meeting.code, { minutes: 10 });
      expect(told.status).toBe(200);
      expect(told.body.appointment.runningLate).toEqual({ minutes: 10, at: expect.any(String) });
      expect(await page.next('meeting.late')).toEqual({
        type: 'meeting.late',
        minutes: 10,
        at: told.body.appointment.runningLate.at,
      });
    } finally {
      await page.close();
    }

    // A page that comes in afterwards (a reload) hears it at its join.
    const again = await WsPeer.open(server.url, undefined, {
      cookie,
      origin: server.url,
      query: '?client=meeting',
    });
    try {
      again.send({ type: 'meeting.join' });
      expect(await again.next('meeting.late')).toMatchObject({ minutes: 10 });
    } finally {
      await again.close();
    }

    const day = await server.call('GET', '/api/v1/appointments', { token: official });
    const row = day.body.appointments.find((a: { code: string }) => a.code === meeting.code);
    expect(row.runningLate).toMatchObject({ minutes: 10 });
    const events = await server.ctx.store.read((r) => r.auditOfDay('2026-12-01'));
    expect(events).toContainEqual(
      expect.objectContaining({
        actor: 'funzionario.rovigo',
        action: 'meetings.running-late',
        subject: meeting.code,
        details: { minutes: 10 },
      }),
    );
  });
});
