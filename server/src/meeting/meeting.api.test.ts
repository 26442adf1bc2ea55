// Admission to a web meeting over real HTTP against a real server and a real lowdb folder.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizen, startTestServer, type TestServer } from '../testing/test-server.ts';
import { verifyMeetingToken } from './meeting-token.ts';

const MONDAY_EARLY = '2026-11-30T07:00:00+01:00';
const TUESDAY = '2026-12-01';
const SERVICE = 'naspi-consulenza';

interface Booked {
  code: string;
  start: string;
  end: string;
  admissionCode: string;
}

async function slots(server: TestServer, mode: string) {
  const result = await server.call(
    'GET',
    `/api/v1/availability?sede=rovigo&service=${SERVICE}&mode=${mode}&from=${TUESDAY}&to=${TUESDAY}`,
  );
  expect(result.status).toBe(200);
  return result.body.days[0].slots as { start: string }[];
}

/** Staff vouch for the strong sign-in they checked, so an official can book a web meeting directly. */
async function book(server: TestServer, token: string, index: number, mode = 'webMeeting'): Promise<Booked> {
  const slot = (await slots(server, mode))[index]!;
  const result = await server.call('POST', '/api/v1/bookings', {
    token,
    body: {
      sede: 'rovigo',
      service: SERVICE,
      mode,
      start: slot.start,
      citizen: { ...citizen(index), firstName: 'Giovanna' },
      authMethod: 'cie-pin',
      privacyNoticeVersion: '2026-01',
    },
  });
  expect(result.status).toBe(201);
  return { ...result.body.booking, admissionCode: result.body.admissionCode };
}

const minus = (iso: string, minutes: number) => new Date(Date.parse(iso) - minutes * 60_000).toISOString();
const otherCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe('POST /api/v1/meetings/admit', () => {
  let server: TestServer;
  let official: string;
  beforeAll(async () => {
    server = await startTestServer(MONDAY_EARLY);
    official = await server.login('funzionario.rovigo');
  });
  afterAll(() => server.stop());

  const admit = (code: string, admissionCode: string) =>
    server.call('POST', '/api/v1/meetings/admit', { body: { code, admissionCode } });

  it('admits the right code from 15 minutes before the start and sets the meeting cookie until the end', async () => {
    const meeting = await book(server, official, 0);
    server.setNow(minus(meeting.start, 10));
    const result = await admit(meeting.code.toLowerCase(), meeting.admissionCode);
    expect(result.status).toBe(200);
    expect(result.body.meeting).toEqual({
      code: meeting.code,
      service: SERVICE,
      sede: 'rovigo',
      start: meeting.start,
      end: meeting.end,
      opensAt: expect.any(String),
      firstName: 'Giovanna',
    });
    expect(Date.parse(result.body.meeting.opensAt)).toBe(Date.parse(minus(meeting.start, 15)));
    expect(result.body.meeting.opensAt.slice(-6)).toBe(meeting.start.slice(-6));

    const cookie = result.headers.get('set-cookie')!;
    const token = /^sportello_meeting=([^;]+);/.exec(cookie)![1]!;
    expect(cookie).toContain('; HttpOnly');
    expect(cookie).toContain('; SameSite=Strict');
    expect(cookie).toContain('; Path=/');
    expect(cookie).not.toContain('Secure');
    const maxAge = Number(/Max-Age=(\d+)/.exec(cookie)![1]);
    expect(maxAge).toBe((Date.parse(meeting.end) - Date.parse(minus(meeting.start, 10))) / 1000);
    const claims = verifyMeetingToken(server.ctx.secret, token, new Date(minus(meeting.start, 10)));
    expect(claims).toEqual({ code: meeting.code, exp: Date.parse(meeting.end) });
    expect(verifyMeetingToken(server.ctx.secret, token, new Date(meeting.end))).toBeUndefined();
    server.setNow(MONDAY_EARLY);
  });

  it('refuses before the room opens, naming when it opens, and after the end', async () => {
    const meeting = await book(server, official, 1);
    server.setNow(minus(meeting.start, 16));
    const early = await admit(meeting.code, meeting.admissionCode);
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('meeting_not_open');
    expect(Date.parse(early.body.error.details.opensAt)).toBe(Date.parse(minus(meeting.start, 15)));
    expect(early.headers.get('set-cookie')).toBeNull();
    server.setNow(minus(meeting.start, 15));
    expect((await admit(meeting.code, meeting.admissionCode)).status).toBe(200);
    server.setNow(minus(meeting.end, 1));
    expect((await admit(meeting.code, meeting.admissionCode)).status).toBe(200);
    server.setNow(meeting.end);
    const late = await admit(meeting.code, meeting.admissionCode);
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('meeting_over');
    server.setNow(MONDAY_EARLY);
  });

  it('answers 404 for an unknown booking and 409 for another mode or a cancelled meeting', async () => {
    const unknown = await admit('ZZZZZZZZ', '123456');
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.code).toBe('booking_not_found');

    const inPerson = await book(server, official, 2, 'inPerson');
    const notWeb = await admit(inPerson.code, inPerson.admissionCode);
    expect(notWeb.status).toBe(409);
    expect(notWeb.body.error.code).toBe('not_a_web_meeting');

    const meeting = await book(server, official, 3);
    const cancel = await server.call('POST', `/api/v1/bookings/${meeting.code}/cancel`, {
      body: { code: meeting.code, codiceFiscale: citizen(3).codiceFiscale },
    });
    expect(cancel.status).toBe(200);
    server.setNow(minus(meeting.start, 5));
    const cancelled = await admit(meeting.code, meeting.admissionCode);
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.error.code).toBe('booking_cancelled');
    server.setNow(MONDAY_EARLY);
  });

  it('names the bad field of a malformed body', async () => {
    const shortCode = await admit('K7M2QX9D', '12a45');
    expect(shortCode.status).toBe(400);
    expect(shortCode.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['admissionCode']);
    const badBooking = await server.call('POST', '/api/v1/meetings/admit', {
      body: { code: 'IIII', admissionCode: '123456' },
    });
    expect(badBooking.status).toBe(400);
    expect(badBooking.body.error.fields.map((f: { path: string }) => f.path)).toEqual(['code']);
    const extra = await server.call('POST', '/api/v1/meetings/admit', {
      body: { code: 'K7M2QX9D', admissionCode: '123456', codiceFiscale: 'x' },
    });
    expect(extra.status).toBe(400);
  });

  it('sets a Secure cookie when the public address is https', async () => {
    const meeting = await book(server, official, 4);
    server.setNow(minus(meeting.start, 5));
    const publicUrl = server.ctx.config.server.publicUrl;
    // The routes read publicUrl when they are built: build them again with an https address.
    const { meetingRoutes } = await import('./meeting.routes.ts');
    const ctx = { ...server.ctx, config: { ...server.ctx.config, server: { ...server.ctx.config.server } } };
    ctx.config.server.publicUrl = 'https://sportello.example';
    const [route] = meetingRoutes(ctx);
    const reply = await route!.handler({
      body: { code: meeting.code, admissionCode: meeting.admissionCode },
      query: undefined,
      params: undefined,
      principal: { kind: 'anonymous', roles: [] },
    } as never);
    expect(String(reply.headers?.['Set-Cookie'])).toMatch(/; Secure$/);
    expect(server.ctx.config.server.publicUrl).toBe(publicUrl);
    server.setNow(MONDAY_EARLY);
  });
});

describe('wrong admission codes', () => {
  let server: TestServer;
  let official: string;
  beforeAll(async () => {
    server = await startTestServer(MONDAY_EARLY);
    official = await server.login('funzionario.rovigo');
  });
  afterAll(() => server.stop());

  const admit = (code: string, admissionCode: string) =>
    server.call('POST', '/api/v1/meetings/admit', { body: { code, admissionCode } });
  const failures = async (code: string) =>
    (await server.ctx.store.read((r) => r.bookingByCode(code)))?.admissionFailures;

  it('are counted on the booking; a right code resets the count', async () => {
    const meeting = await book(server, official, 5);
    server.setNow(minus(meeting.start, 5));
    const wrong = otherCode(meeting.admissionCode);
    for (const left of [4, 3]) {
      const result = await admit(meeting.code, wrong);
      expect(result.status).toBe(403);
      expect(result.body.error.code).toBe('wrong_admission_code');
      expect(result.body.error.fields[0].path).toBe('admissionCode');
      expect(result.body.error.details.attemptsLeft).toBe(left);
    }
    expect(await failures(meeting.code)).toEqual({ count: 2 });
    expect((await admit(meeting.code, meeting.admissionCode)).status).toBe(200);
    expect(await failures(meeting.code)).toBeUndefined();
    expect((await admit(meeting.code, wrong)).body.error.details.attemptsLeft).toBe(4);
    server.setNow(MONDAY_EARLY);
  });

  it('lock the meeting for 15 minutes after the fifth, across a restart, and are logged without personal data', async () => {
    const meeting = await book(server, official, 6);
    const at = minus(meeting.start, 10);
    server.setNow(at);
    const wrong = otherCode(meeting.admissionCode);
    for (let i = 0; i < 4; i++) expect((await admit(meeting.code, wrong)).status).toBe(403);
    const fifth = await admit(meeting.code, wrong);
    expect(fifth.status).toBe(429);
    expect(fifth.body.error.code).toBe('too_many_attempts');
    const retryAt = new Date(Date.parse(at) + 15 * 60_000).toISOString();
    expect(fifth.body.error.details.retryAt).toBe(retryAt);
    // Even the right code waits out the lock.
    const right = await admit(meeting.code, meeting.admissionCode);
    expect(right.status).toBe(429);
    expect(right.body.error.details.retryAt).toBe(retryAt);

    const logs = server.logs();
    const warnings = logs
      .split('\n')
      .filter((l) => l.includes('wrong web-meeting admission code') && l.includes(meeting.code));
    expect(warnings).toHaveLength(5);
    expect(JSON.parse(warnings[4]!)).toMatchObject({ level: 40, booking: meeting.code, locked: true });
    // The time and pid are digits that could contain anything: look only at what was logged about it.
    const said = warnings
      .map((l) => {
        const { time: _time, pid: _pid, ...rest } = JSON.parse(l) as Record<string, unknown>;
        return JSON.stringify(rest);
      })
      .join('\n');
    for (const secret of [wrong, meeting.admissionCode, citizen(6).codiceFiscale, '3471234567'])
      expect(said).not.toContain(secret);

    const dataDir = server.dataDir;
    await server.stop();
    server = await startTestServer(minus(retryAt, 1), { dataDir });
    expect((await admit(meeting.code, meeting.admissionCode)).status).toBe(429);
    server.setNow(retryAt);
    expect((await admit(meeting.code, wrong)).body.error.details.attemptsLeft).toBe(4);
    const admitted = await admit(meeting.code, meeting.admissionCode);
    expect(admitted.status).toBe(200);
    expect(await failures(meeting.code)).toBeUndefined();
  });
});

describe('guessing booking codes', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer(MONDAY_EARLY);
  });
  afterAll(() => server.stop());

  it('is slowed down like the other public routes: 30 failures a minute, then 429', async () => {
    const guess = (i: number) =>
      server.call('POST', '/api/v1/meetings/admit', {
        body: { code: `ZZZZZZ${'0123456789ABCDEFGHJKMNPQRSTVWXYZ'[i]}0`, admissionCode: '123456' },
      });
    for (let i = 0; i < 30; i++) expect((await guess(i)).status).toBe(404);
    const slowed = await guess(30);
    expect(slowed.status).toBe(429);
    expect(slowed.body.error.code).toBe('too_many_requests');
  });
});
