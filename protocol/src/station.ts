// Stations as the server knows them: enrolment, the credential a station's agent presents, heartbeats, fleet view.
import { z } from 'zod';
import { DeviceHealth } from './agent.ts';
import { Station } from './config.ts';

/**
 * The agent version this release ships (station-agent/src/version.ts re-exports it): the fleet view marks
 * agents older than it, or than the newest one seen in a heartbeat, as needing an update.
 */
export const CURRENT_AGENT_VERSION = '0.1.0';

export const EnrolmentCodeResponse = z.object({
  station: z.string(),
  /** One-time code typed into `station-agent enroll`; shown once. */
  code: z.string(),
  expiresAt: z.iso.datetime({ offset: true }),
});
export type EnrolmentCodeResponse = z.infer<typeof EnrolmentCodeResponse>;

export const EnrolBody = z
  .object({
    code: z.string().min(1).max(40),
    agentVersion: z.string().min(1).max(40),
    hostname: z.string().max(100).optional(),
  })
  .meta({ id: 'Enrol' });
export type EnrolBody = z.infer<typeof EnrolBody>;

export const EnrolResponse = z.object({
  station: Station,
  /** The station's credential: shown once, kept by the agent with mode 0600; the server keeps only its hash. */
  token: z.string(),
});
export type EnrolResponse = z.infer<typeof EnrolResponse>;

/** The kiosk page as it reports itself to its agent: loaded at all, and the script errors since. */
export const PageHealth = z.object({
  loaded: z.boolean(),
  errors: z.number().int().min(0),
  lastError: z.string().max(300).optional(),
});
export type PageHealth = z.infer<typeof PageHealth>;

/** What the kiosk page tells its agent (POST /agent/page): it loaded, or a script error happened. */
export const PageReportBody = z.discriminatedUnion('event', [
  z.object({ event: z.literal('loaded') }),
  z.object({ event: z.literal('error'), message: z.string().max(300) }),
]);
export type PageReportBody = z.infer<typeof PageReportBody>;

export const HeartbeatBody = z
  .object({
    agentVersion: z.string().min(1).max(40),
    uptimeSeconds: z.number().int().min(0),
    devices: DeviceHealth,
    /** Absent from agents older than the page report. */
    page: PageHealth.optional(),
  })
  .meta({ id: 'Heartbeat' });
export type HeartbeatBody = z.infer<typeof HeartbeatBody>;

export const stationDevices = ['reader', 'printer', 'scanner', 'camera'] as const;
export type StationDeviceName = (typeof stationDevices)[number];

/** One device that needs a technician: expected and missing, in error, or a printer that is not ok. */
export const DeviceProblem = z.object({
  device: z.enum(stationDevices),
  /** The device's state as reported (e.g. "paper-out", "absent"); for the camera its page state, or "absent". */
  state: z.string(),
});
export type DeviceProblem = z.infer<typeof DeviceProblem>;

/** The newest self-test of a station, in short. */
export const SelfTestSummary = z.object({
  id: z.string(),
  status: z.enum(['queued', 'waiting-idle', 'running', 'done', 'failed']),
  requestedAt: z.iso.datetime({ offset: true }),
  finishedAt: z.iso.datetime({ offset: true }).optional(),
  error: z.string().optional(),
});
export type SelfTestSummary = z.infer<typeof SelfTestSummary>;

export const StationHealth = z.object({
  station: Station,
  /** Whether the station holds a credential: false before enrolment and after a revocation. */
  enrolled: z.boolean(),
  online: z.boolean(),
  /** Offline: since when (the last heartbeat plus the offline threshold); null when online or never seen. */
  offlineSince: z.iso.datetime({ offset: true }).nullable(),
  lastHeartbeatAt: z.iso.datetime({ offset: true }).nullable(),
  agentVersion: z.string().nullable(),
  /** Older than this release's agent or the newest seen (an unreadable version counts as old). */
  agentOutdated: z.boolean(),
  uptimeSeconds: z.number().nullable(),
  /** The last known device state, kept when the station goes offline. */
  devices: DeviceHealth.nullable(),
  /** The kiosk page's health as the agent last reported it; null from agents that do not report it. */
  page: PageHealth.nullable(),
  /** Expected devices missing or in error, and a printer that is not ok (from the last heartbeat). */
  problems: z.array(DeviceProblem),
  lastSelfTest: SelfTestSummary.nullable(),
});
export type StationHealth = z.infer<typeof StationHealth>;

export const FleetFilter = z.enum(['offline', 'device-problem', 'old-agent']);
export type FleetFilter = z.infer<typeof FleetFilter>;

export const StationListQuery = z.strictObject({
  /** Only stations in this state. */
  filter: FleetFilter.optional(),
  sede: z.string().max(40).optional(),
  /** Words found in the id, name, comune, host or address (any case). */
  q: z.string().max(100).optional(),
  /** At most this many stations in the answer (by sede, comune and name); all when absent. */
  limit: z.coerce.number().int().min(1).max(100_000).optional(),
});
export type StationListQuery = z.infer<typeof StationListQuery>;

export const StationListResponse = z.object({
  /** By sede, comune and name; at most `limit` of them. */
  stations: z.array(StationHealth),
  /** How many stations match the filter and search (more than `stations` holds when a limit cut it). */
  matched: z.number().int(),
  /** The version agents are measured against: this release's or the newest seen, whichever is newer. */
  newestAgentVersion: z.string(),
  /** How many stations each state counts over the whole fleet (before filter and search). */
  counts: z.object({
    total: z.number().int(),
    offline: z.number().int(),
    deviceProblem: z.number().int(),
    oldAgent: z.number().int(),
  }),
});
export type StationListResponse = z.infer<typeof StationListResponse>;
export const StationMeResponse = z.object({ station: Station });
export const StationDetailResponse = z.object({ health: StationHealth, newestAgentVersion: z.string() });
export type StationDetailResponse = z.infer<typeof StationDetailResponse>;

const text = (max: number) => z.string().trim().min(1).max(max);

/** A new station, as a technician describes it; its id is derived from the comune and host when not given. */
export const CreateStationBody = z
  .object({
    id: Station.shape.id.optional(),
    sede: Station.shape.sede,
    comune: text(60),
    name: text(100),
    host: text(100),
    address: text(200),
    kind: Station.shape.kind,
    devices: z.array(z.enum(stationDevices)).max(4).default([]),
  })
  .meta({ id: 'CreateStation' });
export type CreateStationBody = z.input<typeof CreateStationBody>;

/** A station's record changed: renamed, moved to another sede, its place or expected devices edited. */
export const UpdateStationBody = z
  .object({
    sede: Station.shape.sede.optional(),
    comune: text(60).optional(),
    name: text(100).optional(),
    host: text(100).optional(),
    address: text(200).optional(),
    kind: Station.shape.kind.optional(),
    devices: z.array(z.enum(stationDevices)).max(4).optional(),
  })
  .meta({ id: 'UpdateStation' });
export type UpdateStationBody = z.infer<typeof UpdateStationBody>;

export const StationRecordResponse = z.object({ station: Station });
export type StationRecordResponse = z.infer<typeof StationRecordResponse>;
