// /ws: the video waiting room and call signaling. Stations (through their agent), web-meeting citizens (by
// the meeting cookie /meetings/admit sets) and officials (by staff session) connect, authenticated on
// upgrade. The queue and the call records live in the store, and each match is one store transaction (the
// entry marked in-call, the call recorded, the disclosure audited); presence and live calls live here.
//
// A citizen whose socket closes leaves the queue at once, and a call ends when either party's socket
// closes: the kiosk's agent keeps its WebSocket open across short ICE disconnections, so a closed socket
// means the kiosk session is over, and the kiosk offers a callback instead of a reconnect.
//
// Several instances on one PostgreSQL: officials' presence is in the store, named by the instance holding
// the socket, and counts while that instance renews its liveness; queue entries name the instances holding
// the citizen and the official. Whatever one party's instance says to the other party (call started,
// signaling, call ended, a console replaced) travels by the store's notifications on the citizen's channel
// (by entry) or the official's; `video:queue` tells every instance to send fresh positions and snapshots.
// An instance that stops renewing (killed) is dead after the expiry: any other removes its waiting citizens
// and ends its calls, telling the surviving party.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  ClientMessage,
  Language,
  type CallEndReason,
  type CallRecord,
  type OfficialStatus,
  type QueueEntry,
  type QueueSnapshot,
  type ServerMessage,
} from '@sportello/protocol';
import { DateTime } from 'luxon';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { audit, auditActions } from '../audit/audit.ts';
import { availability } from '../booking/booking.service.ts';
import type { AppContext } from '../context.ts';
import { authenticateHeaders, tokenOf } from '../http/authenticate.ts';
import { MEETING_COOKIE, verifyMeetingToken } from '../meeting/meeting-token.ts';
import { OPENS_BEFORE_MS } from '../meeting/meeting.service.ts';
import { lateMessageOf, RUNNING_LATE_CHANNEL, type RunningLateNotice } from '../meeting/running-late.ts';
import { STAFF_CHANNEL, type StaffChange } from '../staff/staff-directory.ts';
import { stationById } from '../station/station-registry.ts';
import { videoQueueExit } from '../statistics/video-queue-exit.ts';
import type { StoredBooking, StoredQueueEntry, StoreTx } from '../store/store.ts';
import { turnSecret } from './ice-servers.ts';
import { joinIdentity } from './join-identity.ts';
import {
  allGroups,
  groupOf,
  nextFor,
  officialOfAccount,
  positionOf,
  snapshotOf,
  type Presence,
} from './matching.ts';
import { webRtcProvider } from './video-provider.ts';

export const WS_PATH = '/ws';
const MAX_PAYLOAD = 256 * 1024;
const CALLBACK_SEARCH_DAYS = 14;
const ZONE = 'Europe/Rome';
/** Close code of a socket replaced by a newer one of the same official or meeting (web-common knows it). */
const REPLACED = 4000;
/**
 * Close code of an official's socket whose sessions an admin ended (account disabled, password reset, roles
 * changed); the reason says which (web-common knows both).
 */
const SESSION_ENDED = 4001;
/** Told whenever the waiting room or an official's presence changed, on any instance. */
export const VIDEO_QUEUE_CHANNEL = 'video:queue';
const citizenChannel = (entryId: string) => `video:citizen:${entryId}`;
const officialChannel = (official: string) => `video:official:${official}`;

/** What one instance tells the instance holding the other party, on that party's channel. */
type Relay =
  | { kind: 'started'; message: Extract<ServerMessage, { type: 'call.started' }> }
  | { kind: 'signal'; callId: string; message: ServerMessage }
  | { kind: 'ended'; callId: string; reason: CallEndReason }
  /** A newer console of this official opened on some instance: `connection` is the one to keep. */
  | { kind: 'replaced'; connection: string };

export interface VideoHubOptions {
  /** How often this instance renews its liveness and looks for dead ones (default: video.json's). */
  renewMs?: number;
  /** How long an instance counts as alive after its last renewal (default: video.json's). */
  expiryMs?: number;
}

interface BaseClient {
  ws: WebSocket;
  /** This socket, among every instance's (a console replaced elsewhere keeps the newest). */
  connection: string;
  group: string;
  alive: boolean;
  /** Messages of one socket are handled one after the other. */
  chain: Promise<void>;
  /** Stops listening on the client's channel. */
  unlisten: () => void;
}
/** A citizen in (or about to enter) the waiting room: a kiosk, or a web meeting from home. */
interface CitizenBase extends BaseClient {
  /** Where a callback is suggested: the station's sede, or the booking's. */
  sede: string;
  entryId?: string;
  /** The entry as this instance put it, to put it back if another instance swept it away. */
  entry?: StoredQueueEntry;
  /** Last position sent, to send only changes; no-official reasons already told. */
  lastPosition?: string;
  told: Set<string>;
}
interface StationClient extends CitizenBase {
  kind: 'station';
  station: string;
}
interface MeetingClient extends CitizenBase {
  kind: 'meeting';
  bookingCode: string;
}
type CitizenClient = StationClient | MeetingClient;
interface OfficialClient extends BaseClient {
  kind: 'official';
  official: string;
  /** The staff account, named as the actor in the audit log. */
  username: string;
  name: string;
  sectors: readonly string[];
  status: OfficialStatus;
  lastSnapshot?: string;
  /** Accepts received and not yet answered (call.started or an error): a queue.offer is for one of them. */
  accepting: number;
  /** The offer a queue.offer brought while its accept was being matched: it follows call.started to the citizen. */
  heldOffer?: string;
}
type Client = CitizenClient | OfficialClient;

/** A call with a party here; the other party, when absent, is on another instance. */
interface Call {
  callId: string;
  entryId: string;
  officialId: string;
  citizen?: CitizenClient;
  official?: OfficialClient;
  /** The official's first offer went to the citizen: a later queue.offer is stale. */
  offered?: boolean;
}

export interface VideoHub {
  /** This instance's id, as queue entries and presence name it. */
  readonly instance: string;
  /**
   * Registers this instance, clears entries left by instances no longer alive (a previous run's, a killed
   * one's) and starts the refresh and liveness timers.
   */
  start(): Promise<void>;
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Connected officials of every live instance, as last read. */
  presence(): Presence[];
  snapshot(group: string): Promise<QueueSnapshot>;
  groups(): string[];
  /** Open sockets by who holds them, for the metrics. */
  connections(): { official: number; station: number; meeting: number };
  /** Runs the periodic work now: waits re-estimated, limits checked, dead sockets dropped. */
  tick(): Promise<void>;
  close(): Promise<void>;
  /**
   * Stops as a killed process would (tests of an instance's death): sockets cut, nothing removed from the
   * store, no more renewals; the other instances find out when its liveness expires. close() does nothing after.
   */
  halt(): void;
}

export function createVideoHub(ctx: AppContext, options: VideoHubOptions = {}): VideoHub {
  const { config, store, log } = ctx;
  const instance = randomUUID();
  const startedAt = new Date().toISOString();
  const renewMs = options.renewMs ?? config.video.instances.renewSeconds * 1000;
  const expiryMs = options.expiryMs ?? config.video.instances.expirySeconds * 1000;
  const builtIn = webRtcProvider(config.video);
  // Looked up per call, so a provider set on the context later (or by a test) is used from then on.
  const providerOf = () => ctx.videoProvider ?? builtIn;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });
  const citizens = new Set<CitizenClient>();
  const officials = new Map<string, OfficialClient>();
  const calls = new Map<string, Call>();
  let closing = false;
  let timer: NodeJS.Timeout | undefined;
  let liveness: NodeJS.Timeout | undefined;
  let unlistenQueue: () => void = () => undefined;
  let unlistenResync: () => void = () => undefined;
  /** Every live instance's officials, as the last refresh read them. */
  let lastPresence: Presence[] = [];
  let unlistenStaff: () => void = () => undefined;
  let unlistenLate: () => void = () => undefined;
  if (config.video.turn && turnSecret(config.video) === undefined)
    log.warn({ env: config.video.turn.secretEnv }, 'TURN secret not set: calls get STUN only');

  const send = (client: Client, message: ServerMessage) => {
    if (client.ws.readyState === WebSocket.OPEN) client.ws.send(JSON.stringify(message));
  };
  const fail = (client: Client, code: string, message: string, field?: string) =>
    send(client, { type: 'error', code, message, ...(field !== undefined && { field }) });

  /** Liveness is wall time between processes, not the (test-movable) business clock. */
  const liveIds = (instances: { id: string; aliveUntil: string }[]) => {
    const now = Date.now();
    const ids = new Set(instances.filter((i) => Date.parse(i.aliveUntil) > now).map((i) => i.id));
    return ids.add(instance);
  };

  /** The waiting room and the officials as every live instance sees them. */
  const sharedView = async () => {
    const [entries, rows, instances] = await store.read((r) =>
      Promise.all([r.videoQueue(), r.videoPresence(), r.serverInstances()]),
    );
    const live = liveIds(instances);
    lastPresence = rows
      .filter((p) => live.has(p.instance))
      .map(({ official, group, sectors, status }) => ({ official, group, sectors, status }));
    // Entries of a dead instance wait for the sweep; nobody can answer them meanwhile.
    const visible = entries.filter((e) => e.instance === undefined || live.has(e.instance));
    return { entries: visible, people: lastPresence };
  };

  /** One store transaction at a time for presence: a disconnect's removal never overtakes its last put. */
  let presenceWrites: Promise<void> = Promise.resolve();
  const writePresence = (fn: (tx: StoreTx) => Promise<void>) =>
    (presenceWrites = presenceWrites
      .then(() => store.transaction(fn))
      .catch((error: unknown) => log.error({ err: error }, 'video presence not written')));

  const publishPresence = (client: OfficialClient, replaces = false) =>
    writePresence(async (tx) => {
      if (officials.get(client.official) !== client) return;
      await tx.putVideoPresence({
        official: client.official,
        instance,
        group: client.group,
        sectors: [...client.sectors],
        status: client.status,
        since: ctx.clock().toISOString(),
      });
      if (replaces)
        relay(tx, officialChannel(client.official), { kind: 'replaced', connection: client.connection });
      tx.notify(VIDEO_QUEUE_CHANNEL, '');
    });

  const relay = (tx: StoreTx, channel: string, payload: Relay) => tx.notify(channel, JSON.stringify(payload));
  const relayNow = (channel: string, payload: Relay) =>
    store.transaction(async (tx) => relay(tx, channel, payload));

  /** To a party of the call: straight to its socket here, else through the store to its instance. */
  const toCitizen = (call: Call, message: ServerMessage) =>
    call.citizen
      ? send(call.citizen, message)
      : relayNow(citizenChannel(call.entryId), { kind: 'signal', callId: call.callId, message });
  const toOfficial = (call: Call, message: ServerMessage) =>
    call.official
      ? send(call.official, message)
      : relayNow(officialChannel(call.officialId), { kind: 'signal', callId: call.callId, message });

  // ---- refreshing everyone's view: coalesced, one at a time ----

  let refreshing: Promise<void> | null = null;
  let again = false;
  const refresh = (): Promise<void> => {
    if (closing) return Promise.resolve();
    if (refreshing) {
      again = true;
      return refreshing;
    }
    refreshing = (async () => {
      do {
        again = false;
        await refreshOnce().catch((error: unknown) => log.error({ err: error }, 'video refresh failed'));
      } while (again && !closing);
    })().finally(() => {
      refreshing = null;
      // Asked for between the loop's last check and here: that change must not go unseen.
      if (again && !closing) void refresh();
    });
    return refreshing;
  };

  const refreshOnce = async () => {
    const { entries, people } = await sharedView();
    const now = ctx.clock();
    for (const client of citizens) {
      const entry = entries.find((e) => e.id === client.entryId && e.status === 'waiting');
      if (!entry) continue;
      const position = positionOf(config, entries, people, entry, now);
      const key = JSON.stringify(position);
      if (key !== client.lastPosition) {
        client.lastPosition = key;
        send(client, { type: 'queue.position', entryId: entry.id, ...position });
      }
      // An official back online: a later absence is news again.
      if (position.officialsOnline > 0) client.told.delete('no-official-online');
      const waited = (now.getTime() - Date.parse(entry.since)) / 60_000;
      const reason =
        position.officialsOnline === 0
          ? 'no-official-online'
          : Math.max(waited, position.estimatedWaitMinutes) > config.video.maxWaitMinutes
            ? 'wait-too-long'
            : undefined;
      if (reason && !client.told.has(reason)) {
        client.told.add(reason);
        send(client, {
          type: 'queue.no-official',
          entryId: entry.id,
          reason,
          callback: await callbackSlot(client.sede, entry.service),
        });
      }
    }
    const snapshots = new Map<string, QueueSnapshot>();
    for (const client of officials.values()) {
      let snapshot = snapshots.get(client.group);
      if (!snapshot)
        snapshots.set(client.group, (snapshot = snapshotOf(config, client.group, entries, people, now)));
      const key = JSON.stringify({ ...snapshot, at: undefined });
      if (key !== client.lastSnapshot) {
        client.lastSnapshot = key;
        send(client, { type: 'queue.snapshot', snapshot });
      }
    }
  };

  /** The first free callback slot of the next two weeks, or null when the service offers no callback. */
  const callbackSlot = async (sede: string, service: string) => {
    if (!config.services.find((s) => s.id === service)?.channels.callback) return null;
    const today = DateTime.fromJSDate(ctx.clock(), { zone: ZONE });
    try {
      const found = await availability(ctx, {
        sede,
        service,
        mode: 'callback',
        from: today.toISODate()!,
        to: today.plus({ days: CALLBACK_SEARCH_DAYS }).toISODate()!,
      });
      const slot = found.days.flatMap((d) => d.slots)[0];
      return slot ? { sede, service, start: slot.start, end: slot.end } : null;
    } catch (error) {
      log.warn({ err: error, sede, service }, 'no callback slot to suggest');
      return null;
    }
  };

  /**
   * Takes a citizen's entry out of the room; one nobody answered yet is filed as an exit for the KPIs. One
   * an official on another instance took meanwhile ends that call there.
   */
  const leaveRoom = (entryId: string, reason: 'left' | 'disconnected') =>
    store.transaction(async (tx) => {
      const entry = (await tx.videoQueue()).find((e) => e.id === entryId);
      if (entry) await removeEntry(tx, entry, reason === 'left' ? 'hangup' : 'disconnected', reason);
    });

  /** Removes an entry: a waiting one is filed as an exit, an in-call one's call ends for its official. */
  const removeEntry = async (
    tx: StoreTx,
    entry: StoredQueueEntry,
    reason: CallEndReason,
    exit: 'left' | 'disconnected',
  ) => {
    if (entry.status === 'waiting') await tx.appendVideoQueueExit(videoQueueExit(entry, exit, ctx.clock()));
    else if (entry.callId !== undefined && entry.official !== undefined) {
      await endRecord(tx, entry.callId, reason);
      relay(tx, officialChannel(entry.official), { kind: 'ended', callId: entry.callId, reason });
    }
    await tx.deleteVideoQueueEntry(entry.id);
    tx.notify(VIDEO_QUEUE_CHANNEL, '');
  };

  // ---- calls ----

  /**
   * Ends the call for both parties, its record gets its end, and the citizen leaves the queue; a party on
   * another instance is told. `told`: the other instance ended it and wrote the store already.
   */
  const endCall = async (call: Call, reason: CallEndReason, told = false) => {
    if (calls.get(call.callId) !== call) return;
    calls.delete(call.callId);
    const ended = { type: 'call.ended' as const, callId: call.callId, reason };
    if (call.citizen) {
      send(call.citizen, ended);
      if (call.citizen.entryId === call.entryId) leaveEntry(call.citizen);
    }
    if (call.official) {
      send(call.official, ended);
      if (officials.get(call.official.official) === call.official && call.official.status === 'busy')
        void setStatus(call.official, 'available');
    }
    if (!told)
      await store.transaction(async (tx) => {
        await tx.deleteVideoQueueEntry(call.entryId);
        await endRecord(tx, call.callId, reason);
        const relayed: Relay = { kind: 'ended', callId: call.callId, reason };
        if (!call.citizen) relay(tx, citizenChannel(call.entryId), relayed);
        if (!call.official) relay(tx, officialChannel(call.officialId), relayed);
        tx.notify(VIDEO_QUEUE_CHANNEL, '');
      });
    if (!closing) await refresh();
  };

  /** The citizen's entry is over: no more listening on its channel. */
  const leaveEntry = (client: CitizenClient) => {
    client.entryId = undefined;
    client.entry = undefined;
    client.unlisten();
    client.unlisten = () => undefined;
  };

  /** What another instance says to a citizen here, on the channel of its entry. */
  const onCitizenRelay = (client: CitizenClient, entryId: string, relayed: Relay) => {
    if (client.entryId !== entryId || !citizens.has(client)) return;
    if (relayed.kind === 'started') {
      if (callOf(client)) return;
      const { message } = relayed;
      calls.set(message.callId, {
        callId: message.callId,
        entryId,
        officialId: message.official.id,
        citizen: client,
      });
      send(client, message);
      return;
    }
    if (relayed.kind === 'replaced') return;
    const call = calls.get(relayed.callId);
    if (call?.citizen !== client) return;
    if (relayed.kind === 'signal') send(client, relayed.message);
    else void endCall(call, relayed.reason, true);
  };

  /** What another instance says to an official's console here. */
  const onOfficialRelay = (client: OfficialClient, relayed: Relay) => {
    if (officials.get(client.official) !== client) return;
    if (relayed.kind === 'replaced') {
      if (relayed.connection !== client.connection)
        client.ws.close(REPLACED, 'replaced by a newer connection');
      return;
    }
    if (relayed.kind === 'started') return;
    const call = calls.get(relayed.callId);
    if (call?.official !== client) return;
    if (relayed.kind === 'signal') send(client, relayed.message);
    else void endCall(call, relayed.reason, true);
  };

  const listenRelays = (channel: string, fn: (relayed: Relay) => void) =>
    store.listen(channel, (payload) => fn(JSON.parse(payload) as Relay));

  const endRecord = async (tx: StoreTx, callId: string, reason: CallEndReason) => {
    const record = await tx.callRecord(callId);
    if (record && record.endedAt === undefined)
      await tx.putCallRecord({ ...record, endedAt: ctx.clock().toISOString(), endReason: reason });
  };

  const callOf = (client: Client) =>
    [...calls.values()].find((c) => c.citizen === client || c.official === client);

  /** Tells the console and writes the presence every instance reads. */
  const setStatus = (client: OfficialClient, status: OfficialStatus, replaces = false) => {
    client.status = status;
    send(client, { type: 'official.state', official: client.official, status });
    return publishPresence(client, replaces);
  };

  // ---- messages ----

  const onCitizen = async (client: CitizenClient, message: ClientMessage) => {
    switch (message.type) {
      case 'queue.join':
        if (client.kind !== 'station') break;
        return joinFromStation(client, message);
      case 'meeting.join':
        if (client.kind !== 'meeting') break;
        return joinMeeting(client);
      case 'queue.leave': {
        const entryId = client.entryId;
        if (!entryId) return fail(client, 'not_waiting', 'you are not in the queue');
        const call = callOf(client);
        if (call) return endCall(call, 'hangup');
        leaveEntry(client);
        await leaveRoom(entryId, 'left');
        send(client, { type: 'queue.left', entryId });
        return refresh();
      }
    }
    const who = client.kind === 'station' ? 'a station' : 'a web meeting';
    return fail(client, 'forbidden', `${who} may not send ${message.type}`, 'type');
  };

  const enter = async (client: CitizenClient, entry: QueueEntry, stale: (e: QueueEntry) => boolean) => {
    // Listening before the entry exists: an official on another instance may take it at once.
    client.entryId = entry.id;
    client.entry = { ...entry, instance };
    client.unlisten = listenRelays(citizenChannel(entry.id), (relayed) =>
      onCitizenRelay(client, entry.id, relayed),
    );
    try {
      await store.transaction(async (tx) => {
        // Entries of a page this one replaced may still wait: nobody could answer them.
        for (const e of await tx.videoQueue())
          if (e.status === 'waiting' && stale(e)) await tx.deleteVideoQueueEntry(e.id);
        await tx.putVideoQueueEntry(client.entry!);
        tx.notify(VIDEO_QUEUE_CHANNEL, '');
      });
    } catch (error) {
      leaveEntry(client);
      throw error;
    }
    client.lastPosition = undefined;
    client.told.clear();
    send(client, { type: 'queue.joined', entryId: entry.id });
    return refresh();
  };

  const joinFromStation = async (
    client: StationClient,
    message: Extract<ClientMessage, { type: 'queue.join' }>,
  ) => {
    if (client.entryId) return fail(client, 'already_waiting', 'this station is already in the queue');
    const service = config.services.find((s) => s.id === message.service);
    if (!service) return fail(client, 'validation_failed', 'service: unknown service', 'service');
    if (!service.channels.videoNow)
      return fail(client, 'validation_failed', 'service: this service has no video call', 'service');
    const who = joinIdentity(ctx.secret, client.station, message, ctx.clock());
    if (!who.ok) return fail(client, who.code, who.message, who.field);
    const entry: QueueEntry = {
      id: randomUUID(),
      group: client.group,
      origin: 'station',
      station: client.station,
      sede: client.sede,
      sector: service.sector,
      service: service.id,
      since: ctx.clock().toISOString(),
      authLevel: who.authLevel,
      ...(message.assistedBy !== undefined && { assistedBy: message.assistedBy }),
      status: 'waiting',
      ...(who.citizen && { citizen: who.citizen }),
    };
    return enter(client, entry, () => false);
  };

  const joinMeeting = async (client: MeetingClient) => {
    if (client.entryId) return fail(client, 'already_waiting', 'you are already in the waiting room');
    const now = ctx.clock();
    const booking = await store.read((r) => r.bookingByCode(client.bookingCode));
    const problem = meetingProblem(booking, now);
    if (!booking || problem) return fail(client, 'meeting_unavailable', problem ?? 'no such meeting');
    const entry: QueueEntry = {
      id: randomUUID(),
      group: groupOf(config, booking.sede),
      origin: 'web',
      sede: booking.sede,
      sector: booking.sector,
      service: booking.service,
      since: now.toISOString(),
      // The booking could be made as a web meeting only after a strong sign-in.
      authLevel: 'strong',
      status: 'waiting',
      bookingCode: booking.code,
      priorityAt: booking.start,
      admittedAt: now.toISOString(),
      citizen: {
        codiceFiscale: booking.citizen.codiceFiscale,
        firstName: booking.citizen.firstName,
        lastName: booking.citizen.lastName,
        phone: booking.citizen.phone,
        ...languageOf(booking.citizen.language),
        authMethod: booking.authMethod,
      },
    };
    await enter(client, entry, (e) => e.bookingCode === booking.code);
    // An official who said they are late before the citizen came in: the page learns it now.
    const late = lateMessageOf(booking);
    if (late) send(client, late);
  };

  const onOfficial = async (client: OfficialClient, message: ClientMessage) => {
    switch (message.type) {
      case 'official.status':
        if (client.status === 'busy') return fail(client, 'busy', 'end the call first', 'status');
        await setStatus(client, message.status);
        return refresh();
      case 'queue.accept':
      case 'queue.accept-next':
        return accept(client, message.type === 'queue.accept' ? message.entryId : undefined);
      default:
        return fail(client, 'forbidden', `an official may not send ${message.type}`, 'type');
    }
  };

  /**
   * One atomic match: the store transaction reads the waiting entries, marks the chosen one in-call,
   * records the call and audits that the official receives the citizen's data.
   */
  const accept = async (client: OfficialClient, entryId: string | undefined) => {
    let answered = false;
    try {
      await match(client, entryId, () => {
        answered = true;
        return acceptAnswered(client);
      });
    } finally {
      if (!answered) acceptAnswered(client);
    }
  };

  /** One accept of the official's is answered; the offer held for it, if any, is handed over (or dropped). */
  const acceptAnswered = (client: OfficialClient) => {
    client.accepting = Math.max(0, client.accepting - 1);
    const offer = client.heldOffer;
    if (client.accepting === 0) client.heldOffer = undefined;
    return offer;
  };

  /**
   * The official's offer made before call.started came: held for the accept being matched, or on to the
   * citizen if the call started meanwhile (call.started and queue.offer crossed); else it is stale and dropped.
   */
  const earlyOffer = (client: OfficialClient, sdp: string) => {
    const call = callOf(client);
    if (call?.official === client && !call.offered) {
      call.offered = true;
      return Promise.resolve(toCitizen(call, { type: 'call.offer', callId: call.callId, sdp })).catch(
        (error: unknown) => log.error({ err: error }, 'video offer not relayed'),
      );
    }
    if (client.accepting > 0 && !call) client.heldOffer = sdp;
  };

  const match = async (
    client: OfficialClient,
    entryId: string | undefined,
    /** Called just before call.started goes out: answers the accept and gives the offer held for it. */
    starting: () => string | undefined,
  ) => {
    if (client.status !== 'available')
      return fail(client, 'not_available', `you are ${client.status}; set yourself available first`);
    const callId = randomUUID();
    const now = ctx.clock();
    // Nobody is told before the match is on disk: told earlier, a crash would leave the official holding the
    // citizen's data with no audit of that disclosure, and on PostgreSQL a failed commit would let two match.
    const outcome = await store.transaction(async (tx) => {
      // Citizens of a dead instance cannot answer: they are left to the sweep.
      const live = liveIds(await tx.serverInstances());
      const entries = (await tx.videoQueue()).filter((e) => e.instance === undefined || live.has(e.instance));
      const entry =
        entryId === undefined
          ? nextFor(entries, client.group, client.sectors, now)
          : entries.find((e) => e.id === entryId);
      if (!entry) return entryId === undefined ? 'empty' : 'gone';
      if (entry.status !== 'waiting') return 'taken';
      if (entry.group !== client.group || !client.sectors.includes(entry.sector)) return 'not-yours';
      const matched: StoredQueueEntry = {
        ...entry,
        status: 'in-call',
        official: client.official,
        callId,
        officialInstance: instance,
      };
      await tx.putVideoQueueEntry(matched);
      await tx.putCallRecord(callRecordOf(matched, client.official, now));
      await audit(tx, now, client.username, auditActions.callCitizenData, callId, {
        via: 'call.started',
        official: client.official,
        ...(matched.bookingCode !== undefined && { bookingCode: matched.bookingCode }),
      });
      tx.notify(VIDEO_QUEUE_CHANNEL, '');
      return matched;
    });
    if (typeof outcome === 'string') {
      const why = {
        empty: 'nobody is waiting for your sectors',
        gone: 'this citizen has left the queue',
        taken: 'another official has taken this citizen',
        'not-yours': 'this citizen waits for a sector you do not serve',
      }[outcome];
      return fail(client, outcome === 'empty' ? 'queue_empty' : `entry_${outcome.replace('-', '_')}`, why);
    }
    // The citizen's socket is here, or on the other instance the entry names (told through the store).
    const remote = outcome.instance !== undefined && outcome.instance !== instance;
    const localCitizen = () => [...citizens].find((s) => s.entryId === outcome.id);
    const citizen = localCitizen();
    const officialHere = () =>
      officials.get(client.official) === client && client.ws.readyState === WebSocket.OPEN;
    if ((!citizen && !remote) || !officialHere()) {
      // A party left while the match was being written: undo it (or drop the entry of a citizen gone).
      await undoMatch(outcome, citizen !== undefined || remote, 'disconnected');
      if (!citizen && !remote) fail(client, 'entry_gone', 'this citizen has left the queue');
      return refresh();
    }
    let iceServers;
    const provider = providerOf();
    try {
      ({ iceServers } = await provider.prepareCall(callId, now));
    } catch (error) {
      log.error({ err: error, provider: provider.name }, 'video provider could not prepare the call');
      await undoMatch(outcome, true, 'media-failed');
      fail(client, 'video_unavailable', 'the video service could not prepare the call; try again');
      return refresh();
    }
    const citizenHere = citizen !== undefined && citizens.has(citizen) && citizen.entryId === outcome.id;
    if ((!remote && !citizenHere) || !officialHere()) {
      await undoMatch(outcome, remote || citizenHere, 'disconnected');
      return refresh();
    }
    const offer = starting();
    const call: Call = {
      callId,
      entryId: outcome.id,
      officialId: client.official,
      official: client,
      ...(citizen && !remote && { citizen }),
      offered: offer !== undefined,
    };
    calls.set(callId, call);
    void setStatus(client, 'busy');
    const started = {
      type: 'call.started' as const,
      callId,
      iceServers,
      entry: publicEntry(outcome),
      official: { id: client.official, name: client.name },
    };
    send(client, { ...started, role: 'official' });
    if (call.citizen) send(call.citizen, { ...started, role: 'citizen' });
    else
      await relayNow(citizenChannel(outcome.id), {
        kind: 'started',
        message: { ...started, role: 'citizen' },
      });
    // The offer made during the match follows call.started at once: one hop to the citizen, not
    // call.started → official → offer → citizen. A separate call.offer, so every citizen client answers it.
    if (offer !== undefined) await toCitizen(call, { type: 'call.offer', callId, sdp: offer });
    // Not awaited: the official's offer comes next on this socket and must not wait for everyone's refresh.
    void refresh();
  };

  /**
   * A match that could not become a call: the citizen waits again (if still here and still in the store),
   * the record is closed.
   */
  const undoMatch = (entry: StoredQueueEntry, citizenHere: boolean, reason: CallEndReason) =>
    store.transaction(async (tx) => {
      const stored = (await tx.videoQueue()).find((e) => e.id === entry.id);
      if (citizenHere && stored?.callId === entry.callId) await tx.putVideoQueueEntry(waitingAgain(entry));
      else await tx.deleteVideoQueueEntry(entry.id);
      await endRecord(tx, entry.callId!, reason);
      tx.notify(VIDEO_QUEUE_CHANNEL, '');
    });

  const onSignal = async (client: Client, message: Extract<ClientMessage, { callId: string }>) => {
    const call = calls.get(message.callId);
    if (!call || (call.citizen !== client && call.official !== client))
      return fail(client, 'not_in_call', 'you are not a party of this call', 'callId');
    if (message.type === 'call.hangup') return endCall(call, message.reason ?? 'hangup');
    if (message.type === 'call.offer') call.offered = true;
    return call.citizen === client ? toOfficial(call, message) : toCitizen(call, message);
  };

  /** The message, or the error to answer it with (in turn, after the socket's earlier messages). */
  const parse = (
    data: RawData,
  ): { message: ClientMessage } | { error: [code: string, message: string, field?: string] } => {
    let json: unknown;
    try {
      json = JSON.parse(String(data));
    } catch {
      return { error: ['bad_message', 'the message is not JSON'] };
    }
    const parsed = ClientMessage.safeParse(json);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const field = issue.path.map(String).join('.') || '(message)';
      return { error: ['validation_failed', `${field}: ${issue.message}`, field] };
    }
    return { message: parsed.data };
  };

  const onMessage = async (client: Client, message: ClientMessage) => {
    if ('callId' in message) return onSignal(client, message);
    return client.kind === 'official' ? onOfficial(client, message) : onCitizen(client, message);
  };

  const onClose = async (client: Client) => {
    if (client.kind === 'official') {
      if (officials.get(client.official) === client) {
        officials.delete(client.official);
        if (!closing)
          void writePresence(async (tx) => {
            // A newer console of the same official here keeps the presence.
            if (officials.has(client.official)) return;
            if (await tx.deleteVideoPresence(client.official, instance)) tx.notify(VIDEO_QUEUE_CHANNEL, '');
          });
      }
    } else citizens.delete(client);
    if (closing) return;
    const call = callOf(client);
    if (call) await endCall(call, 'disconnected');
    if (client.kind !== 'official' && client.entryId) {
      const entryId = client.entryId;
      leaveEntry(client);
      await leaveRoom(entryId, 'disconnected');
    }
    client.unlisten();
    await refresh();
  };

  const onConnection = (client: Client) => {
    const { ws } = client;
    ws.on('pong', () => (client.alive = true));
    ws.on('message', (data) => {
      const parsed = parse(data);
      if ('message' in parsed && client.kind === 'official') {
        const { message } = parsed;
        // Not behind the accept in the chain, which waits for the match to be on disk: the offer is held now.
        if (message.type === 'queue.offer') return void earlyOffer(client, message.sdp);
        if (message.type === 'queue.accept' || message.type === 'queue.accept-next') client.accepting++;
      }
      client.chain = client.chain
        .then(() => ('message' in parsed ? onMessage(client, parsed.message) : fail(client, ...parsed.error)))
        .catch((error: unknown) => {
          log.error({ err: error }, 'video message failed');
          fail(client, 'internal', 'the server could not handle this message');
        });
    });
    ws.on('close', () => {
      client.chain = client.chain
        .then(() => onClose(client))
        .catch((error: unknown) => log.error({ err: error }, 'video disconnect failed'));
    });
    ws.on('error', (error) => log.warn({ err: error }, 'video socket error'));
    if (client.kind === 'official') {
      // A second console of the same official replaces the first (a reloaded page), on any instance.
      officials.get(client.official)?.ws.close(REPLACED, 'replaced by a newer connection');
      officials.set(client.official, client);
      client.unlisten = listenRelays(officialChannel(client.official), (relayed) =>
        onOfficialRelay(client, relayed),
      );
      void setStatus(client, client.status, true);
    } else {
      // The same meeting opened again (a reload, another tab or device): the newer page wins.
      if (client.kind === 'meeting')
        for (const other of citizens)
          if (other.kind === 'meeting' && other.bookingCode === client.bookingCode)
            other.ws.close(REPLACED, 'replaced by a newer connection');
      citizens.add(client);
    }
    void refresh();
  };

  /**
   * Who may connect: a station; an official whose staff account names their official record; or, with
   * the meeting cookie, the citizen of a booked web meeting that has not ended. A staff or station
   * credential wins over the meeting cookie unless the page asks for `?client=meeting` (a browser that
   * holds both, e.g. an official trying the meeting page).
   */
  const identify = async (req: IncomingMessage): Promise<Client | number> => {
    const now = ctx.clock();
    const base = {
      alive: true,
      chain: Promise.resolve(),
      ws: undefined as unknown as WebSocket,
      connection: randomUUID(),
      unlisten: () => undefined,
    };
    // A cookie sent by a page of another site is not ours.
    const origin = req.headers.origin;
    const foreign = origin !== undefined && hostOf(origin) !== req.headers.host;
    const meetingToken = cookieOf(req.headers.cookie, MEETING_COOKIE);
    const wantsMeeting = new URL(req.url ?? '/', 'http://x').searchParams.get('client') === 'meeting';
    const principal =
      wantsMeeting && meetingToken !== undefined
        ? ({ kind: 'anonymous' } as const)
        : await authenticateHeaders(req.headers, store, now);
    if (principal.kind === 'anonymous') {
      if (meetingToken === undefined) return 401;
      if (foreign) return 403;
      const claims = verifyMeetingToken(ctx.secret, meetingToken, now);
      if (!claims) return 401;
      const booking = await store.read((r) => r.bookingByCode(claims.code));
      if (!booking || meetingProblem(booking, now)) return 403;
      return {
        ...base,
        kind: 'meeting',
        bookingCode: booking.code,
        sede: booking.sede,
        group: groupOf(config, booking.sede),
        told: new Set(),
      };
    }
    if (principal.kind === 'station') {
      const station = await stationById(ctx, principal.station);
      if (!station) return 403;
      return {
        ...base,
        kind: 'station',
        station: station.id,
        sede: station.sede,
        group: groupOf(config, station.sede),
        told: new Set(),
      };
    }
    const byCookie = !req.headers.authorization && tokenOf(req.headers) !== undefined;
    if (byCookie && foreign) return 403;
    const official = officialOfAccount(ctx, principal.username);
    if (!official || !principal.roles.includes('official')) return 403;
    return {
      ...base,
      kind: 'official',
      official: official.id,
      username: principal.username,
      name: official.name,
      sectors: official.sectors,
      group: groupOf(config, official.sede),
      status: 'paused',
      accepting: 0,
    };
  };

  const refuse = (socket: Duplex, status: number) => {
    const text = status === 401 ? 'Unauthorized' : status === 404 ? 'Not Found' : 'Forbidden';
    const body = JSON.stringify({
      error: {
        code: status === 401 ? 'unauthenticated' : status === 404 ? 'not_found' : 'forbidden',
        message: text,
      },
    });
    socket.end(
      `HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  };

  // ---- instances: liveness, and what dead ones left ----

  const aliveUntil = () => new Date(Date.now() + expiryMs).toISOString();

  /**
   * Removes what dead instances left: their waiting citizens (filed as exits), their calls (ended, the
   * party on a live instance told: a kiosk then offers a callback), their officials' presence and their
   * rows. `unnamed`: entries naming no instance too (a previous run's, before instances were named).
   */
  const sweep = (dead: (id: string, live: Set<string>) => boolean, unnamed = false) =>
    store.transaction(async (tx) => {
      const instances = await tx.serverInstances();
      const live = liveIds(instances);
      const isDead = (id: string | undefined) => (id === undefined ? unnamed : dead(id, live));
      let changed = false;
      for (const entry of await tx.videoQueue()) {
        if (isDead(entry.instance)) await removeEntry(tx, entry, 'disconnected', 'disconnected');
        else if (entry.status === 'in-call' && entry.officialInstance && isDead(entry.officialInstance)) {
          await endRecord(tx, entry.callId!, 'disconnected');
          relay(tx, citizenChannel(entry.id), {
            kind: 'ended',
            callId: entry.callId!,
            reason: 'disconnected',
          });
          await tx.deleteVideoQueueEntry(entry.id);
        } else continue;
        changed = true;
      }
      for (const p of await tx.videoPresence())
        if (dead(p.instance, live) && (await tx.deleteVideoPresence(p.official, p.instance))) changed = true;
      for (const i of instances) if (dead(i.id, live)) await tx.deleteServerInstance(i.id);
      if (changed) tx.notify(VIDEO_QUEUE_CHANNEL, '');
    });
  const notLive = (id: string, live: Set<string>) => !live.has(id);

  /**
   * After this instance was out of touch (its liveness lapsed, or notifications were lost): calls whose
   * entry is gone end, and waiting citizens another instance swept away take their place again.
   */
  const reconcile = async () => {
    const stored = new Map((await store.read((r) => r.videoQueue())).map((e) => [e.id, e]));
    for (const call of [...calls.values()])
      if (stored.get(call.entryId)?.callId !== call.callId) await endCall(call, 'disconnected');
    const missing = [...citizens].filter(
      (c) => c.entry && c.entryId === c.entry.id && !callOf(c) && !stored.has(c.entry.id),
    );
    if (missing.length > 0)
      await store.transaction(async (tx) => {
        for (const client of missing) await tx.putVideoQueueEntry(client.entry!);
        tx.notify(VIDEO_QUEUE_CHANNEL, '');
      });
    await refresh();
  };

  const stopListening = () => {
    clearInterval(timer);
    clearInterval(liveness);
    unlistenStaff();
    unlistenLate();
    unlistenQueue();
    unlistenResync();
    for (const client of [...citizens, ...officials.values()]) client.unlisten();
  };

  let renewing = false;
  const keepAlive = async () => {
    if (renewing || closing) return;
    renewing = true;
    try {
      const lapsed = await store.transaction(async (tx) => {
        const mine = (await tx.serverInstances()).find((i) => i.id === instance);
        await tx.putServerInstance({ id: instance, startedAt, aliveUntil: aliveUntil() });
        return !mine || Date.parse(mine.aliveUntil) <= Date.now();
      });
      if (lapsed) {
        log.warn({ instance }, 'video: this instance was out of touch; reconciling');
        await reconcile();
      }
      await sweep(notLive);
    } catch (error) {
      log.warn({ err: error }, 'video liveness not renewed');
    } finally {
      renewing = false;
    }
  };

  return {
    instance,
    async start() {
      await store.transaction((tx) =>
        tx.putServerInstance({ id: instance, startedAt, aliveUntil: aliveUntil() }),
      );
      // Entries of dead instances (a previous run's included): their sockets are gone.
      await sweep(notLive, true);
      liveness = setInterval(() => void keepAlive(), renewMs);
      liveness.unref();
      unlistenQueue = store.listen(VIDEO_QUEUE_CHANNEL, () => void refresh());
      // Notifications lost while PostgreSQL was out of reach: read the room again.
      unlistenResync = store.onResync(
        () => void reconcile().catch((error: unknown) => log.error({ err: error }, 'video resync failed')),
      );
      timer = setInterval(() => void this.tick(), config.video.estimate.refreshSeconds * 1000);
      // A leaver's open console must not keep receiving the waiting room, nor take a call: their socket ends
      // as soon as an admin's change commits, on whichever instance holds it.
      unlistenStaff = store.listen(STAFF_CHANNEL, (payload) => {
        const change = JSON.parse(payload) as StaffChange;
        if (!change.sessionsEnded) return;
        for (const client of officials.values())
          if (client.username === change.username)
            client.ws.close(
              SESSION_ENDED,
              change.change === 'disabled' ? 'account-disabled' : 'session-ended',
            );
      });
      // The official's "running late", said on whichever instance: the waiting page of that booking hears it.
      unlistenLate = store.listen(RUNNING_LATE_CHANNEL, (payload) => {
        const notice = JSON.parse(payload) as RunningLateNotice;
        for (const client of citizens)
          if (client.kind === 'meeting' && client.bookingCode === notice.code) send(client, notice.message);
      });
      timer.unref();
    },
    handleUpgrade(req, socket, head) {
      socket.on('error', () => socket.destroy());
      if (closing || new URL(req.url ?? '/', 'http://x').pathname !== WS_PATH) return refuse(socket, 404);
      identify(req).then(
        (client) => {
          if (typeof client === 'number') return refuse(socket, client);
          wss.handleUpgrade(req, socket, head, (ws) => {
            client.ws = ws;
            onConnection(client);
          });
        },
        (error: unknown) => {
          log.error({ err: error }, 'video upgrade failed');
          socket.destroy();
        },
      );
    },
    presence: () => lastPresence,
    async snapshot(group) {
      const { entries, people } = await sharedView();
      return snapshotOf(config, group, entries, people, ctx.clock());
    },
    groups: () => allGroups(config),
    connections() {
      let station = 0;
      for (const client of citizens) if (client.kind === 'station') station++;
      return { official: officials.size, station, meeting: citizens.size - station };
    },
    async tick() {
      for (const client of [...citizens, ...officials.values()]) {
        if (!client.alive) {
          client.ws.terminate();
          continue;
        }
        client.alive = false;
        client.ws.ping();
      }
      for (const client of officials.values()) client.lastSnapshot = undefined;
      await refresh();
    },
    async close() {
      if (closing) return;
      closing = true;
      stopListening();
      for (const call of [...calls.values()]) await endCall(call, 'server-stopped');
      for (const client of [...citizens, ...officials.values()]) client.ws.terminate();
      await refreshing;
      await presenceWrites;
      // Gone at once for the other instances: its citizens leave the room, its officials' presence ends.
      await sweep((id, live) => id === instance || !live.has(id)).catch((error: unknown) =>
        log.warn({ err: error }, 'video: this instance could not remove what it leaves'),
      );
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
    halt() {
      closing = true;
      stopListening();
      for (const client of [...citizens, ...officials.values()]) client.ws.terminate();
      wss.close();
    },
  };
}

function waitingAgain(entry: StoredQueueEntry): StoredQueueEntry {
  const { official: _official, callId: _callId, officialInstance: _officialInstance, ...rest } = entry;
  return { ...rest, status: 'waiting' };
}

/** The entry as the parties see it: without the instances holding them. */
function publicEntry(entry: StoredQueueEntry): QueueEntry {
  const { instance: _instance, officialInstance: _officialInstance, ...rest } = entry;
  return rest;
}

function callRecordOf(entry: QueueEntry, official: string, now: Date): CallRecord {
  return {
    callId: entry.callId!,
    entryId: entry.id,
    origin: entry.origin,
    group: entry.group,
    sector: entry.sector,
    service: entry.service,
    ...(entry.station !== undefined && { station: entry.station }),
    ...(entry.sede !== undefined && { sede: entry.sede }),
    ...(entry.bookingCode !== undefined && { bookingCode: entry.bookingCode }),
    official,
    ...(entry.assistedBy !== undefined && { assistedBy: entry.assistedBy }),
    ...(entry.citizen !== undefined && { citizen: entry.citizen }),
    waitedSince: entry.since,
    startedAt: now.toISOString(),
  };
}

/** Why a web meeting's citizen may not be in the waiting room now, or undefined when they may. */
function meetingProblem(booking: StoredBooking | undefined, now: Date): string | undefined {
  if (!booking) return 'no such meeting';
  if (booking.mode !== 'webMeeting') return 'this booking is not a web meeting';
  if (booking.status !== 'booked') return `this meeting is ${booking.status}`;
  if (Date.parse(booking.end) <= now.getTime()) return 'this meeting is over';
  // A meeting moved after admission keeps its cookie, but not an early seat in the room.
  if (now.getTime() < Date.parse(booking.start) - OPENS_BEFORE_MS) return 'the waiting room is not open yet';
  return undefined;
}

function languageOf(language: string): { language?: Language } {
  const parsed = Language.safeParse(language);
  return parsed.success ? { language: parsed.data } : {};
}

function cookieOf(header: string | undefined, name: string): string | undefined {
  for (const part of header?.split(';') ?? []) {
    const [key, ...value] = part.trim().split('=');
    if (key !== name) continue;
    try {
      return decodeURIComponent(value.join('='));
    } catch {
      return undefined;
    }
  }
  return undefined;
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
