// Teams meetings of booked web meetings, as the store keeps them: what Graph should hold for a booking
// (its slot, or nothing once cancelled) beside what it is known to hold, and the work to bring the two
// together. A worker claims due records under a lease, like the SMS outbox (outbox-worker.ts); the booking's
// transaction writes the record, so a booking never waits for Graph and no change is lost. In PostgreSQL the
// claim is one statement:
//   UPDATE teams_meetings SET lease_until = $now + $lease, doc = doc || {lease, attempts + 1}
//   WHERE booking_code IN (SELECT booking_code FROM teams_meetings WHERE due_at <= $now
//     AND (lease_until IS NULL OR lease_until <= $now) ORDER BY due_at LIMIT $limit FOR UPDATE SKIP LOCKED)

export interface TeamsMeeting {
  /** The booking's code; also the meeting's externalId, so createOrGet never makes a second one. */
  bookingCode: string;
  sede: string;
  /** The organizer's UPN or object id (the sede's service account). */
  organizer: string;
  /** What the meeting should be: the slot (ISO, UTC) and a subject without personal data. */
  start: string;
  end: string;
  subject: string;
  /** The booking was cancelled: the meeting should be deleted (or never made). */
  cancelled: boolean;
  /** Raised by each change of what the meeting should be. */
  version: number;
  /** The version Graph holds (0: none yet). */
  syncedVersion: number;
  /** Graph's meeting, once created. */
  meetingId?: string;
  joinUrl?: string;
  /** When Graph confirmed the meeting deleted. */
  deletedAt?: string;
  /** The confirmation SMS held until the meeting exists (released, or sent anyway at its due time). */
  heldMessageId?: string;
  /** Work to do from this instant (ISO, UTC); absent when Graph is in step. */
  dueAt?: string;
  /** Tries of the current work, counted when claimed. */
  attempts: number;
  lease?: { worker: string; until: string };
  lastError?: string;
  createdAt: string;
  updatedAt: string;
}

export interface TeamsClaimOptions {
  now: Date;
  limit: number;
  leaseMs: number;
  worker: string;
}

export interface TeamsMeetingReader {
  teamsMeeting(bookingCode: string): Promise<TeamsMeeting | undefined>;
}

export interface TeamsMeetingWriter {
  /** Inserts or replaces (same booking code) a meeting record. */
  putTeamsMeeting(meeting: TeamsMeeting): Promise<void>;
}

export interface TeamsMeetingStore {
  /**
   * Atomically leases up to `limit` records due by `now` whose lease is absent or expired, soonest due first,
   * counting a try on each. Concurrent claims never share a record.
   */
  claimTeamsMeetings(options: TeamsClaimOptions): Promise<TeamsMeeting[]>;
}
