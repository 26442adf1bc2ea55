// The waiting room's rules, free of sockets and stores: sede groups, who goes first, positions and waits.
import type { Official, OfficialStatus, QueueEntry, QueueSnapshot, Sede } from '@sportello/protocol';
import type { AppConfig } from '../config/load-config.ts';
import type { StaffDirectory } from '../staff/staff-directory.ts';

/** The waiting room a sede belongs to: its configured group, or a group of its own. */
export function groupOf(config: AppConfig, sede: string): string {
  return config.video.sedeGroups.find((g) => g.sedi.includes(sede))?.id ?? sede;
}

/**
 * The official record a staff account answers calls as, if its account names one and is not disabled: from
 * the store's accounts (the context's directory), or config/staff.json where no directory runs.
 */
export function officialOfAccount(
  ctx: { config: AppConfig; staff?: StaffDirectory },
  username: string,
): Official | undefined {
  const account = ctx.staff
    ? ctx.staff.account(username)
    : ctx.config.staff.find((a) => a.username === username);
  if (!account?.official || ('disabled' in account && account.disabled)) return undefined;
  return ctx.config.officials.find((o) => o.id === account.official);
}

export function sediOf(config: AppConfig, group: string): Sede[] {
  return config.sedi.filter((s) => groupOf(config, s.id) === group);
}

export function allGroups(config: AppConfig): string[] {
  return [...new Set(config.sedi.map((s) => groupOf(config, s.id)))];
}

/**
 * Who is served first: entries whose priority time has come (booked web meetings at their start), by that
 * time; then everyone else, longest waiting first. Ties keep the store's order (joining order in lowdb).
 */
export function compareEntries(now: Date): (a: QueueEntry, b: QueueEntry) => number {
  const due = (e: QueueEntry) => e.priorityAt !== undefined && Date.parse(e.priorityAt) <= now.getTime();
  return (a, b) => {
    const da = due(a);
    const db = due(b);
    if (da !== db) return da ? -1 : 1;
    if (da && db && a.priorityAt !== b.priorityAt)
      return Date.parse(a.priorityAt!) - Date.parse(b.priorityAt!);
    return Date.parse(a.since) - Date.parse(b.since);
  };
}

export function waitingOf(entries: QueueEntry[], group: string, sector: string, now: Date): QueueEntry[] {
  return entries
    .filter((e) => e.status === 'waiting' && e.group === group && e.sector === sector)
    .sort(compareEntries(now));
}

/** The entry an official of `group` serving `sectors` gets next, or undefined. */
export function nextFor(
  entries: QueueEntry[],
  group: string,
  sectors: readonly string[],
  now: Date,
): QueueEntry | undefined {
  return entries
    .filter((e) => e.status === 'waiting' && e.group === group && sectors.includes(e.sector))
    .sort(compareEntries(now))[0];
}

export interface Presence {
  official: string;
  group: string;
  sectors: readonly string[];
  status: OfficialStatus;
}

export function officialsServing(presence: Presence[], group: string, sector: string): Presence[] {
  return presence.filter((p) => p.group === group && p.sectors.includes(sector) && p.status !== 'offline');
}

/** Minutes of a video call of this service: its videoNow length, or the configured default. */
export function callMinutes(config: AppConfig, service: string): number {
  return (
    config.services.find((s) => s.id === service)?.channels.videoNow?.minutes ??
    config.video.estimate.defaultCallMinutes
  );
}

/**
 * Position (1 = next), estimated wait and officials online: the calls ahead shared among the officials of
 * the sector who are available or busy (at least one, so a paused-only sector still shows a finite wait).
 */
export function positionOf(
  config: AppConfig,
  entries: QueueEntry[],
  presence: Presence[],
  entry: QueueEntry,
  now: Date,
): { position: number; estimatedWaitMinutes: number; officialsOnline: number } {
  const line = waitingOf(entries, entry.group, entry.sector, now);
  const index = line.findIndex((e) => e.id === entry.id);
  const ahead = line.slice(0, Math.max(0, index));
  const online = officialsServing(presence, entry.group, entry.sector);
  const working = online.filter((p) => p.status === 'available' || p.status === 'busy').length;
  const minutes = ahead.reduce((sum, e) => sum + callMinutes(config, e.service), 0);
  return {
    position: index + 1,
    estimatedWaitMinutes: Math.ceil(minutes / Math.max(1, working)),
    officialsOnline: online.length,
  };
}

export function snapshotOf(
  config: AppConfig,
  group: string,
  entries: QueueEntry[],
  presence: Presence[],
  now: Date,
): QueueSnapshot {
  return {
    group,
    at: now.toISOString(),
    sectors: config.sectors.map(({ id: sector }) => {
      const officials = officialsServing(presence, group, sector);
      const count = (status: OfficialStatus) => officials.filter((p) => p.status === status).length;
      return {
        sector,
        officials: { available: count('available'), busy: count('busy'), paused: count('paused') },
        inCall: entries.filter((e) => e.group === group && e.sector === sector && e.status === 'in-call')
          .length,
        waiting: waitingOf(entries, group, sector, now).map((e) => ({
          id: e.id,
          origin: e.origin,
          ...(e.station !== undefined && { station: e.station }),
          service: e.service,
          since: e.since,
          authLevel: e.authLevel,
          ...(e.assistedBy !== undefined && { assistedBy: e.assistedBy }),
          ...(e.bookingCode !== undefined && { bookingCode: e.bookingCode }),
          ...(e.priorityAt !== undefined && { priorityAt: e.priorityAt }),
          waitingMinutes: Math.max(0, Math.floor((now.getTime() - Date.parse(e.since)) / 60_000)),
        })),
      };
    }),
  };
}
