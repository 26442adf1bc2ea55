// Video counter: the virtual waiting room and call signaling over /ws, the console's REST bodies and
// config/video.json. Every WebSocket message is one object discriminated by `type`.
import { z } from 'zod';
import { BookingCode, BookingStatus } from './booking.ts';
import { AuthMethod } from './citizen.ts';
import { BookingMode, Language } from './config.ts';

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
  /**
   * Several server instances: each renews its liveness this often; one silent for `expirySeconds` (killed)
   * is dead, its waiting citizens leave the room and its calls end for the other party.
   */
  instances: z
    .strictObject({
      renewSeconds: z.number().min(0.1).max(60).default(10),
      expirySeconds: z.number().min(0.5).max(600).default(30),
    })
    .refine((i) => i.expirySeconds >= 2 * i.renewSeconds, {
      message: 'expirySeconds must be at least twice renewSeconds',
      path: ['expirySeconds'],
    })
    .prefault({}),
});
export type VideoSettings = z.infer<typeof VideoSettings>;

// ---- the queue ----

export const officialStatuses = ['available', 'busy', 'paused', 'offline'] as const;
export const OfficialStatus = z.enum(officialStatuses);
export type OfficialStatus = z.infer<typeof OfficialStatus>;

/** none: not identified; typed: codice fiscale typed or read from a card without PIN; strong: CIE/CNS/SPID. */
export const AuthLevel = z.enum(['none', 'typed', 'strong']);
export type AuthLevel = z.infer<typeof AuthLevel>;

/**
 * Who the citizen in a call is, as far as the kiosk or the booking knows: handed to the matched official
 * only (never in snapshots), so that a follow-up is booked without retyping. Personal data.
 */
export const CallCitizen = z
  .object({
    codiceFiscale: z.string().optional(),
    firstName: z.string().optional(),
    lastName: z.string().optional(),
    /** E.164, when known (a web meeting's booking has it; a kiosk session usually not). */
    phone: z.string().optional(),
    language: Language.optional(),
    authMethod: AuthMethod.optional(),
  })
  .meta({ id: 'VideoCallCitizen' });
export type CallCitizen = z.infer<typeof CallCitizen>;

export const QueueEntry = z
  .object({
    id: z.string(),
    /** The sede group whose officials may answer. */
    group: z.string(),
    /** station: a kiosk through its agent; web: a booked web meeting from the citizen's own device. */
    origin: z.enum(['station', 'web']),
    /** The kiosk's station; absent for a web meeting from home. */
    station: z.string().optional(),
    /** The sede that serves the citizen: the kiosk's, or the web meeting's booking's (follow-ups book there). */
    sede: z.string().optional(),
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
    /** A web meeting's citizen entered the right admission code (checked by the server) at this time. */
    admittedAt: instant.optional(),
    citizen: CallCitizen.optional(),
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
            origin: true,
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
    /** From /citizen-auth/verify: needed for cie-pin or cns-pin, whose codice fiscale it carries. */
    authProof: z.string().max(2000).optional(),
    /** What the kiosk knows of the citizen; a strong method's codice fiscale comes from the proof instead. */
    citizen: z
      .object({
        codiceFiscale: z.string().max(16).optional(),
        firstName: z.string().trim().min(1).max(80).optional(),
        lastName: z.string().trim().min(1).max(80).optional(),
        language: Language.optional(),
      })
      .optional(),
  }),
  /** A web meeting's citizen (their /ws carries the meeting cookie from /meetings/admit) enters the room. */
  z.object({ type: z.literal('meeting.join') }),
  z.object({ type: z.literal('queue.leave') }),
  z.object({ type: z.literal('official.status'), status: z.enum(['available', 'paused']) }),
  z.object({ type: z.literal('queue.accept'), entryId: z.string().min(1).max(64) }),
  z.object({ type: z.literal('queue.accept-next') }),
  /**
   * The official's offer, made while its accept is still being matched (before call.started): the server
   * sends it to the citizen as call.offer right behind call.started, or at once if the call started
   * meanwhile. An offer after an accept the server refused is dropped.
   */
  z.object({ type: z.literal('queue.offer'), sdp }),
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
  /** media-failed: the connection could not be made or was lost for good (the citizen is offered a callback). */
  z.object({ type: z.literal('call.hangup'), callId, reason: z.enum(['hangup', 'media-failed']).optional() }),
]);
export type ClientMessage = z.infer<typeof ClientMessage>;

// ---- WebSocket: server → client ----

export const callEndReasons = ['hangup', 'media-failed', 'disconnected', 'server-stopped'] as const;
export type CallEndReason = (typeof callEndReasons)[number];

export const ServerMessage = z.discriminatedUnion('type', [
  z.object({ type: z.literal('queue.joined'), entryId: z.string() }),
  z.object({
    type: z.literal('queue.position'),
    entryId: z.string(),
    /** 1 = next. */
    position: z.number().int().min(1),
    estimatedWaitMinutes: z.number().int().min(0),
    /** Officials of the sector signed in (available, busy or paused): 0 means nobody can answer now. */
    officialsOnline: z.number().int().min(0),
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
  /** A web meeting's official is running late: told live to the waiting page, and again at its meeting.join. */
  z.object({ type: z.literal('meeting.late'), minutes: z.number().int().min(1).max(60), at: instant }),
  z.object({
    type: z.literal('error'),
    code: z.string(),
    message: z.string(),
    /** The bad field of the message, e.g. `service` or `candidate.sdpMid`. */
    field: z.string().optional(),
  }),
]);
export type ServerMessage = z.infer<typeof ServerMessage>;

// ---- REST: calls, identification, outcome, follow-up (/api/v1/video/calls/…) ----

export const identityDocumentTypes = [
  'cie',
  'carta-identita-cartacea',
  'passaporto',
  'patente',
  'permesso-soggiorno',
  'altro',
] as const;

export const IdentityDocument = z.object({
  type: z.enum(identityDocumentTypes),
  /** Only the last four characters of the document number are kept. */
  numberLast4: z
    .string()
    .trim()
    .transform((s) => s.toUpperCase())
    .pipe(z.string().regex(/^[A-Z0-9]{4}$/, 'expected the last 4 letters or digits of the document number')),
  /** The official saw the expiry date and the document is valid today. */
  expiryChecked: z.boolean(),
});
export type IdentityDocument = z.infer<typeof IdentityDocument>;

/** The official's identification checklist, recorded with the call. */
export const Identification = z
  .strictObject({
    document: IdentityDocument,
    /** The face on camera matches the photo on the document. */
    faceMatches: z.boolean(),
    /** The person assisting the citizen, identified the same way, and the citizen's consent to it. */
    assistant: z
      .strictObject({
        name: z.string().trim().min(1).max(100),
        document: IdentityDocument,
        consentConfirmed: z.boolean(),
      })
      .optional(),
    /** Web meetings: the official saw that the admission code the citizen entered was accepted. */
    admissionCodeChecked: z.boolean().optional(),
  })
  .meta({ id: 'VideoIdentification' });
export type Identification = z.infer<typeof Identification>;

export const callOutcomes = [
  'answered',
  'needs-appointment',
  'documents-missing',
  'identification-failed',
  'referred-to-sede',
  'call-dropped',
] as const;
export const CallOutcome = z.enum(callOutcomes);
export type CallOutcome = z.infer<typeof CallOutcome>;

export const CallOutcomeBody = z
  .strictObject({ outcome: CallOutcome, notes: z.string().trim().max(2000).optional() })
  .meta({ id: 'VideoCallOutcome' });
export type CallOutcomeBody = z.infer<typeof CallOutcomeBody>;

/** A follow-up appointment booked by the official for the citizen of the call, from the call's data. */
export const FollowUpBody = z
  .strictObject({
    service: id,
    mode: BookingMode,
    start: instant,
    /** Where to book; without it, the sede that served the call (the kiosk's or the web meeting's). */
    sede: id.optional(),
    /** Needed when the call does not know the citizen's phone; E.164 or an Italian number. */
    phone: z.string().max(32).optional(),
    /** Needed when the call does not know the citizen's name (e.g. a typed codice fiscale). */
    firstName: z.string().trim().min(1).max(80).optional(),
    lastName: z.string().trim().min(1).max(80).optional(),
  })
  .meta({ id: 'VideoFollowUp' });
export type FollowUpBody = z.infer<typeof FollowUpBody>;

/**
 * What the kiosk of a call shows the citizen still standing there: the follow-up the official booked, and
 * whether its confirmation SMS was queued (a landline gets none). No codice fiscale, no phone.
 */
export const StationFollowUp = z
  .object({
    code: BookingCode,
    service: z.string(),
    mode: BookingMode,
    start: instant,
    end: instant,
    sede: z.string(),
    smsQueued: z.boolean(),
  })
  .meta({ id: 'VideoStationFollowUp' });
export type StationFollowUp = z.infer<typeof StationFollowUp>;

export const StationFollowUpResponse = z.object({ followUp: StationFollowUp.nullable() });
export type StationFollowUpResponse = z.infer<typeof StationFollowUpResponse>;

/** One video call as recorded: who, when, how it ended, the identification and the outcome. */
export const CallRecord = z
  .object({
    callId: z.string(),
    entryId: z.string(),
    origin: z.enum(['station', 'web']),
    /** Where the call was held: our built-in call (left out) or a booked web meeting held in Teams. */
    provider: z.enum(['builtin', 'teams']).optional(),
    group: z.string(),
    sector: z.string(),
    service: z.string(),
    station: z.string().optional(),
    /** The sede that served the citizen (the queue entry's); follow-ups book there unless told otherwise. */
    sede: z.string().optional(),
    bookingCode: z.string().optional(),
    official: z.string(),
    assistedBy: z.string().optional(),
    /** Personal data: removed by the retention job. */
    citizen: CallCitizen.optional(),
    waitedSince: instant,
    startedAt: instant,
    endedAt: instant.optional(),
    endReason: z.enum(callEndReasons).optional(),
    identification: Identification.extend({ recordedAt: instant }).optional(),
    outcome: CallOutcomeBody.extend({ recordedAt: instant }).optional(),
    followUpBookingCode: z.string().optional(),
  })
  .meta({ id: 'VideoCallRecord' });
export type CallRecord = z.infer<typeof CallRecord>;

export const CallRecordResponse = z.object({ call: CallRecord });

// ---- REST: the web meeting from home (/api/v1/meetings/…) ----

export const MeetingAdmitBody = z
  .strictObject({
    code: BookingCode,
    admissionCode: z.string().regex(/^\d{6}$/, 'the admission code has 6 digits'),
  })
  .meta({ id: 'MeetingAdmit' });
export type MeetingAdmitBody = z.input<typeof MeetingAdmitBody>;

/** How late an official may say they are, in minutes. */
export const runningLateMinutes = [5, 10, 15] as const;
/** The official's "Sono in ritardo di alcuni minuti" for today's web meeting (POST /appointments/:code/late). */
export const RunningLateBody = z
  .strictObject({
    minutes: z.literal(runningLateMinutes, { error: 'expected 5, 10 or 15 (minutes)' }),
  })
  .meta({ id: 'RunningLate' });
export type RunningLateBody = z.infer<typeof RunningLateBody>;

/** The admitted meeting; the response also sets the HttpOnly cookie the page's /ws then carries. */
export const MeetingAdmitResponse = z.object({
  meeting: z.object({
    code: z.string(),
    service: z.string(),
    sede: z.string(),
    start: instant,
    end: instant,
    /** The waiting room opens this long before the start; joining earlier is refused. */
    opensAt: instant,
    firstName: z.string(),
    /** A Teams meeting: its join link, offered once admitted (app or browser). */
    teamsJoinUrl: z.url().optional(),
    /** Teams was chosen but its meeting could not be made in time: the call is held on this page instead. */
    teamsFallback: z.boolean().optional(),
  }),
});
export type MeetingAdmitResponse = z.infer<typeof MeetingAdmitResponse>;

// ---- REST: the official's day (/api/v1/appointments, /api/v1/callbacks) ----

export const AppointmentSummary = z
  .object({
    code: z.string(),
    sede: z.string(),
    service: z.string(),
    sector: z.string(),
    mode: BookingMode,
    start: instant,
    end: instant,
    status: BookingStatus,
    citizen: z.object({ firstName: z.string(), lastName: z.string(), phone: z.string() }),
    /** A web meeting whose citizen is in the waiting room now. */
    waitingEntryId: z.string().optional(),
    /** A web meeting whose official said they are running late: by how much, and when they said it. */
    runningLate: z.object({ minutes: z.number().int(), at: instant }).optional(),
    /** A web meeting held in Microsoft Teams: the official's "Apri in Teams". */
    teamsJoinUrl: z.url().optional(),
    /** The Teams meeting's record in our console (POST /appointments/:code/teams-call), once opened. */
    teamsCall: z
      .object({ callId: z.string(), identificationRecorded: z.boolean(), outcomeRecorded: z.boolean() })
      .optional(),
    callback: z
      .object({
        attempts: z.array(
          z.object({ at: instant, official: z.string(), result: z.enum(['no-answer', 'retry-later']) }),
        ),
        retryAt: instant.optional(),
      })
      .optional(),
  })
  .meta({ id: 'AppointmentSummary' });
export type AppointmentSummary = z.infer<typeof AppointmentSummary>;

export const AppointmentsResponse = z.object({ date: z.string(), appointments: z.array(AppointmentSummary) });
export type AppointmentsResponse = z.infer<typeof AppointmentsResponse>;

export const callbackResults = ['done', 'no-answer', 'retry-later'] as const;
export const CallbackResultBody = z
  .strictObject({
    result: z.enum(callbackResults),
    /** retry-later: when to call again (default: in an hour). */
    retryAt: instant.optional(),
    notes: z.string().trim().max(2000).optional(),
  })
  .meta({ id: 'CallbackResult' });
export type CallbackResultBody = z.infer<typeof CallbackResultBody>;
