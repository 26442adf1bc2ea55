// Teams meeting records in PostgreSQL (migration 1765100000000_teams_meetings): one row per booking, claimed
// by one statement so that several instances' workers never share a record.
import type pg from 'pg';
import type { StoreReader, StoreTx } from '../store.ts';
import type { TeamsClaimOptions, TeamsMeeting } from '../teams-meetings.ts';

type Queryable = Pick<pg.ClientBase, 'query'>;

export function teamsReader(db: Queryable, locking: boolean): Pick<StoreReader, 'teamsMeeting'> {
  return {
    teamsMeeting: async (code) =>
      (
        await db.query<{ doc: TeamsMeeting }>(
          `SELECT doc FROM teams_meetings WHERE booking_code = $1${locking ? ' FOR UPDATE' : ''}`,
          [code],
        )
      ).rows[0]?.doc,
  };
}

export function teamsWriter(db: Queryable): Pick<StoreTx, 'putTeamsMeeting'> {
  return {
    putTeamsMeeting: async (meeting) => {
      await db.query(
        `INSERT INTO teams_meetings (booking_code, due_at, lease_until, doc) VALUES ($1, $2, $3, $4)
         ON CONFLICT (booking_code) DO UPDATE SET due_at = EXCLUDED.due_at, lease_until = EXCLUDED.lease_until,
           doc = EXCLUDED.doc`,
        [meeting.bookingCode, meeting.dueAt ?? null, meeting.lease?.until ?? null, meeting],
      );
    },
  };
}

export async function claimTeamsMeetings(
  db: Queryable,
  { now, limit, leaseMs, worker }: TeamsClaimOptions,
): Promise<TeamsMeeting[]> {
  const nowIso = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  const { rows } = await db.query<{ doc: TeamsMeeting }>(
    `UPDATE teams_meetings t SET lease_until = $2::timestamptz,
       doc = t.doc || jsonb_build_object('lease', jsonb_build_object('worker', $3::text, 'until', $5::text),
                                         'attempts', (t.doc->>'attempts')::int + 1)
     WHERE t.booking_code IN (SELECT booking_code FROM teams_meetings WHERE due_at <= $1::timestamptz
                                AND (lease_until IS NULL OR lease_until <= $1::timestamptz)
                              ORDER BY due_at LIMIT $4 FOR UPDATE SKIP LOCKED)
     RETURNING t.doc`,
    [nowIso, until, worker, limit, until],
  );
  return rows.map((r) => r.doc).sort((a, b) => (a.dueAt! < b.dueAt! ? -1 : a.dueAt! > b.dueAt! ? 1 : 0));
}
