// The store contract every service is written against: async reads, and atomic transactions that
// a lowdb file store and a PostgreSQL store both implement (take a slot, number a ticket, …).
import type { Booking, DeviceHealth, Ticket, StaffRole } from '@sportello/protocol';

export interface StoredBooking extends Booking {
  /** HMAC-SHA256 of the admission code under the server's secret: six digits are too few for a plain hash. */
  admissionCodeHash: string;
  /** Set by the retention job once the citizen's personal data has been removed. */
  personalDataRemovedAt?: string;
}

export interface StoredTicket extends Ticket {
  /** The codice fiscale of an identified citizen, removed by the retention job. */
  codiceFiscale?: string;
  personalDataRemovedAt?: string;
}

export interface StaffSession {
  tokenHash: string;
  username: string;
  roles: StaffRole[];
  sede?: string;
  createdAt: string;
  expiresAt: string;
}

export interface StationCredential {
  station: string;
  tokenHash: string;
  issuedAt: string;
}

// ---- stations: enrolment and health ----

export interface EnrolmentCode {
  codeHash: string;
  station: string;
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  usedAt?: string;
}

/** What a station's agent last reported in its heartbeat. */
export interface StationStatus {
  station: string;
  lastHeartbeatAt: string;
  agentVersion: string;
  uptimeSeconds: number;
  devices: DeviceHealth;
}

/** Reads see every committed write and, within a transaction, that transaction's own writes. */
export interface StoreReader {
  bookingByCode(code: string): Promise<StoredBooking | undefined>;
  /** Every booking whose slot starts on that day (sede's local date), whatever its status. */
  bookingsOfDay(sede: string, day: string): Promise<StoredBooking[]>;
  ticketsOfDay(sede: string, day: string): Promise<StoredTicket[]>;
  sessionByTokenHash(tokenHash: string): Promise<StaffSession | undefined>;
  stationByTokenHash(tokenHash: string): Promise<StationCredential | undefined>;
  enrolmentCode(codeHash: string): Promise<EnrolmentCode | undefined>;
  stationStatuses(): Promise<StationStatus[]>;
}

export interface StoreTx extends StoreReader {
  /** Rejects with DuplicateKeyError when the code is taken. */
  insertBooking(booking: StoredBooking): Promise<void>;
  /** Replaces the booking with the same code; moves it when its day changed. */
  updateBooking(booking: StoredBooking): Promise<void>;
  /** The next number for this sede, day and prefix: 1, 2, 3… never reused. */
  nextTicketNumber(sede: string, day: string, prefix: string): Promise<number>;
  insertTicket(ticket: StoredTicket): Promise<void>;
  insertSession(session: StaffSession): Promise<void>;
  deleteSession(tokenHash: string): Promise<void>;
  /** One credential per station: a new one replaces the old. */
  putStationCredential(credential: StationCredential): Promise<void>;
  /** Inserts a code, or replaces the one with the same hash (to mark it used). */
  putEnrolmentCode(code: EnrolmentCode): Promise<void>;
  putStationStatus(status: StationStatus): Promise<void>;
}

export interface RetentionResult {
  bookings: number;
  tickets: number;
}

export interface Store {
  read<T>(fn: (reader: StoreReader) => Promise<T>): Promise<T>;
  /** Runs fn alone against the store: all its writes land, or none does (fn threw). */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;
  /** Removes personal data from bookings and tickets of days before `beforeDay`. */
  removePersonalData(beforeDay: string, now: Date): Promise<RetentionResult>;
  /** Resolves when the store can be read and written; /readyz calls it. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

export class DuplicateKeyError extends Error {
  constructor(what: string) {
    super(`duplicate ${what}`);
    this.name = 'DuplicateKeyError';
  }
}

/** What the retention job leaves of a citizen: nothing that identifies them. */
export const REMOVED = '[rimosso]';
