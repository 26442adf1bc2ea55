// Where each record lives on disk: small JSON files per sede and day, so a write never rewrites history.
import { readdir } from 'node:fs/promises';
import path from 'node:path';

export interface BookingDay {
  bookings: import('../store.ts').StoredBooking[];
}
export interface TicketDay {
  /** Last number issued per prefix. */
  counters: Record<string, number>;
  tickets: import('../store.ts').StoredTicket[];
  /** The sportelli opened that day (absent in files written before counters had a state). */
  counterStates?: import('@sportello/protocol').CounterState[];
}
export interface Core {
  sessions: import('../store.ts').StaffSession[];
  stations: import('../store.ts').StationCredential[];
  /** Display boards (absent in files written before boards existed). */
  boards?: import('../store.ts').StoredBoard[];
  /** Staff accounts (absent in files written before accounts were kept in the store). */
  staff?: import('../store.ts').StoredStaffAccount[];
  /** The station registry (absent in files written before it was kept in the store). */
  stationRecords?: import('../store.ts').StoredStation[];
  calendarChanges?: import('../store.ts').CalendarChange[];
  /** Days before this one have had their personal data removed. */
  retentionDoneBefore?: string;
}

/** Self-test runs and alerts: what the technicians' console shows beside the heartbeats. */
export interface Operations {
  selfTests: import('../store.ts').SelfTestRun[];
  alerts: import('../store.ts').StationAlert[];
}

/** Kiosk sessions of one sede that ended on one day. */
export interface SessionDay {
  sessions: import('../store.ts').KioskSessionStat[];
}

/** The KPI rollups of one sede and year: a year's query reads one file. */
export interface StatsYear {
  days: import('../store.ts').DayStatsRollup[];
}

/** Station enrolment codes (last heartbeats were kept here too before they got a file of their own). */
export interface Fleet {
  enrolmentCodes: import('../store.ts').EnrolmentCode[];
  statuses?: import('../store.ts').StationStatus[];
}

/**
 * Every station's last heartbeat: rewritten by heartbeats, written behind (at most every few seconds), so
 * kept apart from what must be on disk when its transaction resolves.
 */
export interface StationStatuses {
  statuses: import('../store.ts').StationStatus[];
}

/** The video waiting room: small, rewritten on every join, match and leave. */
export interface VideoQueue {
  entries: import('@sportello/protocol').QueueEntry[];
}

/** Video calls of one sede group that started on one day. */
export interface CallDay {
  calls: import('@sportello/protocol').CallRecord[];
  /** Citizens who left the waiting room unanswered that day (absent in files written before they were kept). */
  exits?: import('../store.ts').VideoQueueExit[];
}

/**
 * The audit log of one day. `key`: journaled events are put by it (files written before have none); never read
 * out of the store.
 */
export interface AuditDay {
  events: (import('../store.ts').AuditEvent & { key?: string })[];
}

/** Day partitions: bookings, tickets and kiosk sessions per sede, calls per sede group. */
export type PartitionKind = 'bookings' | 'tickets' | 'calls' | 'sessions';

const safe = /^[a-z0-9-]+$/;

/** data/bookings/rovigo/2026-11/2026-11-28.json (data/calls/<group>/… for calls) */
export function dayFile(dataDir: string, kind: PartitionKind, sede: string, day: string): string {
  if (!safe.test(sede) || !/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`bad partition ${sede}/${day}`);
  return path.join(dataDir, kind, sede, day.slice(0, 7), `${day}.json`);
}

/** data/audit/2026-11/2026-11-28.json */
export function auditFile(dataDir: string, day: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`bad audit day ${day}`);
  return path.join(dataDir, 'audit', day.slice(0, 7), `${day}.json`);
}

/** data/stats/rovigo/2026.json */
export function statsFile(dataDir: string, sede: string, year: string): string {
  if (!safe.test(sede) || !/^\d{4}$/.test(year)) throw new Error(`bad stats partition ${sede}/${year}`);
  return path.join(dataDir, 'stats', sede, `${year}.json`);
}

export function operationsFile(dataDir: string): string {
  return path.join(dataDir, 'operations.json');
}

export function coreFile(dataDir: string): string {
  return path.join(dataDir, 'core.json');
}

export function fleetFile(dataDir: string): string {
  return path.join(dataDir, 'fleet.json');
}

export function statusesFile(dataDir: string): string {
  return path.join(dataDir, 'station-statuses.json');
}

export function videoQueueFile(dataDir: string): string {
  return path.join(dataDir, 'video-queue.json');
}

export const emptyVideoQueue = (): VideoQueue => ({ entries: [] });
export const emptyBookingDay = (): BookingDay => ({ bookings: [] });
export const emptyTicketDay = (): TicketDay => ({ counters: {}, tickets: [], counterStates: [] });
export const emptyCallDay = (): CallDay => ({ calls: [] });
export const emptySessionDay = (): SessionDay => ({ sessions: [] });
export const emptyStatsYear = (): StatsYear => ({ days: [] });
export const emptyOperations = (): Operations => ({ selfTests: [], alerts: [] });
export const emptyAuditDay = (): AuditDay => ({ events: [] });
export const emptyCore = (): Core => ({ sessions: [], stations: [], boards: [] });
export const emptyFleet = (): Fleet => ({ enrolmentCodes: [] });
export const emptyStatuses = (): StationStatuses => ({ statuses: [] });

/** A folder's entries; none when the folder does not exist yet. */
export async function readdirOrEmpty(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
