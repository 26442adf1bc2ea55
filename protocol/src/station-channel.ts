// The station channel: the one outbound WebSocket a station's agent keeps open to the server
// (`/api/v1/stations/channel`, with the station's bearer credential), commands down and answers up; the
// remote self-test and pushed settings it carries; and what the kiosk page and its agent say to each other
// about them on the agent's loopback WebSocket.
import { z } from 'zod';
import { DeviceHealth } from './agent.ts';
import { StationSettings } from './config.ts';

/** Every message carries it; a peer refuses (close 4400) a version it does not speak. */
export const STATION_CHANNEL_VERSION = 1;
export const STATION_CHANNEL_PATH = '/api/v1/stations/channel';

/** Close codes the server uses, so the agent can tell "try again later" from "give up". */
export const channelCloseCodes = {
  /** The station's credential was revoked (or the station removed): reconnecting will be refused. */
  revoked: 4401,
  /** A message the server could not read or does not know. */
  badMessage: 4400,
  /** Another connection of the same station took over. */
  replaced: 4409,
  /** The server is stopping: reconnect. */
  stopping: 1001,
} as const;

const v = z.literal(STATION_CHANNEL_VERSION);
const runId = z.string().min(1).max(60);

// ---- the self-test ----

export const selfTestDevices = ['reader', 'printer', 'test-print', 'scanner', 'camera'] as const;
export const SelfTestDevice = z.enum(selfTestDevices);
export type SelfTestDevice = z.infer<typeof SelfTestDevice>;

/** One device's line of a self-test: how it went, and the device's own state word. */
export const SelfTestCheck = z.object({
  device: SelfTestDevice,
  outcome: z.enum(['ok', 'problem', 'not-configured']),
  /** The device's state as the agent names it, e.g. "paper-out", "denied", "no-kiosk-page". */
  state: z.string().min(1).max(40),
  /** For the technician: what the agent saw, in its words (not shown to citizens). */
  detail: z.string().max(200).optional(),
});
export type SelfTestCheck = z.infer<typeof SelfTestCheck>;

export const SelfTestResult = z.object({
  checks: z.array(SelfTestCheck).min(1).max(10),
  agentVersion: z.string().max(40),
});
export type SelfTestResult = z.infer<typeof SelfTestResult>;

export const selfTestStatuses = ['queued', 'waiting-idle', 'running', 'done', 'failed'] as const;
export const SelfTestStatus = z.enum(selfTestStatuses);
export type SelfTestStatus = z.infer<typeof SelfTestStatus>;

/** Why a run failed without a result. */
export const selfTestFailures = [
  /** Not picked up in time: the station is offline. */
  'station-offline',
  /** The kiosk stayed busy with citizens for too long. */
  'kiosk-busy',
  /** The agent started but never answered (it stopped or lost the connection). */
  'no-answer',
  /** The agent could not run it. */
  'agent-error',
] as const;
export const SelfTestFailure = z.enum(selfTestFailures);
export type SelfTestFailure = z.infer<typeof SelfTestFailure>;

/** A self-test run as the console sees it. */
export const SelfTestRunView = z
  .object({
    id: z.string(),
    station: z.string(),
    requestedBy: z.string(),
    requestedAt: z.iso.datetime({ offset: true }),
    print: z.boolean(),
    status: SelfTestStatus,
    finishedAt: z.iso.datetime({ offset: true }).optional(),
    result: SelfTestResult.optional(),
    failure: SelfTestFailure.optional(),
    /** agent-error: what the agent said. */
    message: z.string().optional(),
  })
  .meta({ id: 'SelfTestRun' });
export type SelfTestRunView = z.infer<typeof SelfTestRunView>;

export const StartSelfTestBody = z
  .object({ print: z.boolean().default(false) })
  .meta({ id: 'StartSelfTest' });
export type StartSelfTestBody = z.infer<typeof StartSelfTestBody>;

export const SelfTestListResponse = z.object({
  runs: z.array(SelfTestRunView),
  /** Whether the station's agent has its channel open now (any server instance). */
  connected: z.boolean(),
});
export type SelfTestListResponse = z.infer<typeof SelfTestListResponse>;

export const StationSettingsResponse = z.object({
  station: z.string(),
  settings: StationSettings,
  /** When they were last changed, if ever. */
  updatedAt: z.iso.datetime({ offset: true }).nullable(),
});
export type StationSettingsResponse = z.infer<typeof StationSettingsResponse>;

// ---- the channel's messages ----

/** Server → agent. */
export const ServerToStation = z.discriminatedUnion('type', [
  /** The station's settings, whole: sent on every (re)connection and after every change. */
  z.object({ v, type: z.literal('settings'), settings: StationSettings }),
  /** Run the self-test once the kiosk is idle. */
  z.object({ v, type: z.literal('self-test'), run: z.object({ id: runId, print: z.boolean() }) }),
]);
export type ServerToStation = z.infer<typeof ServerToStation>;

/** Agent → server. */
export const StationToServer = z.discriminatedUnion('type', [
  z.object({
    v,
    type: z.literal('self-test-status'),
    id: runId,
    status: z.enum(['waiting-idle', 'running']),
  }),
  z.object({ v, type: z.literal('self-test-result'), id: runId, result: SelfTestResult }),
  z.object({ v, type: z.literal('self-test-error'), id: runId, message: z.string().max(200) }),
]);
export type StationToServer = z.infer<typeof StationToServer>;

// ---- kiosk page ↔ agent, on the agent's loopback /agent/ws ----

/** Agent → kiosk page (beside the device events). */
export const AgentToKiosk = z.discriminatedUnion('type', [
  /** Apply these without a restart (an out-of-service message waits for the citizen's session to end). */
  z.object({ type: z.literal('settings'), settings: StationSettings }),
  /** Check the camera now (getUserMedia, released at once) and answer with camera-result. */
  z.object({ type: z.literal('camera-check'), id: runId }),
]);
export type AgentToKiosk = z.infer<typeof AgentToKiosk>;

/** Kiosk page → agent. */
export const KioskToAgent = z.discriminatedUnion('type', [
  /** Whether a citizen is using the kiosk now; sent on every change and on every (re)connection. */
  z.object({ type: z.literal('session'), active: z.boolean() }),
  z.object({ type: z.literal('camera-result'), id: runId, state: DeviceHealth.shape.camera.shape.page }),
]);
export type KioskToAgent = z.infer<typeof KioskToAgent>;
