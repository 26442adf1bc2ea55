// Teams meeting records on lowdb: one file (data/teams-meetings.json), all in memory; a record leaves it
// once its meeting is deleted or its slot is a month past.
import type { Low } from 'lowdb';
import type { StoreReader, StoreTx } from '../store.ts';
import type { TeamsClaimOptions, TeamsMeeting } from '../teams-meetings.ts';
import { clone } from './clone.ts';
import type { TxLog } from './tx-log.ts';

export interface TeamsMeetingsFile {
  meetings: TeamsMeeting[];
}

export const emptyTeamsMeetings = (): TeamsMeetingsFile => ({ meetings: [] });

const KEPT_DAYS = 31;

export class LowdbTeamsMeetings {
  constructor(private readonly low: Low<TeamsMeetingsFile>) {}

  reader(): Pick<StoreReader, 'teamsMeeting'> {
    return {
      teamsMeeting: async (code) => clone(this.low.data.meetings.find((m) => m.bookingCode === code)),
    };
  }

  writer(log: TxLog): Pick<StoreTx, 'putTeamsMeeting'> {
    return {
      putTeamsMeeting: async (meeting) => {
        const list = this.low.data.meetings;
        const before = [...list];
        const index = list.findIndex((m) => m.bookingCode === meeting.bookingCode);
        if (index >= 0) list[index] = clone(meeting);
        else list.push(clone(meeting));
        // Finished records of slots long past are dropped as others are written.
        const old = new Date(Date.parse(meeting.updatedAt) - KEPT_DAYS * 86_400_000).toISOString();
        for (let i = list.length - 1; i >= 0; i--)
          if (list[i]!.dueAt === undefined && list[i]!.end < old) list.splice(i, 1);
        log.touched.add(this.low as Low<unknown>);
        log.undo.push(() => void list.splice(0, list.length, ...before));
      },
    };
  }

  claim(log: TxLog, { now, limit, leaseMs, worker }: TeamsClaimOptions): TeamsMeeting[] {
    const nowIso = now.toISOString();
    const until = new Date(now.getTime() + leaseMs).toISOString();
    const due = this.low.data.meetings
      .filter((m) => m.dueAt !== undefined && m.dueAt <= nowIso && (!m.lease || m.lease.until <= nowIso))
      .sort((a, b) => (a.dueAt! < b.dueAt! ? -1 : a.dueAt! > b.dueAt! ? 1 : 0))
      .slice(0, limit);
    for (const meeting of due) {
      const before = { lease: meeting.lease, attempts: meeting.attempts };
      meeting.lease = { worker, until };
      meeting.attempts++;
      log.undo.push(() => {
        meeting.attempts = before.attempts;
        if (before.lease) meeting.lease = before.lease;
        else delete meeting.lease;
      });
    }
    if (due.length > 0) log.touched.add(this.low as Low<unknown>);
    return clone(due);
  }
}
