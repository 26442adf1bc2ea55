// A transaction's new SMS, held back and written by one INSERT just before its next statement or with its
// COMMIT: a booking queues two (the confirmation and the reminder), and each INSERT alone was a round trip.
// Held messages are written before any later statement, so whatever the transaction reads or updates next
// (a cancel of pending messages, a list of them) finds them as if they had been written at once.
import pg from 'pg';
import { romeDayOf } from '../../calendar/rome-time.ts';
import { DuplicateKeyError, type OutboxMessage } from '../store.ts';

type Queryable = Pick<pg.ClientBase, 'query'>;

export class OutboxBatch {
  private rows: string[] = [];

  add(message: OutboxMessage): void {
    const row = [
      message.id,
      'pending',
      message.bookingCode,
      romeDayOf(Date.parse(message.slotStart)),
      message.dueAt,
    ].map((value) => pg.escapeLiteral(value));
    this.rows.push(`(${row.join(', ')}, ${pg.escapeLiteral(JSON.stringify(message))}::jsonb)`);
  }

  /**
   * The INSERT of every held message (no ON CONFLICT: a taken id fails the statement and so the transaction),
   * and the batch empty again; undefined when nothing is held.
   */
  take(): string | undefined {
    if (this.rows.length === 0) return undefined;
    const text = `INSERT INTO outbox (id, status, booking_code, slot_day, due_at, doc) VALUES ${this.rows.join(',\n')}`;
    this.rows = [];
    return text;
  }

  /** `db`, writing the held messages before each of its queries. */
  flushingFirst(db: Queryable): Queryable {
    const query = (async (config: string, values?: unknown[]) => {
      const insert = this.take();
      if (insert !== undefined) await duplicateAsKeyError(db.query(insert));
      return db.query(config, values);
    }) as Queryable['query'];
    return { query };
  }
}

/** `work`, a taken message id rejected as DuplicateKeyError (the store's contract) rather than pg's error. */
export async function duplicateAsKeyError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code === '23505' && constraint === 'outbox_pkey') throw new DuplicateKeyError('message id');
    throw error;
  }
}
