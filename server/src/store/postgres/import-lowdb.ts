// Moves a lowdb deployment's data folder into PostgreSQL (`npm run db:import-lowdb -- <data dir>`). Every
// record is written as inserted-or-replaced, so a second run (after an interruption, or to catch up the
// last hours before switching over) changes nothing it already moved and loses nothing.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { DateTime } from 'luxon';
import { DuplicateKeyError, type OutboxMessage, type StoreTx } from '../store.ts';
import {
  readdirOrEmpty,
  type AuditDay,
  type BookingDay,
  type CallDay,
  type Core,
  type Fleet,
  type Operations,
  type SessionDay,
  type StationStatuses,
  type StatsYear,
  type TicketDay,
  type VideoQueue,
} from '../lowdb/partitions.ts';
import type { TeamsMeetingsFile } from '../lowdb/lowdb-teams.ts';
import { LowdbStore } from '../lowdb/lowdb-store.ts';
import type { PostgresStore } from './postgres-store.ts';

export type ImportCounts = Record<string, number>;

export interface ImportOptions {
  /** The lowdb server has stopped without closing (a crash): put its journal into its files first. */
  replayJournal?: boolean;
}

export async function importLowdb(
  dataDir: string,
  store: PostgresStore,
  progress: (file: string) => void = () => {},
  options: ImportOptions = {},
): Promise<ImportCounts> {
  const journals = (await readdirOrEmpty(dataDir)).filter((name) => /^journal-\d+\.ndjson$/.test(name));
  if (journals.length > 0 && !options.replayJournal)
    throw new Error(
      `${path.join(dataDir, journals[0]!)}: the last records a lowdb server acknowledged are still only in its ` +
        'journal. Stop that server (it writes them into their files as it closes) and run again; if it has ' +
        'already stopped without closing, run again with --replay-journal',
    );
  // Opening the store replays the journal into the files; closing it leaves only the files.
  if (journals.length > 0) await (await LowdbStore.open({ dataDir })).close();
  const counts: ImportCounts = {};
  const count = (kind: string, n = 1) => (counts[kind] = (counts[kind] ?? 0) + n);
  const read = async <T>(file: string): Promise<T | undefined> => {
    try {
      return JSON.parse(await readFile(file, 'utf8')) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new Error(`${file}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  /** One file, one transaction: a file is moved whole or not at all. */
  const file = async <T>(relative: string, write: (data: T, tx: StoreTx) => Promise<void>) => {
    const data = await read<T>(path.join(dataDir, relative));
    if (data === undefined) return;
    progress(relative);
    await store.transaction((tx) => write(data, tx));
  };

  await file<Core>('core.json', async (core, tx) => {
    for (const account of core.staff ?? []) await tx.putStaffAccount(account);
    for (const station of core.stationRecords ?? []) await tx.putStation(station);
    for (const credential of core.stations) await tx.putStationCredential(credential);
    for (const session of core.sessions) await tx.insertSession(session);
    for (const board of core.boards ?? []) await tx.putBoard(board);
    for (const change of core.calendarChanges ?? []) await tx.putCalendarChange(change);
    count('staff accounts', core.staff?.length ?? 0);
    count('stations', core.stationRecords?.length ?? 0);
    count('boards', core.boards?.length ?? 0);
    count('calendar changes', core.calendarChanges?.length ?? 0);
  });
  const retentionDoneBefore = (await read<Core>(path.join(dataDir, 'core.json')))?.retentionDoneBefore;
  if (retentionDoneBefore) await store.importMeta('retentionDoneBefore', retentionDoneBefore);
  await file<Fleet>('fleet.json', async (fleet, tx) => {
    for (const code of fleet.enrolmentCodes) await tx.putEnrolmentCode(code);
    for (const status of fleet.statuses ?? []) await tx.putStationStatus(status);
  });
  await file<StationStatuses>('station-statuses.json', async ({ statuses }, tx) => {
    for (const status of statuses) await tx.putStationStatus(status);
  });
  await file<VideoQueue>('video-queue.json', async ({ entries }, tx) => {
    for (const entry of entries) await tx.putVideoQueueEntry(entry);
  });
  await file<TeamsMeetingsFile>('teams-meetings.json', async ({ meetings }, tx) => {
    for (const meeting of meetings) await tx.putTeamsMeeting(meeting);
    count('Teams meetings', meetings.length);
  });
  await file<Operations>('operations.json', async ({ selfTests, alerts }, tx) => {
    for (const run of selfTests) await tx.putSelfTestRun(run);
    for (const alert of alerts) await tx.putAlert(alert);
    count('alerts', alerts.length);
  });

  for (const relative of await dayFiles(dataDir, 'bookings'))
    await file<BookingDay>(relative, async ({ bookings }, tx) => {
      // Those an earlier run imported are replaced, not inserted again (a taken code fails only the commit).
      const imported = new Set((await tx.bookingsOfDay(...sedeAndDay(relative))).map((b) => b.code));
      for (const booking of bookings)
        await (imported.has(booking.code) ? tx.updateBooking(booking) : tx.insertBooking(booking));
      count('bookings', bookings.length);
    });
  for (const relative of await dayFiles(dataDir, 'tickets'))
    await file<TicketDay>(relative, async ({ counters, tickets, counterStates }, tx) => {
      const [sede, day] = sedeAndDay(relative);
      for (const ticket of tickets)
        await tx.insertTicket(ticket).catch(async (error: unknown) => {
          if (!(error instanceof DuplicateKeyError)) throw error;
          await tx.updateTicket(ticket);
        });
      for (const state of counterStates ?? []) await tx.putCounterState({ ...state, day });
      await store.importTicketNumbers(sede, day, counters);
      count('tickets', tickets.length);
    });
  for (const relative of await dayFiles(dataDir, 'calls'))
    await file<CallDay>(relative, async ({ calls, exits }, tx) => {
      for (const call of calls) await tx.putCallRecord(call);
      for (const exit of exits ?? []) await tx.appendVideoQueueExit(exit);
      count('video calls', calls.length);
    });
  for (const relative of await dayFiles(dataDir, 'sessions'))
    await file<SessionDay>(relative, async ({ sessions }, tx) => {
      for (const session of sessions)
        await tx.appendKioskSession(session).catch((error: unknown) => {
          if (!(error instanceof DuplicateKeyError)) throw error;
        });
      count('kiosk sessions', sessions.length);
    });
  for (const sede of await readdirOrEmpty(path.join(dataDir, 'stats')))
    for (const name of await readdirOrEmpty(path.join(dataDir, 'stats', sede)))
      await file<StatsYear>(path.join('stats', sede, name), async ({ days }, tx) => {
        for (const rollup of days) await tx.putDayStats(rollup);
      });
  for (const month of await readdirOrEmpty(path.join(dataDir, 'audit')))
    for (const name of await readdirOrEmpty(path.join(dataDir, 'audit', month))) {
      const relative = path.join('audit', month, name);
      const data = await read<AuditDay>(path.join(dataDir, relative));
      if (!data) continue;
      progress(relative);
      // Audit events have no key of their own (lowdb's journal key stays behind): a day already moved is
      // recognised by its marker, written with it.
      const events = data.events.map(({ key: _key, ...event }) => event);
      if (await store.importAuditDay(name.replace(/\.json$/, ''), events))
        count('audit events', events.length);
    }
  for (const folder of ['pending', 'archive']) {
    const root = path.join(dataDir, 'outbox', folder);
    const files =
      folder === 'pending'
        ? await readdirOrEmpty(root)
        : (
            await Promise.all(
              (await readdirOrEmpty(root)).map(async (m) =>
                (await readdirOrEmpty(path.join(root, m))).map((f) => path.join(m, f)),
              ),
            )
          ).flat();
    for (const name of files) {
      const relative = path.join('outbox', folder, name);
      const data = await read<{ messages: OutboxMessage[] }>(path.join(dataDir, relative));
      if (!data) continue;
      progress(relative);
      await store.importMessages(data.messages);
      count('SMS', data.messages.length);
    }
  }
  return counts;
}

/** Every day file of a kind: <kind>/<sede>/<month>/<day>.json, relative to the data folder. */
async function dayFiles(dataDir: string, kind: string): Promise<string[]> {
  const found: string[] = [];
  for (const sede of await readdirOrEmpty(path.join(dataDir, kind)))
    for (const month of await readdirOrEmpty(path.join(dataDir, kind, sede)))
      for (const name of await readdirOrEmpty(path.join(dataDir, kind, sede, month)))
        if (/^\d{4}-\d{2}-\d{2}\.json$/.test(name)) found.push(path.join(kind, sede, month, name));
  return found.sort();
}

function sedeAndDay(relative: string): [string, string] {
  const parts = relative.split(path.sep);
  const day = parts.at(-1)!.replace(/\.json$/, '');
  if (!DateTime.fromISO(day).isValid) throw new Error(`${relative}: not a day file`);
  return [parts[1]!, day];
}
