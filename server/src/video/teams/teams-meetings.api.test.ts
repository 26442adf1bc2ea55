// Teams meetings for booked web meetings against the local Graph stand-in (token endpoint and onlineMeetings
// calls, with 503, 429 + Retry-After, an answer lost after the work, an expired token): a real server and
// lowdb folder, the Teams worker and the SMS outbox worker run step by step on the test's clock.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfigDir, loadConfig } from '../../config/load-config.ts';
import { OutboxWorker } from '../../notification/outbox-worker.ts';
import type { OutgoingSms } from '../../notification/sms-provider.ts';
import { citizen, startTestServer, type TestServer } from '../../testing/test-server.ts';
import { graphClient } from './graph-client.ts';
import {
  STAND_IN_AUTHORITY_HOST,
  standInFetch,
  startGraphStandIn,
  type GraphStandIn,
} from './graph-stand-in.ts';
import { startTeamsWorker, TeamsWorker } from './teams-worker.ts';

const MONDAY_EARLY = '2026-11-30T07:00:00+01:00';
const TUESDAY = '2026-12-01';
const SERVICE = 'naspi-consulenza';
const ORGANIZER = 'sportello.rovigo@inps.example.it';

async function configWithTeams(standIn: GraphStandIn): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sportello-teams-config-'));
  await cp(defaultConfigDir(), dir, { recursive: true });
  const teams = JSON.parse(await readFile(path.join(dir, 'teams.json'), 'utf8'));
  teams.graph = {
    tenantId: standIn.tenantId,
    clientId: standIn.clientId,
    organizers: { rovigo: ORGANIZER },
    authorityHost: STAND_IN_AUTHORITY_HOST,
    graphUrl: `${standIn.url}/v1.0`,
    smsWaitMinutes: 15,
  };
  await writeFile(path.join(dir, 'teams.json'), JSON.stringify(teams));
  return dir;
}

describe('Teams meetings for booked web meetings (Graph stand-in)', () => {
  let standIn: GraphStandIn;
  let server: TestServer;
  let official: string;
  let teams: TeamsWorker;
  let outbox: OutboxWorker;
  const sent: OutgoingSms[] = [];
  let now = Date.parse(MONDAY_EARLY);
  const setNow = (ms: number) => {
    now = ms;
    server.setNow(new Date(ms).toISOString());
  };
  const later = (seconds: number) => setNow(now + seconds * 1000);

  beforeAll(async () => {
    standIn = await startGraphStandIn();
    server = await startTestServer(MONDAY_EARLY, { configDir: await configWithTeams(standIn) });
    official = await server.login('funzionario.rovigo');
    const settings = server.ctx.config.teams.graph!;
    const graph = graphClient({ settings, clientSecret: standIn.clientSecret, fetch: standInFetch(standIn) });
    const log = pino({ level: 'silent' });
    teams = new TeamsWorker({
      store: server.ctx.store,
      graph,
      clock: server.ctx.clock,
      log,
      id: 'teams-test',
    });
    outbox = new OutboxWorker({
      store: server.ctx.store,
      provider: { send: async (sms) => (sent.push(sms), { id: sms.ref, status: 'accepted' as const }) },
      clock: server.ctx.clock,
      log,
      retry: server.ctx.config.notifications.retry,
      pollMs: 1000,
      batchSize: 10,
      leaseMs: 30_000,
    });
  });
  afterAll(async () => {
    await server.stop();
    await standIn.close();
  });

  async function book(index: number, mode = 'webMeeting', service = SERVICE) {
    const slots = await server.call(
      'GET',
      `/api/v1/availability?sede=rovigo&service=${service}&mode=${mode}&from=${TUESDAY}&to=${TUESDAY}`,
    );
    const person = { ...citizen(index), firstName: 'Giovanna' };
    const result = await server.call('POST', '/api/v1/bookings', {
      token: official,
      body: {
        sede: 'rovigo',
        service,
        mode,
        start: slots.body.days[0].slots[index].start,
        citizen: person,
        authMethod: 'cie-pin',
        privacyNoticeVersion: '2026-01',
      },
    });
    expect(result.status).toBe(201);
    return { ...result.body.booking, admissionCode: result.body.admissionCode, citizen: person } as {
      code: string;
      start: string;
      end: string;
      admissionCode: string;
      citizen: { codiceFiscale: string };
    };
  }
  const record = (code: string) => server.ctx.store.read((r) => r.teamsMeeting(code));
  const graphCalls = (method: string) => standIn.calls.filter((c) => c.method === method);

  it('a web meeting booked while Graph fails gets exactly one meeting, and its SMS goes once it exists', async () => {
    // 503, then 429 asking 30 s, then the meeting made but its answer lost, then a token gone stale.
    standIn.failNext({ status: 503 }, { status: 429, retryAfterSeconds: 30 }, { status: 503, lost: true });
    const booked = await book(0);
    expect(await record(booked.code)).toMatchObject({ organizer: ORGANIZER, dueAt: expect.any(String) });
    // The booking answered at once; its confirmation waits for the meeting.
    expect(await outbox.runOnce()).toBe(0);

    expect(await teams.runOnce()).toBe(1); // 503
    expect(await teams.runOnce()).toBe(0); // not before its retry time
    later(5);
    expect(await teams.runOnce()).toBe(1); // 429, Retry-After 30
    later(29);
    expect(await teams.runOnce()).toBe(0);
    later(1);
    expect(await teams.runOnce()).toBe(1); // made, answer lost
    expect(standIn.meetings.size).toBe(1);
    expect((await record(booked.code))!.joinUrl).toBeUndefined();
    expect(await outbox.runOnce()).toBe(0);
    standIn.expireTokens();
    later(20); // the third failed try waits 20 s
    expect(await teams.runOnce()).toBe(1); // 401, a fresh token, createOrGet finds the same meeting, PATCH

    expect(standIn.meetings.size).toBe(1);
    const [meeting] = [...standIn.meetings.values()];
    expect(meeting).toMatchObject({
      organizer: ORGANIZER,
      externalId: booked.code,
      subject: `Appuntamento INPS ${booked.code}`,
      startDateTime: new Date(booked.start).toISOString(),
      lobbyBypassSettings: { scope: 'organizer', isDialInBypassEnabled: false },
    });
    expect(meeting!.subject).not.toContain('Giovanna');
    expect(graphCalls('POST').map((c) => c.status)).toEqual([503, 429, 503, 401, 200]);
    expect(standIn.tokensIssued).toBe(2);
    const stored = (await record(booked.code))!;
    expect(stored).toMatchObject({ meetingId: meeting!.id, joinUrl: meeting!.joinWebUrl, syncedVersion: 1 });
    expect(stored.dueAt).toBeUndefined();

    expect(await outbox.runOnce()).toBe(1);
    expect(await outbox.runOnce()).toBe(0);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain(`/meeting/${booked.code}`);
    expect(sent[0]!.text).toContain(booked.admissionCode);

    // The meeting page admits with the SMS code, then offers the Teams link.
    setNow(Date.parse(booked.start) - 10 * 60_000);
    const admitted = await server.call('POST', '/api/v1/meetings/admit', {
      body: { code: booked.code, admissionCode: booked.admissionCode },
    });
    expect(admitted.status).toBe(200);
    expect(admitted.body.meeting.teamsJoinUrl).toBe(meeting!.joinWebUrl);
    setNow(Date.parse(MONDAY_EARLY) + 3600_000);
  });

  it('a reschedule patches the meeting; a cancel deletes it and nothing is left to do', async () => {
    const booked = await book(1);
    await teams.runOnce();
    await outbox.runOnce();
    const id = (await record(booked.code))!.meetingId!;
    const patches = graphCalls('PATCH').length;

    const slots = await server.call(
      'GET',
      `/api/v1/availability?sede=rovigo&service=${SERVICE}&mode=webMeeting&from=${TUESDAY}&to=${TUESDAY}`,
    );
    const newStart = slots.body.days[0].slots.at(-1).start as string;
    const moved = await server.call('POST', `/api/v1/bookings/${booked.code}/reschedule`, {
      body: { code: booked.code, codiceFiscale: booked.citizen.codiceFiscale, start: newStart },
    });
    expect(moved.status).toBe(200);
    standIn.failNext({ status: 503 });
    expect(await teams.runOnce()).toBe(1);
    later(5);
    expect(await teams.runOnce()).toBe(1);
    expect(graphCalls('PATCH').length).toBe(patches + 2);
    expect(standIn.meetings.get(id)!.startDateTime).toBe(new Date(newStart).toISOString());
    expect(graphCalls('POST').filter((c) => c.status < 300).length).toBe(2); // no second createOrGet

    const cancelled = await server.call('POST', `/api/v1/bookings/${booked.code}/cancel`, {
      body: { code: booked.code, codiceFiscale: booked.citizen.codiceFiscale },
    });
    expect(cancelled.status).toBe(200);
    expect(await teams.runOnce()).toBe(1);
    expect(standIn.meetings.has(id)).toBe(false);
    expect(graphCalls('DELETE').map((c) => c.status)).toEqual([204]);
    expect(await record(booked.code)).toMatchObject({ cancelled: true, deletedAt: expect.any(String) });
    expect(await teams.runOnce()).toBe(0);
  });

  it('the official records the identification and outcome of a Teams meeting in the console, on a call record of provider teams', async () => {
    setNow(Date.parse(MONDAY_EARLY) + 3 * 3600_000);
    // Laura Bianchi (funzionario.rovigo) serves the pension sector.
    const booked = await book(5, 'webMeeting', 'pensione-consulenza');
    expect(await teams.runOnce()).toBe(1);
    const appointments = async () =>
      (
        await server.call('GET', `/api/v1/appointments?date=${TUESDAY}`, { token: official })
      ).body.appointments.find((a: { code: string }) => a.code === booked.code);
    expect((await appointments()).teamsJoinUrl).toEqual(expect.any(String));
    expect((await appointments()).teamsCall).toBeUndefined();

    const opened = await server.call('POST', `/api/v1/appointments/${booked.code}/teams-call`, {
      token: official,
    });
    expect(opened.status).toBe(200);
    const call = opened.body.call;
    expect(call).toMatchObject({
      provider: 'teams',
      origin: 'web',
      bookingCode: booked.code,
      official: 'ro-laura-bianchi',
      citizen: { codiceFiscale: booked.citizen.codiceFiscale, firstName: 'Giovanna' },
    });
    // Opening it again answers the same record.
    const again = await server.call('POST', `/api/v1/appointments/${booked.code}/teams-call`, {
      token: official,
    });
    expect(again.body.call.callId).toBe(call.callId);
    expect((await appointments()).teamsCall).toEqual({
      callId: call.callId,
      identificationRecorded: false,
      outcomeRecorded: false,
    });

    // The built-in call's routes and validation record it.
    const bad = await server.call('POST', `/api/v1/video/calls/${call.callId}/identification`, {
      token: official,
      body: {
        document: { type: 'passaporto', numberLast4: '1234', expiryChecked: true },
        faceMatches: 'yes',
      },
    });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toContain('faceMatches');
    const identified = await server.call('POST', `/api/v1/video/calls/${call.callId}/identification`, {
      token: official,
      body: {
        document: { type: 'cie', numberLast4: 'ab12', expiryChecked: true },
        faceMatches: true,
        admissionCodeChecked: true,
      },
    });
    expect(identified.status, JSON.stringify(identified.body)).toBe(200);
    const outcome = await server.call('POST', `/api/v1/video/calls/${call.callId}/outcome`, {
      token: official,
      body: { outcome: 'answered', notes: 'Domanda NASpI verificata' },
    });
    expect(outcome.status).toBe(200);
    expect(outcome.body.call).toMatchObject({
      provider: 'teams',
      identification: { faceMatches: true },
      outcome: { outcome: 'answered' },
    });
    expect((await appointments()).teamsCall).toMatchObject({
      identificationRecorded: true,
      outcomeRecorded: true,
    });
    const events = await server.ctx.store.read((r) => r.auditOfDay('2026-11-30'));
    expect(events.filter((e) => e.subject === call.callId).map((e) => e.details?.route)).toEqual([
      'teams-call',
      'teams-call',
      'identification',
      'outcome',
    ]);

    // Only the official's own sede group and sector; only bookings held in Teams; a code that is one.
    const napoli = await server.login('funzionario.napoli');
    const foreign = await server.call('POST', `/api/v1/appointments/${booked.code}/teams-call`, {
      token: napoli,
    });
    expect(foreign.status).toBe(403);
    expect(foreign.body.error.code).toBe('not_yours');
    const otherSector = await book(4);
    const sector = await server.call('POST', `/api/v1/appointments/${otherSector.code}/teams-call`, {
      token: official,
    });
    expect(sector.status).toBe(403);
    const inPerson = await book(6, 'inPerson', 'pensione-consulenza');
    const notTeams = await server.call('POST', `/api/v1/appointments/${inPerson.code}/teams-call`, {
      token: official,
    });
    expect(notTeams.status).toBe(409);
    expect(notTeams.body.error.code).toBe('not_a_teams_meeting');
    const badCode = await server.call('POST', '/api/v1/appointments/nope/teams-call', { token: official });
    expect(badCode.status).toBe(400);
    expect(JSON.stringify(badCode.body)).toContain('path.code');
    // Leaves nothing due for the tests after it: the other meetings made, their SMS sent.
    expect(await teams.runOnce()).toBe(1);
    await outbox.runOnce();
  });

  it('while Graph stays down the confirmation goes at its time anyway, and the page keeps the built-in meeting', async () => {
    await outbox.runOnce(); // the SMS of the move and the cancellation above
    const before = sent.length;
    standIn.failNext(...Array.from({ length: 20 }, () => ({ status: 503 })));
    const booked = await book(2);
    for (let i = 0; i < 6; i++) {
      await teams.runOnce();
      later(60);
    }
    expect(await outbox.runOnce()).toBe(0);
    later(15 * 60);
    expect(await outbox.runOnce()).toBe(1);
    expect(sent.slice(before).map((s) => s.text)).toEqual([
      expect.stringContaining(`/meeting/${booked.code}`),
    ]);
    setNow(Date.parse(booked.start) - 10 * 60_000);
    const admitted = await server.call('POST', '/api/v1/meetings/admit', {
      body: { code: booked.code, admissionCode: booked.admissionCode },
    });
    expect(admitted.status).toBe(200);
    expect(admitted.body.meeting.teamsJoinUrl).toBeUndefined();
    expect(admitted.body.meeting.teamsFallback).toBe(true);
  });

  it('an in-person booking makes no meeting', async () => {
    const meetings = standIn.meetings.size;
    setNow(Date.parse(MONDAY_EARLY) + 2 * 3600_000);
    const booked = await book(3, 'inPerson');
    expect(await record(booked.code)).toBeUndefined();
    expect(standIn.meetings.size).toBe(meetings);
  });

  it('a deployment with Teams meetings does not start without the client secret in the environment', () => {
    expect(() => startTeamsWorker(server.ctx, undefined, {})).toThrow(/SPORTELLO_GRAPH_CLIENT_SECRET/);
  });
});

describe('Teams meetings with the server’s own jobs', () => {
  it('the worker started with the server makes the meeting of a web meeting just booked', async () => {
    const standIn = await startGraphStandIn();
    const configDir = await configWithTeams(standIn);
    const settings = (await loadConfig(configDir)).teams.graph!;
    const server = await startTestServer(MONDAY_EARLY, {
      configDir,
      jobs: true,
      teamsGraph: graphClient({ settings, clientSecret: standIn.clientSecret, fetch: standInFetch(standIn) }),
    });
    try {
      const official = await server.login('funzionario.rovigo');
      const slots = await server.call(
        'GET',
        `/api/v1/availability?sede=rovigo&service=${SERVICE}&mode=webMeeting&from=${TUESDAY}&to=${TUESDAY}`,
      );
      const result = await server.call('POST', '/api/v1/bookings', {
        token: official,
        body: {
          sede: 'rovigo',
          service: SERVICE,
          mode: 'webMeeting',
          start: slots.body.days[0].slots[0].start,
          citizen: citizen(7),
          authMethod: 'cie-pin',
          privacyNoticeVersion: '2026-01',
        },
      });
      expect(result.status).toBe(201);
      // Woken by the booking's notification, not by a test's call.
      await expect.poll(() => standIn.meetings.size, { timeout: 10_000 }).toBe(1);
      await expect
        .poll(
          async () => (await server.ctx.store.read((r) => r.teamsMeeting(result.body.booking.code)))?.joinUrl,
        )
        .toBe([...standIn.meetings.values()][0]!.joinWebUrl);
    } finally {
      await server.stop();
      await standIn.close();
    }
  });
});
