// /ws over real HTTP and WebSocket on loopback: the waiting room, matching, signaling and its limits.
import { cp, readFile, writeFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Official, StaffAccount } from '@sportello/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { hashToken, newToken, STAFF_TOKEN_PREFIX } from '../auth/tokens.ts';
import { defaultConfigDir } from '../config/load-config.ts';
import { createMeetingToken, MEETING_COOKIE } from '../meeting/meeting-token.ts';
import { booking } from '../store/store.contract.ts';
import { createAuthProof } from '../citizen-auth/auth-proof.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { WsPeer, type WsPeerOptions } from './ws-test-client.ts';

/** Tuesday 09:00 in Rome: officials work, callbacks can be booked from 09:30. */
const NOW = '2026-12-01T09:00:00+01:00';
const EXTRA = 20;
const SERVICE = 'pensione-informazioni'; // sector assicurato-pensionato

let server: TestServer;
let stationToken: string;
let otherStationToken: string;
let napoliStationToken: string;
const officialTokens: string[] = [];
const open: WsPeer[] = [];

async function peer(token?: string, options?: WsPeerOptions): Promise<WsPeer> {
  const p = await WsPeer.open(server.url, token, options);
  open.push(p);
  return p;
}

/** An official's console, set available. */
async function official(token: string): Promise<WsPeer> {
  const p = await peer(token);
  p.send({ type: 'official.status', status: 'available' });
  await p.next('official.state', (m) => m.status === 'available');
  return p;
}

async function join(token: string, extra: object = {}): Promise<{ kiosk: WsPeer; entryId: string }> {
  const kiosk = await peer(token);
  kiosk.send({ type: 'queue.join', service: SERVICE, ...extra });
  const { entryId } = await kiosk.next('queue.joined');
  return { kiosk, entryId };
}

beforeAll(async () => {
  // The shipped config, plus 20 officials of Rovigo's pension sector with console accounts.
  const dir = await mkdtemp(path.join(tmpdir(), 'sportello-video-config-'));
  await cp(defaultConfigDir(), dir, { recursive: true });
  const officials = JSON.parse(await readFile(path.join(dir, 'officials.json'), 'utf8')) as Official[];
  const staff = JSON.parse(await readFile(path.join(dir, 'staff.json'), 'utf8')) as StaffAccount[];
  for (let i = 0; i < EXTRA; i++) {
    const id = `ro-test-${i}`;
    officials.push({
      id,
      name: `Test ${i}`,
      sede: 'rovigo',
      sectors: ['assicurato-pensionato'],
      availability: {},
    });
    staff.push({ ...staff[0]!, username: `test.official.${i}`, name: `Test ${i}`, official: id });
  }
  await writeFile(path.join(dir, 'officials.json'), JSON.stringify(officials));
  await writeFile(path.join(dir, 'staff.json'), JSON.stringify(staff));
  server = await startTestServer(NOW, { configDir: dir });
  stationToken = await server.stationToken('adria-municipio');
  otherStationToken = await server.stationToken('rovigo-accoglienza');
  napoliStationToken = await server.stationToken('ischia-municipio');
  for (let i = 0; i < EXTRA; i++) {
    const token = newToken(STAFF_TOKEN_PREFIX);
    await server.ctx.store.transaction((tx) =>
      tx.insertSession({
        tokenHash: hashToken(token),
        username: `test.official.${i}`,
        roles: ['official'],
        sede: 'rovigo',
        createdAt: new Date(NOW).toISOString(),
        expiresAt: '2099-01-01T00:00:00.000Z',
      }),
    );
    officialTokens.push(token);
  }
});

afterEach(async () => {
  await Promise.all(open.splice(0).map((p) => p.close()));
  // Disconnects are handled asynchronously: wait until the queue is empty again.
  for (let i = 0; i < 100 && (await server.ctx.store.read((r) => r.videoQueue())).length > 0; i++)
    await new Promise((resolve) => setTimeout(resolve, 10));
});

afterAll(async () => {
  await server.stop();
});

describe('/ws upgrade', () => {
  it('refuses an unauthenticated upgrade with 401, and staff who are not officials with 403', async () => {
    await expect(WsPeer.open(server.url)).rejects.toThrow('HTTP 401');
    await expect(WsPeer.open(server.url, 'sps_forged')).rejects.toThrow('HTTP 401');
    await expect(WsPeer.open(server.url, await server.login('tecnico'))).rejects.toThrow('HTTP 403');
  });
});

describe('waiting room', () => {
  it('tells each citizen their position and wait, live on every change', async () => {
    await official(officialTokens[0]!);
    const first = await join(stationToken, { assistedBy: 'Anna Verdi', authMethod: 'typed' });
    expect(await first.kiosk.next('queue.position')).toMatchObject({ position: 1, estimatedWaitMinutes: 0 });
    const second = await join(otherStationToken);
    expect(await second.kiosk.next('queue.position')).toMatchObject({
      position: 2,
      estimatedWaitMinutes: 10,
    });
    first.kiosk.send({ type: 'queue.leave' });
    await first.kiosk.next('queue.left');
    expect(await second.kiosk.next('queue.position')).toMatchObject({ position: 1, estimatedWaitMinutes: 0 });
  });

  it('shows officials the queue by sector with waiting times, on the socket and over REST', async () => {
    const console0 = await official(officialTokens[0]!);
    const { entryId } = await join(stationToken, {
      assistedBy: 'Anna Verdi',
      authMethod: 'cie-pin',
      authProof: server.authProof('adria-municipio', 'RSSMRA80A01H501U'),
    });
    const snapshot = await console0.next('queue.snapshot', (m) =>
      m.snapshot.sectors.some((s: { waiting: unknown[] }) => s.waiting.length > 0),
    );
    const sector = snapshot.snapshot.sectors.find(
      (s: { sector: string }) => s.sector === 'assicurato-pensionato',
    );
    expect(sector.waiting).toEqual([
      expect.objectContaining({
        id: entryId,
        station: 'adria-municipio',
        assistedBy: 'Anna Verdi',
        authLevel: 'strong',
        waitingMinutes: 0,
      }),
    ]);
    const rest = await server.call('GET', '/api/v1/video/queue', { token: officialTokens[0] });
    expect(rest.status).toBe(200);
    expect(rest.body.groups.map((g: { group: string }) => g.group)).toEqual(['rovigo']);
    expect(JSON.stringify(rest.body)).toContain(entryId);
    expect((await server.call('GET', '/api/v1/video/queue', { token: stationToken })).status).toBe(403);
    expect((await server.call('GET', '/api/v1/video/queue')).status).toBe(401);
  });

  it('offers the next free callback slot when no official of the sector is online', async () => {
    const { kiosk, entryId } = await join(napoliStationToken);
    const told = await kiosk.next('queue.no-official');
    expect(told).toMatchObject({ entryId, reason: 'no-official-online' });
    expect(told.callback).toMatchObject({ sede: 'napoli', service: SERVICE });
    expect(Date.parse(told.callback.start)).toBeGreaterThanOrEqual(Date.parse(NOW) + 30 * 60_000);
  });

  it('says when an official of the sector comes online, and tells a new absence again', async () => {
    const { kiosk, entryId } = await join(stationToken);
    expect(await kiosk.next('queue.no-official')).toMatchObject({ entryId, reason: 'no-official-online' });
    const laura = await official(officialTokens[0]!);
    expect(await kiosk.next('queue.position', (m) => m.officialsOnline === 1)).toMatchObject({
      entryId,
      position: 1,
    });
    await laura.close();
    expect(await kiosk.next('queue.position', (m) => m.officialsOnline === 0)).toMatchObject({ entryId });
    expect(await kiosk.next('queue.no-official')).toMatchObject({ entryId, reason: 'no-official-online' });
  });

  it('tells the citizen once the wait passes maxWaitMinutes', async () => {
    await official(officialTokens[0]!);
    const { kiosk } = await join(stationToken);
    await kiosk.next('queue.position');
    server.setNow('2026-12-01T09:25:00+01:00');
    try {
      await server.ctx.video!.tick();
      expect(await kiosk.next('queue.no-official')).toMatchObject({ reason: 'wait-too-long' });
    } finally {
      server.setNow(NOW);
    }
  });
});

describe('calls', () => {
  async function call() {
    const desk = await official(officialTokens[0]!);
    const { kiosk, entryId } = await join(stationToken, { assistedBy: 'Anna Verdi' });
    desk.send({ type: 'queue.accept', entryId });
    const started = await desk.next('call.started');
    const citizenSide = await kiosk.next('call.started');
    return { desk, kiosk, entryId, started, citizenSide, callId: started.callId as string };
  }

  it('starts the call on both sides with the call id and ICE servers', async () => {
    const { desk, started, citizenSide, entryId } = await call();
    expect(started).toMatchObject({ role: 'official', entry: { id: entryId, assistedBy: 'Anna Verdi' } });
    expect(citizenSide).toMatchObject({
      role: 'citizen',
      callId: started.callId,
      official: { id: 'ro-test-0' },
    });
    expect(started.iceServers[0].urls[0]).toMatch(/^stun:/);
    expect(await desk.next('official.state', (m) => m.status === 'busy')).toBeTruthy();
  });

  it('relays offer, answer and ICE to the other party only', async () => {
    const { desk, kiosk, callId } = await call();
    desk.send({ type: 'call.offer', callId, sdp: 'v=0 offer' });
    expect(await kiosk.next('call.offer')).toEqual({ type: 'call.offer', callId, sdp: 'v=0 offer' });
    kiosk.send({ type: 'call.answer', callId, sdp: 'v=0 answer' });
    expect(await desk.next('call.answer')).toMatchObject({ sdp: 'v=0 answer' });
    const candidate = {
      candidate: 'candidate:1 1 udp 1 10.0.0.1 5000 typ host',
      sdpMid: '0',
      sdpMLineIndex: 0,
    };
    kiosk.send({ type: 'call.ice', callId, candidate });
    expect(await desk.next('call.ice')).toMatchObject({ candidate });
    desk.send({ type: 'call.ice', callId, candidate: null });
    expect(await kiosk.next('call.ice')).toMatchObject({ candidate: null });
    expect(desk.received('call.offer')).toHaveLength(0);
    expect(kiosk.received('call.answer')).toHaveLength(0);
  });

  it("sends the citizen the official's offer made before call.started right behind it, once", async () => {
    const desk = await official(officialTokens[0]!);
    const { kiosk, entryId } = await join(stationToken);
    desk.send({ type: 'queue.accept', entryId });
    desk.send({ type: 'queue.offer', sdp: 'v=0 early' });
    const { callId } = await desk.next('call.started');
    await kiosk.next('call.started');
    expect(await kiosk.next('call.offer')).toEqual({ type: 'call.offer', callId, sdp: 'v=0 early' });
    kiosk.send({ type: 'call.answer', callId, sdp: 'v=0 answer' });
    expect(await desk.next('call.answer')).toMatchObject({ sdp: 'v=0 answer' });
    expect(kiosk.received('call.offer')).toHaveLength(0);
    expect(desk.received('call.offer')).toHaveLength(0);
  });

  it('passes on as call.offer an early offer that crossed call.started, and drops one of a refused accept', async () => {
    const desk = await official(officialTokens[0]!);
    desk.send({ type: 'queue.accept-next' });
    expect(await desk.next('error')).toMatchObject({ code: 'queue_empty' });
    desk.send({ type: 'queue.offer', sdp: 'v=0 stale' });

    const { kiosk, entryId } = await join(stationToken);
    desk.send({ type: 'queue.accept', entryId });
    const { callId } = await desk.next('call.started');
    await kiosk.next('call.started');
    desk.send({ type: 'queue.offer', sdp: 'v=0 crossed' });
    expect(await kiosk.next('call.offer')).toEqual({ type: 'call.offer', callId, sdp: 'v=0 crossed' });
    // A second early offer for the same call is stale: an ICE restart's offer goes as call.offer.
    desk.send({ type: 'queue.offer', sdp: 'v=0 again' });
    desk.send({ type: 'call.offer', callId, sdp: 'v=0 restart' });
    expect(await kiosk.next('call.offer')).toMatchObject({ sdp: 'v=0 restart' });
    expect(kiosk.received('call.offer')).toHaveLength(0);
  });

  it('refuses a third socket that addresses the call', async () => {
    const { desk, kiosk, callId } = await call();
    const intruders = [await peer(otherStationToken), await official(officialTokens[1]!)];
    for (const intruder of intruders) {
      intruder.send({ type: 'call.offer', callId, sdp: 'v=0 evil' });
      intruder.send({ type: 'call.hangup', callId });
      expect(await intruder.next('error')).toMatchObject({ code: 'not_in_call', field: 'callId' });
      expect(await intruder.next('error')).toMatchObject({ code: 'not_in_call' });
    }
    desk.send({ type: 'call.offer', callId, sdp: 'v=0 real' });
    expect(await kiosk.next('call.offer')).toMatchObject({ sdp: 'v=0 real' });
    expect(kiosk.received('call.offer')).toHaveLength(0);
    expect(kiosk.received('call.ended')).toHaveLength(0);
  });

  it('ends the call for both on hang-up, and frees the official', async () => {
    const { desk, kiosk, callId } = await call();
    kiosk.send({ type: 'call.hangup', callId });
    expect(await desk.next('call.ended')).toEqual({ type: 'call.ended', callId, reason: 'hangup' });
    expect(await kiosk.next('call.ended')).toMatchObject({ callId, reason: 'hangup' });
    expect(await desk.next('official.state', (m) => m.status === 'available')).toBeTruthy();
    expect(await server.ctx.store.read((r) => r.videoQueue())).toEqual([]);
  });

  it('ends the call when a party disconnects', async () => {
    const { desk, kiosk, callId } = await call();
    await kiosk.close();
    expect(await desk.next('call.ended')).toMatchObject({ callId, reason: 'disconnected' });
  });

  it.each([2, EXTRA])(
    'gives the citizen to exactly one of %i officials accepting at the same instant',
    async (n) => {
      const desks = await Promise.all(officialTokens.slice(0, n).map((t) => official(t)));
      const { kiosk, entryId } = await join(stationToken);
      await Promise.all(
        desks.map((d) => d.next('queue.snapshot', (m) => JSON.stringify(m).includes(entryId))),
      );
      desks.forEach((d, i) =>
        d.send(i % 2 === 0 ? { type: 'queue.accept', entryId } : { type: 'queue.accept-next' }),
      );
      const outcomes = await Promise.all(
        desks.map((d) =>
          Promise.race([d.next('call.started').then(() => 'call'), d.next('error').then((e) => e.code)]),
        ),
      );
      expect(outcomes.filter((o) => o === 'call')).toHaveLength(1);
      expect(
        outcomes.filter((o) => o !== 'call').every((o) => o === 'entry_taken' || o === 'queue_empty'),
      ).toBe(true);
      expect(await kiosk.next('call.started')).toMatchObject({ entry: { id: entryId } });
    },
  );
});

describe('bad messages', () => {
  it('answers an error naming the field, and keeps the socket open', async () => {
    const kiosk = await peer(stationToken);
    kiosk.send('not json');
    expect(await kiosk.next('error')).toMatchObject({ code: 'bad_message' });
    kiosk.send({ type: 'queue.join' });
    expect(await kiosk.next('error')).toMatchObject({ code: 'validation_failed', field: 'service' });
    kiosk.send({ type: 'queue.dance' });
    expect(await kiosk.next('error')).toMatchObject({ field: 'type' });
    kiosk.send({ type: 'call.ice', callId: 'x', candidate: { candidate: 1 } });
    expect(await kiosk.next('error')).toMatchObject({ field: 'candidate.candidate' });
    kiosk.send({ type: 'queue.join', service: 'pensione-consulenza' });
    expect(await kiosk.next('error')).toMatchObject({ field: 'service' });
    kiosk.send({ type: 'queue.accept-next' });
    expect(await kiosk.next('error')).toMatchObject({ code: 'forbidden' });
    kiosk.send({ type: 'queue.join', service: SERVICE });
    expect(await kiosk.next('queue.joined')).toBeTruthy();
  });
});

// ---- the citizen's identity in the waiting room ----

const CF = 'RSSMRA80A01H501U';
const OTHER_CF = 'VRDNNA85M41H501P';

async function joinRefused(extra: object) {
  const kiosk = await peer(stationToken);
  kiosk.send({ type: 'queue.join', service: SERVICE, ...extra });
  const error = await kiosk.next('error');
  expect(kiosk.received('queue.joined')).toHaveLength(0);
  expect(await server.ctx.store.read((r) => r.videoQueue())).toEqual([]);
  return error;
}

/** The entry as the accepting official sees it in call.started. */
async function entrySeenByOfficial(extra: object) {
  const desk = await official(officialTokens[0]!);
  const { kiosk, entryId } = await join(stationToken, extra);
  const snapshot = await desk.next('queue.snapshot', (m) => JSON.stringify(m).includes(entryId));
  desk.send({ type: 'queue.accept', entryId });
  const started = await desk.next('call.started');
  await kiosk.next('call.started');
  return { entry: started.entry, snapshot, callId: started.callId as string, desk, kiosk };
}

describe('card proof in queue.join', () => {
  it('refuses a strong sign-in without a proof, with one for another station, expired or of another method', async () => {
    const proof = (station: string, method: 'cie-pin' | 'cns-pin' = 'cie-pin', minutes = 30) =>
      createAuthProof(server.ctx.secret, {
        codiceFiscale: CF,
        method,
        station,
        exp: Date.parse(NOW) + minutes * 60_000,
      });
    const cases: object[] = [
      { authMethod: 'cie-pin' },
      { authMethod: 'cns-pin', authProof: proof('ischia-municipio', 'cns-pin') },
      { authMethod: 'cie-pin', authProof: proof('adria-municipio', 'cie-pin', -1) },
      { authMethod: 'cie-pin', authProof: proof('adria-municipio', 'cns-pin') },
      { authMethod: 'cie-pin', authProof: 'forged.proof' },
      { authMethod: 'spid', authProof: proof('adria-municipio') },
    ];
    for (const extra of cases) {
      const error = await joinRefused(extra);
      expect(error, JSON.stringify(extra)).toMatchObject({
        code: 'strong_authentication_unproven',
        field: 'authProof',
      });
    }
  });

  it('takes the codice fiscale from the proof, the names from the kiosk, and hides them from snapshots', async () => {
    const { entry, snapshot } = await entrySeenByOfficial({
      authMethod: 'cie-pin',
      authProof: server.authProof('adria-municipio', CF),
      citizen: { codiceFiscale: OTHER_CF, firstName: 'Mario', lastName: 'Rossi', language: 'en' },
    });
    expect(entry).toMatchObject({ authLevel: 'strong', origin: 'station', station: 'adria-municipio' });
    expect(entry.citizen).toEqual({
      codiceFiscale: CF,
      firstName: 'Mario',
      lastName: 'Rossi',
      language: 'en',
      authMethod: 'cie-pin',
    });
    expect(JSON.stringify(snapshot)).not.toContain(CF);
    expect(JSON.stringify(snapshot)).not.toContain('Rossi');
  });

  it('checks a typed codice fiscale and normalises it; without one the citizen is not identified', async () => {
    expect(
      await joinRefused({ authMethod: 'typed', citizen: { codiceFiscale: 'RSSMRA80A01H501X' } }),
    ).toMatchObject({ code: 'validation_failed', field: 'citizen.codiceFiscale' });
    const typed = await entrySeenByOfficial({
      authMethod: 'typed',
      citizen: { codiceFiscale: 'rssmra80a01h501u' },
    });
    expect(typed.entry).toMatchObject({
      authLevel: 'typed',
      citizen: { codiceFiscale: CF, authMethod: 'typed' },
    });
  });

  it('leaves an anonymous citizen at level none, with no citizen data', async () => {
    const { entry } = await entrySeenByOfficial({ authMethod: 'cie-card' });
    expect(entry.authLevel).toBe('none');
    expect(entry.citizen).toEqual({ authMethod: 'cie-card' });
  });
});

// ---- call records and the audit log ----

describe('call records', () => {
  it('records the call in the match, audits the disclosure without the codice fiscale, and ends it', async () => {
    const { callId, desk, kiosk } = await entrySeenByOfficial({
      authMethod: 'cie-pin',
      authProof: server.authProof('adria-municipio', CF),
      assistedBy: 'Anna Verdi',
    });
    const record = await server.ctx.store.read((r) => r.callRecord(callId));
    expect(record).toMatchObject({
      callId,
      origin: 'station',
      group: 'rovigo',
      station: 'adria-municipio',
      official: 'ro-test-0',
      assistedBy: 'Anna Verdi',
      citizen: { codiceFiscale: CF, authMethod: 'cie-pin' },
      startedAt: new Date(NOW).toISOString(),
      waitedSince: new Date(NOW).toISOString(),
    });
    expect(record?.endedAt).toBeUndefined();
    const audit = await server.ctx.store.read((r) => r.auditOfDay('2026-12-01'));
    expect(audit.filter((e) => e.subject === callId)).toEqual([
      {
        at: new Date(NOW).toISOString(),
        actor: 'test.official.0',
        action: 'video.call.citizen-data',
        subject: callId,
        details: { via: 'call.started', official: 'ro-test-0' },
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain(CF);

    kiosk.send({ type: 'call.hangup', callId, reason: 'media-failed' });
    expect(await desk.next('call.ended')).toEqual({ type: 'call.ended', callId, reason: 'media-failed' });
    expect(await kiosk.next('call.ended')).toMatchObject({ reason: 'media-failed' });
    expect(await server.ctx.store.read((r) => r.callRecord(callId))).toMatchObject({
      endedAt: new Date(NOW).toISOString(),
      endReason: 'media-failed',
    });
  });

  it('asks the video provider for each call, and puts the citizen back in line when it fails', async () => {
    const asked: string[] = [];
    server.ctx.videoProvider = {
      name: 'test',
      prepareCall: async (callId) => {
        asked.push(callId);
        if (asked.length === 1) throw new Error('provider down');
        return { iceServers: [{ urls: ['turn:turn.test:3478'], username: callId, credential: 'c' }] };
      },
    };
    try {
      const desk = await official(officialTokens[0]!);
      const { kiosk, entryId } = await join(stationToken);
      desk.send({ type: 'queue.accept', entryId });
      expect(await desk.next('error')).toMatchObject({ code: 'video_unavailable' });
      expect(kiosk.received('call.started')).toHaveLength(0);
      expect(await server.ctx.store.read((r) => r.callRecord(asked[0]!))).toMatchObject({
        endReason: 'media-failed',
      });
      expect((await server.ctx.store.read((r) => r.videoQueue())).find((e) => e.id === entryId)?.status).toBe(
        'waiting',
      );
      desk.send({ type: 'queue.accept', entryId });
      const started = await kiosk.next('call.started');
      expect(started.callId).toBe(asked[1]);
      expect(started.iceServers).toEqual([
        { urls: ['turn:turn.test:3478'], username: asked[1], credential: 'c' },
      ]);
    } finally {
      delete server.ctx.videoProvider;
    }
  });

  it('ends the record as disconnected when the official goes away', async () => {
    const { callId, desk, kiosk } = await entrySeenByOfficial({});
    await desk.close();
    expect(await kiosk.next('call.ended')).toMatchObject({ reason: 'disconnected' });
    await vi.waitFor(async () =>
      expect((await server.ctx.store.read((r) => r.callRecord(callId)))?.endReason).toBe('disconnected'),
    );
  });
});

// ---- web meetings from home ----

describe('web meetings on /ws', () => {
  const CODE = 'K7M2QX9D';
  const start = '2026-12-01T09:10:00+01:00';
  const meetingBooking = (code: string, overrides = {}) =>
    booking(code, start, {
      mode: 'webMeeting',
      authMethod: 'spid',
      citizen: {
        codiceFiscale: CF,
        firstName: 'Maria',
        lastName: 'Verdi',
        phone: '+393471234567',
        language: 'fr',
      },
      ...overrides,
    });
  const cookieFor = (code: string) =>
    `${MEETING_COOKIE}=${createMeetingToken(server.ctx.secret, { code, exp: Date.parse(NOW) + 3_600_000 })}`;
  const home = (code = CODE, options: WsPeerOptions = {}) =>
    peer(undefined, { cookie: cookieFor(code), origin: server.url, ...options });

  beforeAll(async () => {
    await server.ctx.store.transaction(async (tx) => {
      await tx.insertBooking(meetingBooking(CODE));
      await tx.insertBooking(meetingBooking('AAAA2222', { mode: 'inPerson' }));
      await tx.insertBooking(meetingBooking('AAAA3333', { status: 'cancelled' }));
      await tx.insertBooking(
        meetingBooking('AAAA4444', { start: '2026-12-01T08:00:00+01:00', end: '2026-12-01T08:30:00+01:00' }),
      );
      // Moved to later in the day after its citizen was admitted: the old cookie is no early seat.
      await tx.insertBooking(
        meetingBooking('AAAA5555', { start: '2026-12-01T11:00:00+01:00', end: '2026-12-01T11:30:00+01:00' }),
      );
    });
  });

  it('refuses a forged or foreign cookie, and meetings that are not booked web meetings, not open yet or over', async () => {
    await expect(WsPeer.open(server.url, undefined, { cookie: `${MEETING_COOKIE}=x.y` })).rejects.toThrow(
      'HTTP 401',
    );
    await expect(
      WsPeer.open(server.url, undefined, { cookie: cookieFor(CODE), origin: 'https://evil.example' }),
    ).rejects.toThrow('HTTP 403');
    for (const code of ['AAAA2222', 'AAAA3333', 'AAAA4444', 'AAAA5555', 'ZZZZ9999'])
      await expect(WsPeer.open(server.url, undefined, { cookie: cookieFor(code) }), code).rejects.toThrow(
        'HTTP 403',
      );
  });

  it("enters the room with the booking's data, first in line at its time, and is called like a kiosk", async () => {
    const desk = await official(officialTokens[0]!);
    const kiosk = await join(stationToken);
    const meeting = await home();
    meeting.send({ type: 'queue.join', service: SERVICE });
    expect(await meeting.next('error')).toMatchObject({ code: 'forbidden', field: 'type' });
    kiosk.kiosk.send({ type: 'meeting.join' });
    expect(await kiosk.kiosk.next('error')).toMatchObject({ code: 'forbidden', field: 'type' });

    server.setNow('2026-12-01T09:10:00+01:00');
    try {
      meeting.send({ type: 'meeting.join' });
      const { entryId } = await meeting.next('queue.joined');
      expect(await meeting.next('queue.position')).toMatchObject({ entryId, position: 1 });
      const stored = (await server.ctx.store.read((r) => r.videoQueue())).find((e) => e.id === entryId);
      expect(stored).toEqual({
        id: entryId,
        group: 'rovigo',
        sede: 'rovigo',
        origin: 'web',
        sector: 'assicurato-pensionato',
        service: 'pensione-consulenza',
        since: new Date(start).toISOString(),
        authLevel: 'strong',
        status: 'waiting',
        // The instance holding the citizen's socket.
        instance: server.ctx.video!.instance,
        bookingCode: CODE,
        priorityAt: start,
        admittedAt: new Date(start).toISOString(),
        citizen: {
          codiceFiscale: CF,
          firstName: 'Maria',
          lastName: 'Verdi',
          phone: '+393471234567',
          language: 'fr',
          authMethod: 'spid',
        },
      });
      meeting.send({ type: 'meeting.join' });
      expect(await meeting.next('error')).toMatchObject({ code: 'already_waiting' });

      desk.send({ type: 'queue.accept-next' });
      const started = await desk.next('call.started');
      expect(started.entry).toMatchObject({ id: entryId, bookingCode: CODE, citizen: { lastName: 'Verdi' } });
      expect(await meeting.next('call.started')).toMatchObject({ role: 'citizen', callId: started.callId });
      desk.send({ type: 'call.offer', callId: started.callId, sdp: 'v=0 offer' });
      expect(await meeting.next('call.offer')).toMatchObject({ sdp: 'v=0 offer' });
      meeting.send({ type: 'call.answer', callId: started.callId, sdp: 'v=0 answer' });
      expect(await desk.next('call.answer')).toMatchObject({ sdp: 'v=0 answer' });
      expect(await server.ctx.store.read((r) => r.callRecord(started.callId))).toMatchObject({
        origin: 'web',
        bookingCode: CODE,
        citizen: { phone: '+393471234567' },
      });
      const audit = await server.ctx.store.read((r) => r.auditOfDay('2026-12-01'));
      expect(audit.find((e) => e.subject === started.callId)?.details).toMatchObject({ bookingCode: CODE });
      meeting.send({ type: 'queue.leave' });
      expect(await desk.next('call.ended')).toMatchObject({ reason: 'hangup' });
    } finally {
      server.setNow(NOW);
    }
  });

  it('lets one page per meeting in: a newer one replaces the older, whose entry goes', async () => {
    const first = await home();
    first.send({ type: 'meeting.join' });
    const { entryId } = await first.next('queue.joined');
    const second = await home();
    expect(await first.closed).toBe(4000);
    second.send({ type: 'meeting.join' });
    const joined = await second.next('queue.joined');
    await vi.waitFor(async () =>
      expect((await server.ctx.store.read((r) => r.videoQueue())).map((e) => e.id)).toEqual([joined.entryId]),
    );
    expect(joined.entryId).not.toBe(entryId);
  });

  it('checks the booking again on meeting.join: one cancelled since the page connected stays out', async () => {
    const code = 'AAAA6666';
    await server.ctx.store.transaction((tx) => tx.insertBooking(meetingBooking(code)));
    const meeting = await home(code);
    await server.ctx.store.transaction(async (tx) =>
      tx.updateBooking({ ...(await tx.bookingByCode(code))!, status: 'cancelled' }),
    );
    meeting.send({ type: 'meeting.join' });
    expect(await meeting.next('error')).toMatchObject({
      code: 'meeting_unavailable',
      message: 'this meeting is cancelled',
    });
    expect(meeting.received('queue.joined')).toHaveLength(0);
    expect(await server.ctx.store.read((r) => r.videoQueue())).toEqual([]);
  });
  it("suggests a callback at the booking's sede when no official is online", async () => {
    const meeting = await home();
    meeting.send({ type: 'meeting.join' });
    expect(await meeting.next('queue.no-official')).toMatchObject({
      reason: 'no-official-online',
      callback: { sede: 'rovigo', service: 'pensione-consulenza' },
    });
  });

  it('prefers the meeting cookie over a staff session only when the page asks for it', async () => {
    const token = officialTokens[3]!;
    const both = `${cookieFor(CODE)}; sportello_session=${token}`;
    const asOfficial = await peer(undefined, { cookie: both, origin: server.url });
    expect(await asOfficial.next('official.state')).toMatchObject({ official: 'ro-test-3' });
    const asMeeting = await peer(undefined, { cookie: both, origin: server.url, query: '?client=meeting' });
    asMeeting.send({ type: 'meeting.join' });
    expect(await asMeeting.next('queue.joined')).toBeTruthy();
  });
});
