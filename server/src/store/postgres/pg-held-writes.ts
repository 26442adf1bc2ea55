// Writes a transaction needs no answer from (a new booking, its SMS), held back and sent with its next
// statement or its COMMIT: a booking's INSERT and its two messages' were three round trips of their own. A
// taken key fails the held statement (there is no ON CONFLICT), and so the whole transaction, with the
// store's DuplicateKeyError. Held writes go out before any later statement, so whatever the transaction reads
// or updates next (a cancel of pending messages, a list of them) finds them as if written at once.
import pg from 'pg';
import { romeDayOf, romeDayOfIso } from '../../calendar/rome-time.ts';
import { DuplicateKeyError, type OutboxMessage, type StoredBooking } from '../store.ts';

type Queryable = Pick<pg.ClientBase, 'query'>;

const literal = (value: string) => pg.escapeLiteral(value);
const jsonb = (value: unknown) => `${literal(JSON.stringify(value))}::jsonb`;

/** What each table's primary key stands for, in the DuplicateKeyError a taken one becomes. */
const KEYS: Record<string, string> = { bookings_pkey: 'booking code', outbox_pkey: 'message id' };

export class HeldWrites {
  private bookings: string[] = [];
  private messages: string[] = [];

  insertBooking(booking: StoredBooking): void {
    const columns = [booking.code, booking.sede, romeDayOfIso(booking.start), booking.start].map(literal);
    this.bookings.push(
      `(${columns.join(', ')}, ${literal(booking.citizen.codiceFiscale)}, ${jsonb(booking)})`,
    );
  }

  enqueueMessage(message: OutboxMessage): void {
    const columns = [message.id, 'pending', message.bookingCode, romeDayOf(Date.parse(message.slotStart))];
    this.messages.push(`(${[...columns, message.dueAt].map(literal).join(', ')}, ${jsonb(message)})`);
  }

  /** The statements of every held write, and nothing held any more; undefined when nothing was. */
  take(): string | undefined {
    const statements: string[] = [];
    if (this.bookings.length > 0)
      statements.push(
        `INSERT INTO bookings (code, sede, day, start, codice_fiscale, doc) VALUES ${this.bookings.join(', ')}`,
      );
    if (this.messages.length > 0)
      statements.push(
        `INSERT INTO outbox (id, status, booking_code, slot_day, due_at, doc) VALUES ${this.messages.join(', ')}`,
      );
    this.bookings = [];
    this.messages = [];
    return statements.length > 0 ? statements.join(';\n') : undefined;
  }

  /** `db`, sending the held writes before each of its queries. */
  flushingFirst(db: Queryable): Queryable {
    const query = (async (config: string, values?: unknown[]) => {
      const held = this.take();
      if (held !== undefined) await duplicateAsKeyError(db.query(held));
      return db.query(config, values);
    }) as Queryable['query'];
    return { query };
  }
}

/** `work`, a taken key of a held write rejected as DuplicateKeyError (the store's contract), not pg's error. */
export async function duplicateAsKeyError<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    const { code, constraint } = error as { code?: string; constraint?: string };
    const key = constraint === undefined ? undefined : KEYS[constraint];
    if (code === '23505' && key) throw new DuplicateKeyError(key);
    throw error;
  }
}
