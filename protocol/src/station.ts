// Stations as the server knows them: enrolment, the credential a station's agent presents, heartbeats, fleet view.
import { z } from 'zod';
import { DeviceHealth } from './agent.ts';
import { Station } from './config.ts';

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

export const HeartbeatBody = z
  .object({
    agentVersion: z.string().min(1).max(40),
    uptimeSeconds: z.number().int().min(0),
    devices: DeviceHealth,
  })
  .meta({ id: 'Heartbeat' });
export type HeartbeatBody = z.infer<typeof HeartbeatBody>;

export const StationHealth = z.object({
  station: Station,
  online: z.boolean(),
  lastHeartbeatAt: z.iso.datetime({ offset: true }).nullable(),
  agentVersion: z.string().nullable(),
  uptimeSeconds: z.number().nullable(),
  /** The last known device state, kept when the station goes offline. */
  devices: DeviceHealth.nullable(),
});
export type StationHealth = z.infer<typeof StationHealth>;

export const StationListResponse = z.object({ stations: z.array(StationHealth) });
export const StationMeResponse = z.object({ station: Station });
