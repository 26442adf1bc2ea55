// Video counter: the virtual waiting room and call signaling over /ws, the console's REST bodies and
// config/video.json. Every WebSocket message is one object discriminated by `type`.
import { z } from 'zod';
import { AuthMethod } from './citizen.ts';

const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'expected a lower-case id of letters, digits and -');
const instant = z.iso.datetime({ offset: true });
const callId = z.string().min(1).max(64);

// ---- config/video.json ----

export const IceServer = z.object({
  urls: z.array(
    z.string().regex(/^(stun|stuns|turn|turns):/, 'expected a stun:, stuns:, turn: or turns: url'),
  ),
  username: z.string().optional(),
  credential: z.string().optional(),
});
export type IceServer = z.infer<typeof IceServer>;

export const VideoSettings = z.strictObject({
  stun: z.array(z.string().regex(/^stuns?:/, 'expected a stun: or stuns: url')).default([]),
  /** A coturn with `use-auth-secret`: credentials are made per call from the shared secret (TURN REST). */
  turn: z
    .strictObject({
      urls: z.array(z.string().regex(/^turns?:/, 'expected a turn: or turns: url')).min(1),
      /** The environment variable holding the shared secret; without it TURN is left out (logged). */
      secretEnv: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'expected an environment variable name'),
      ttlSeconds: z.number().int().min(60).max(86_400).default(3600),
    })
    .optional(),
  /** Past this estimated or actual wait the kiosk is told to offer a callback. */
  maxWaitMinutes: z.number().int().min(1).max(240).default(20),
  estimate: z
    .strictObject({
      /** Length of a call when the service gives none (its videoNow minutes otherwise). */
      defaultCallMinutes: z.number().int().min(1).max(120).default(10),
      /** How often positions and waits are re-sent even when nothing changed (waits grow). */
      refreshSeconds: z.number().int().min(5).max(600).default(30),
    })
    .prefault({}),
  /** Sedi whose officials share one waiting room; a sede in no group is a group of its own. */
  sedeGroups: z.array(z.strictObject({ id, sedi: z.array(id).min(1) })).default([]),
});
export type VideoSettings = z.infer<typeof VideoSettings>;

// ---- the queue ----

export const officialStatuses = ['available', 'busy', 'paused', 'offline'] as const;
export const OfficialStatus = z.enum(officialStatuses);
export type OfficialStatus = z.infer<typeof OfficialStatus>;

/** none: not identified; typed: codice fiscale typed or read from a card without PIN; strong: CIE/CNS/SPID. */
export const AuthLevel = z.enum(['none', 'typed', 'strong']);
export type AuthLevel = z.infer<typeof AuthLevel>;

export const QueueEntry = z
  .object({
    id: z.string(),
    /** The sede group whose officials may answer. */
    group: z.string(),
    station: z.string(),
    sector: z.string(),
    service: z.string(),
    since: instant,
    authLevel: AuthLevel,
    /** The municipal clerk or relative helping the citizen, as they gave their name. */
    assistedBy: z.string().optional(),
    status: z.enum(['waiting', 'in-call']),
    official: z.string().optional(),
    callId: z.string().optional(),
    /** A booked web meeting: it goes first from `priorityAt` (its start) on. */
    bookingCode: z.string().optional(),
    priorityAt: instant.optional(),
  })
  .meta({ id: 'VideoQueueEntry' });
export type QueueEntry = z.infer<typeof QueueEntry>;

export const QueueSnapshot = z
  .object({
    group: z.string(),
    at: instant,
    sectors: z.array(
      z.object({
        sector: z.string(),
        officials: z.object({ available: z.number(), busy: z.number(), paused: z.number() }),
        inCall: z.number(),
        waiting: z.array(
          QueueEntry.pick({
            id: true,
            station: true,
            service: true,
            since: true,
            authLevel: true,
            assistedBy: true,
            bookingCode: true,
            priorityAt: true,
          }).extend({ waitingMinutes: z.number() }),
        ),
      }),
    ),
  })
  .meta({ id: 'VideoQueueSnapshot' });
export type QueueSnapshot = z.infer<typeof QueueSnapshot>;

export const QueueResponse = z.object({ groups: z.array(QueueSnapshot) });
export type QueueResponse = z.infer<typeof QueueResponse>;

export const IceServersResponse = z.object({ iceServers: z.array(IceServer) });
export type IceServersResponse = z.infer<typeof IceServersResponse>;

/** The next free callback slot offered when the wait is not possible, or null when the service has none. */
export const CallbackSuggestion = z.object({
  sede: z.string(),
  service: z.string(),
  start: instant,
  end: instant,
});

// ---- WebSocket: client → server ----

const sdp = z.string().min(1).max(100_000);

export const ClientMessage = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('queue.join'),
    service: id,
    assistedBy: z.string().trim().min(1).max(100).optional(),
    authMethod: AuthMethod.optional(),
  }),
  z.object({ type: z.literal('queue.leave') }),
  z.object({ type: z.literal('official.status'), status: z.enum(['available', 'paused']) }),
  z.object({ type: z.literal('queue.accept'), entryId: z.string().min(1).max(64) }),
  z.object({ type: z.literal('queue.accept-next') }),
  z.object({ type: z.literal('call.offer'), callId, sdp }),
  z.object({ type: z.literal('call.answer'), callId, sdp }),
  z.object({
    type: z.literal('call.ice'),
    callId,
    /** An RTCIceCandidateInit, or null for the end of candidates. */
    candidate: z
      .object({
        candidate: z.string().max(2000),
        sdpMid: z.string().max(64).nullable().optional(),
        sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
        usernameFragment: z.string().max(256).nullable().optional(),
      })
      .nullable(),
  }),
  z.object({ type: z.literal('call.hangup'), callId, reason: z.string().max(200).optional() }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

// ---- WebSocket: server → client ----

export const callEndReasons = ['hangup', 'disconnected', 'server-stopped'] as const;

export const ServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('queue.joined'), entryId: z.string() }),
  z.object({
    type: z.literal('queue.position'),
    entryId: z.string(),
    /** 1 = next. */
    position: z.number().int().min(1),
    estimatedWaitMinutes: z.number().int().min(0),
  }),
  z.object({
    type: z.literal('queue.no-official'),
    entryId: z.string(),
    reason: z.enum(['no-official-online', 'wait-too-long']),
    callback: CallbackSuggestion.nullable(),
  }),
  z.object({ type: z.literal('queue.left'), entryId: z.string() }),
  z.object({ type: z.literal('queue.snapshot'), snapshot: QueueSnapshot }),
  z.object({ type: z.literal('official.state'), official: z.string(), status: OfficialStatus }),
  z.object({
    type: z.literal('call.started'),
    callId,
    role: z.enum(['citizen', 'official']),
    /** The official makes the offer. */
    iceServers: z.array(IceServer),
    entry: QueueEntry,
    official: z.object({ id: z.string(), name: z.string() }),
  }),
  z.object({ type: z.literal('call.offer'), callId, sdp }),
  z.object({ type: z.literal('call.answer'), callId, sdp }),
  z.object({ type: z.literal('call.ice'), callId, candidate: z.unknown() }),
  z.object({ type: z.literal('call.ended'), callId, reason: z.enum(callEndReasons) }),
  z.object({
    type: z.literal('error'),
    code: z.string(),
    message: z.string(),
    /** The bad field of the message, e.g. `service` or `candidate.sdpMid`. */
    field: z.string().optional(),
  }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;
