// The video hub with several server instances on one PostgreSQL schema, in one process (each its own port):
// a kiosk's citizen on one instance and the official on another, and an instance that dies (halt(): sockets
// cut, nothing cleaned up, liveness no longer renewed) as a `kill -9` would.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { VideoSettings, type QueueSnapshot } from '@sportello/protocol';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { PostgresStore } from '../store/postgres/postgres-store.ts';
import { dropTestSchemas, TEST_DATABASE_URL, testSchema } from '../store/postgres/test-database.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { WsPeer } from './ws-test-client.ts';

/** Tuesday 09:00 in Rome: officials work. */
const NOW = '2026-12-01T09:00:00+01:00';
const SERVICE = 'pensione-informazioni'; // sector assicurato-pensionato, Laura Bianchi's
const LIVENESS = { renewMs: 250, expiryMs: 1_500 };
/** Long enough for an expiry and the next sweep, on a busy machine. */
const AFTER_EXPIRY_MS = 10_000;

let schema: string;
let dataDir: string;
const servers: TestServer[] = [];
const peers: WsPeer[] = [];

/** Another instance on the shared schema and data folder (the same server secret). */
async function instance(): Promise<TestServer> {
  const store = await PostgresStore.open({ url: TEST_DATABASE_URL, schema, poolSize: 4 });
  const server = await startTestServer(NOW, { store, dataDir, videoLiveness: LIVENESS });
  servers.push(server);
  return server;
}

async function peer(server: TestServer, token: string): Promise<WsPeer> {
  const p = await WsPeer.open(server.url, token);
  peers.push(p);
  return p;
}

/** Laura Bianchi's console on that instance, set available. */
async function desk(server: TestServer): Promise<WsPeer> {
  const p = await peer(server, await server.login('funzionario.rovigo'));
  p.send({ type: 'official.status', status: 'available' });
  await p.next('official.state', (m) => m.status === 'available');
  return p;
}

async function kiosk(server: TestServer, station: string): Promise<{ kiosk: WsPeer; entryId: string }> {
  const p = await peer(server, await server.stationToken(station));
  p.send({ type: 'queue.join', service: SERVICE });
  const { entryId } = await p.next('queue.joined');
  return { kiosk: p, entryId };
}

/** The entries a queue.snapshot message shows waiting. */
const waiting = (m: { type: string; snapshot?: QueueSnapshot }) =>
  m.snapshot!.sectors.flatMap((s) => s.waiting.map((w) => w.id));

beforeAll(async () => {
  schema = await testSchema('video');
  dataDir = await mkdtemp(path.join(tmpdir(), 'sportello-instances-'));
}, 60_000);

afterEach(async () => {
  await Promise.all(peers.splice(0).map((p) => p.close()));
});

afterAll(async () => {
  for (const server of servers.splice(0)) await server.stop();
  await dropTestSchemas();
}, 60_000);

describe('video hub on two instances sharing PostgreSQL', () => {
  it('connects a citizen on A with an official on B: queue, offer (over 8 KB), answer, candidates, hangup', async () => {
    const [a, b] = [await instance(), await instance()];
    const { kiosk: citizen, entryId } = await kiosk(a, 'adria-municipio');
    const official = await desk(b);
    // B's official counts on A (shared presence), and A's citizen is in B's snapshot.
    await citizen.next('queue.position', (m) => m.officialsOnline === 1);
    await official.next('queue.snapshot', (m) => waiting(m).includes(entryId));

    official.send({ type: 'queue.accept-next' });
    const started = await official.next('call.started');
    expect(started.entry).toMatchObject({ id: entryId, origin: 'station' });
    expect(started.entry.instance).toBeUndefined();
    expect(await citizen.next('call.started')).toMatchObject({ role: 'citizen', callId: started.callId });
    const { callId } = started;

    const offer = `v=0\r\n${'a=candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host\r\n'.repeat(200)}`;
    expect(offer.length).toBeGreaterThan(8_000);
    official.send({ type: 'call.offer', callId, sdp: offer });
    expect((await citizen.next('call.offer')).sdp).toBe(offer);
    citizen.send({ type: 'call.answer', callId, sdp: 'v=0 answer' });
    expect(await official.next('call.answer')).toMatchObject({ callId, sdp: 'v=0 answer' });
    official.send({ type: 'call.ice', callId, candidate: { candidate: 'from-b' } });
    expect(await citizen.next('call.ice')).toMatchObject({ candidate: { candidate: 'from-b' } });
    citizen.send({ type: 'call.ice', callId, candidate: { candidate: 'from-a' } });
    expect(await official.next('call.ice')).toMatchObject({ candidate: { candidate: 'from-a' } });

    citizen.send({ type: 'call.hangup', callId });
    expect(await citizen.next('call.ended')).toMatchObject({ callId, reason: 'hangup' });
    expect(await official.next('call.ended')).toMatchObject({ callId, reason: 'hangup' });
    await official.next('official.state', (m) => m.status === 'available');
    expect(await b.ctx.store.read((r) => r.callRecord(callId))).toMatchObject({ endReason: 'hangup' });
    expect(await b.ctx.store.read((r) => r.videoQueue())).toEqual([]);
  });

  it("gives a citizen on A the early offer (over 8 KB) of B's official right behind call.started", async () => {
    const [a, b] = [await instance(), await instance()];
    const { kiosk: citizen, entryId } = await kiosk(a, 'adria-municipio');
    const official = await desk(b);
    await official.next('queue.snapshot', (m) => waiting(m).includes(entryId));
    const offer = `v=0\r\n${'a=candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host\r\n'.repeat(200)}`;
    official.send({ type: 'queue.accept-next' });
    official.send({ type: 'queue.offer', sdp: offer });
    const { callId } = await official.next('call.started');
    expect(await citizen.next('call.started')).toMatchObject({ callId });
    expect(await citizen.next('call.offer')).toEqual({ type: 'call.offer', callId, sdp: offer });
    citizen.send({ type: 'call.answer', callId, sdp: 'v=0 answer' });
    expect(await official.next('call.answer')).toMatchObject({ callId, sdp: 'v=0 answer' });
    expect(citizen.received('call.offer')).toHaveLength(0);
    citizen.send({ type: 'call.hangup', callId });
    await official.next('call.ended');
  });

  it('closes the console an official left open on another instance when they open a new one', async () => {
    const [a, b] = servers;
    const first = await desk(a!);
    await desk(b!);
    expect(await first.closed).toBe(4000);
  });

  it('reads the room again after its notifications were lost: a call ended meanwhile ends for its official', async () => {
    const [a, b] = servers;
    const { kiosk: citizen, entryId } = await kiosk(a!, 'adria-municipio');
    const official = await desk(b!);
    official.send({ type: 'queue.accept', entryId });
    const { callId } = await official.next('call.started');
    await citizen.next('call.started');
    // B's listening connection is cut (the database restarted, say); meanwhile the entry ends unannounced.
    const listening = (b!.ctx.store as unknown as { listener: { client: { processID: number } } }).listener;
    const admin = new pg.Client(TEST_DATABASE_URL);
    await admin.connect();
    await admin.query('SELECT pg_terminate_backend($1)', [listening.client.processID]);
    await admin.end();
    await a!.ctx.store.transaction(async (tx) => {
      await tx.deleteVideoQueueEntry(entryId);
    });
    expect(await official.next('call.ended', () => true, AFTER_EXPIRY_MS)).toMatchObject({
      callId,
      reason: 'disconnected',
    });
  });

  it('puts back its waiting citizens when it was taken for dead while alive (liveness lapsed, entries swept)', async () => {
    const [a, b] = servers;
    const { entryId } = await kiosk(a!, 'adria-municipio');
    const official = await desk(b!);
    await official.next('queue.snapshot', (m) => waiting(m).includes(entryId));
    // What another instance's sweep does to an instance silent past the expiry.
    await b!.ctx.store.transaction(async (tx) => {
      await tx.deleteServerInstance(a!.ctx.video!.instance);
      await tx.deleteVideoQueueEntry(entryId);
    });
    await vi.waitFor(
      async () =>
        expect((await b!.ctx.store.read((r) => r.videoQueue())).map((e) => e.id)).toEqual([entryId]),
      { timeout: AFTER_EXPIRY_MS, interval: 100 },
    );
  });

  it('tells the citizen the call ended when the official’s instance dies', async () => {
    const [, b] = servers;
    const c = await instance();
    const { kiosk: citizen, entryId } = await kiosk(b!, 'adria-municipio');
    const official = await desk(c);
    official.send({ type: 'queue.accept-next' });
    const { callId } = await official.next('call.started');
    await citizen.next('call.started');

    c.ctx.video!.halt();
    expect(await citizen.next('call.ended', () => true, AFTER_EXPIRY_MS)).toMatchObject({
      callId,
      reason: 'disconnected',
    });
    expect(await b!.ctx.store.read((r) => r.callRecord(callId))).toMatchObject({ endReason: 'disconnected' });
    expect((await b!.ctx.store.read((r) => r.videoQueue())).map((e) => e.id)).not.toContain(entryId);
    expect((await b!.ctx.store.read((r) => r.videoPresence())).map((p) => p.instance)).not.toContain(
      c.ctx.video!.instance,
    );
  });

  it('ends the official’s call and drops the waiting citizens when the citizens’ instance dies', async () => {
    const [a, b] = servers;
    const { kiosk: inCall, entryId: callEntry } = await kiosk(a!, 'adria-municipio');
    const { entryId: waitingEntry } = await kiosk(a!, 'rovigo-accoglienza');
    const official = await desk(b!);
    official.send({ type: 'queue.accept', entryId: callEntry });
    const { callId } = await official.next('call.started');
    await inCall.next('call.started');
    await official.next('queue.snapshot', (m) => waiting(m).includes(waitingEntry));

    a!.ctx.video!.halt();
    expect(await official.next('call.ended', () => true, AFTER_EXPIRY_MS)).toMatchObject({
      callId,
      reason: 'disconnected',
    });
    await official.next('queue.snapshot', (m) => !waiting(m).includes(waitingEntry), AFTER_EXPIRY_MS);
    expect(await b!.ctx.store.read((r) => r.videoQueue())).toEqual([]);
    // The one nobody answered is filed as an abandonment for the KPIs.
    const exits = await b!.ctx.store.read((r) => r.videoQueueExitsOfDay('rovigo', '2026-12-01'));
    expect(exits.map((e) => [e.entryId, e.reason])).toContainEqual([waitingEntry, 'disconnected']);
  });
});

describe('video.json instances', () => {
  it('defaults to a renewal every 10 s and death after 30 s, and refuses an expiry shorter than two renewals', () => {
    expect(VideoSettings.parse({}).instances).toEqual({ renewSeconds: 10, expirySeconds: 30 });
    const wrong = VideoSettings.safeParse({ instances: { renewSeconds: 5, expirySeconds: 6 } });
    expect(wrong.error?.issues[0]).toMatchObject({
      path: ['instances', 'expirySeconds'],
      message: 'expirySeconds must be at least twice renewSeconds',
    });
  });
});
