// Deployment configuration read from config/*.json by the server and the station agent.
// Sede = an office of the institute; sportello = a counter inside it.
import { z } from 'zod';
import { AlertSettings } from './alerts.ts';
import { languages } from './languages.ts';

import { weekdays } from './plain.ts';

export { weekdays };
export const Weekday = z.enum(weekdays);
export type Weekday = z.infer<typeof Weekday>;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time as HH:MM, e.g. 08:30');
export const isoDate = z.iso.date({ message: 'expected a date as YYYY-MM-DD' });
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'expected MM-DD, e.g. 12-06');
const id = z.string().regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'expected a lower-case id of letters, digits and -');

export const TimeRange = z.object({ from: hhmm, to: hhmm }).refine((r) => r.from < r.to, {
  message: '"from" must be before "to"',
  path: ['to'],
  when: (p) => p.issues.length === 0,
});
export type TimeRange = z.infer<typeof TimeRange>;

/** Time ranges per weekday; a missing day is closed. */
export const WeeklyHours = z.partialRecord(Weekday, z.array(TimeRange));
export type WeeklyHours = z.infer<typeof WeeklyHours>;

export { directionOf, languageNames, languages } from './languages.ts';
export const Language = z.enum(languages);
export type Language = z.infer<typeof Language>;
export const LocalizedText = z.strictObject({
  it: z.string().min(1),
  en: z.string().min(1),
  fr: z.string().min(1).optional(),
  ar: z.string().min(1).optional(),
  ro: z.string().min(1).optional(),
  uk: z.string().min(1).optional(),
});
export type LocalizedText = z.infer<typeof LocalizedText>;

export const Closure = z.object({ from: isoDate, to: isoDate, reason: z.string().min(1) });

export const Counter = z.object({
  id,
  name: z.string().min(1),
  sectors: z.array(id).min(1),
  /** Only these services of its sectors; every service of its sectors when absent. */
  services: z.array(id).min(1).optional(),
});

export const Sede = z.object({
  id,
  name: z.string().min(1),
  address: z.string().min(1),
  municipality: z.string().min(1),
  province: z.string().length(2),
  region: z.string().min(1),
  timezone: z.literal('Europe/Rome'),
  /** Walk-in hours: tickets are issued only then. */
  publicHours: WeeklyHours,
  /** Hours when appointments (in person, callback, web meeting) may be booked. */
  appointmentHours: WeeklyHours,
  patronSaint: z.object({ name: z.string().min(1), date: monthDay }),
  closures: z.array(Closure).default([]),
  counters: z.array(Counter).default([]),
});
export type Sede = z.infer<typeof Sede>;

/** A webcam station: in a town hall (municipal) or at a sede reception. */
export const Station = z.object({
  id,
  name: z.string().min(1),
  kind: z.enum(['municipal', 'sede']),
  /** The organisation hosting it, e.g. "Comune di Adria". */
  host: z.string().min(1),
  address: z.string().min(1),
  /** The sede whose officials serve it and whose tickets it prints (for kind "sede"). */
  sede: id,
  /** The comune (town) it stands in; the fleet is listed by sede and comune. */
  comune: z.string().min(1).optional(),
  /** The devices it should have: one missing from its heartbeat is a device problem. */
  devices: z.array(z.enum(['reader', 'printer', 'scanner', 'camera'])).optional(),
});
export type Station = z.infer<typeof Station>;
export type StationDevice = NonNullable<Station['devices']>[number];

/**
 * What a technician pushes to a running station, applied without a restart; absent fields keep the
 * kiosk's defaults.
 */
export const StationSettings = z
  .object({
    /** Seconds without a touch before the kiosk asks "are you still there?". */
    idleSeconds: z.number().int().min(20).max(600).optional(),
    /** The languages offered, in this order; Italian is always offered. */
    languages: z.array(Language).min(1).optional(),
    /** Only these services are offered; every service when absent. */
    services: z.array(id).min(1).optional(),
    /** Set: the kiosk shows this instead of serving citizens. */
    outOfService: z.string().min(1).max(300).optional(),
  })
  .meta({ id: 'StationSettings' });
export type StationSettings = z.infer<typeof StationSettings>;

export const Sector = z.object({ id, name: LocalizedText });
export type Sector = z.infer<typeof Sector>;

export const bookingModes = ['inPerson', 'callback', 'webMeeting'] as const;
export const BookingMode = z.enum(bookingModes);
export type BookingMode = z.infer<typeof BookingMode>;

const minutes = z.number().int().min(5).max(120);
export const ServiceChannels = z
  .object({
    /** A queue ticket at the sede; prefix letters like "A" give A001, A002… */
    ticket: z.object({ prefix: z.string().regex(/^[A-Z]{1,2}$/, 'expected one or two capital letters') }),
    /** Talk now by video with an official. */
    videoNow: z.object({ minutes }),
    inPerson: z.object({ minutes }),
    callback: z.object({ minutes }),
    webMeeting: z.object({ minutes }),
  })
  .partial()
  .refine((c) => Object.keys(c).length > 0, { message: 'a service needs at least one channel' });
export type ServiceChannels = z.infer<typeof ServiceChannels>;

export const Service = z.object({
  id,
  name: LocalizedText,
  description: LocalizedText,
  /** Topic shown as one tile on the kiosk (several services may share one). */
  topic: id,
  /** primo = quick first-level information; secondo = personal consultation on appointment. */
  level: z.enum(['primo', 'secondo']),
  sector: id,
  channels: ServiceChannels,
  strongAuthRequired: z.boolean().default(false),
});
export type Service = z.infer<typeof Service>;

export const Official = z.object({
  id,
  name: z.string().min(1),
  sede: id,
  sectors: z.array(id).min(1),
  availability: WeeklyHours,
});
export type Official = z.infer<typeof Official>;

export const staffRoles = [
  'official',
  'counter',
  'contact-centre',
  'technician',
  'manager',
  'admin',
] as const;
export const StaffRole = z.enum(staffRoles);
export type StaffRole = z.infer<typeof StaffRole>;

export const StaffAccount = z.object({
  username: z.string().regex(/^[a-z0-9._-]{3,40}$/, 'expected 3-40 lower-case letters, digits, . _ -'),
  name: z.string().min(1),
  roles: z.array(StaffRole).min(1),
  sede: id.optional(),
  /** Links an official's account to their calendar entry. */
  official: id.optional(),
  /** scrypt$N$r$p$salt$hash, made by `npm run hash-password -w server`. */
  passwordHash: z
    .string()
    .regex(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/, 'expected an scrypt hash'),
});
export type StaffAccount = z.infer<typeof StaffAccount>;

/** How a sede's queue is called and estimated. */
export const FloorSettings = z.object({
  /**
   * Minutes of arrival a priority ticket is credited with: it goes ahead of ordinary tickets that arrived up
   * to this long before it, never further, so nobody waits forever behind a stream of priorities.
   */
  priorityMinutes: z
    .object({
      disability: z.number().int().min(0).max(240).default(30),
      pregnancy: z.number().int().min(0).max(240).default(30),
      elderly: z.number().int().min(0).max(240).default(15),
    })
    .default({ disability: 30, pregnancy: 30, elderly: 15 }),
  /** A checked-in appointment goes first from this many minutes before its start. */
  appointmentEarlyMinutes: z.number().int().min(0).max(60).default(5),
  /** Calls again (recalls) before a clerk may mark the ticket no-show. */
  recallsBeforeNoShow: z.number().int().min(0).max(10).default(2),
  /** Service minutes assumed for a service before the day has its own figures. */
  defaultServiceMinutes: z.number().int().min(1).max(120).default(10),
  /** The "tocca a te tra poco" SMS goes when this many are ahead. */
  almostTurnAhead: z.number().int().min(1).max(20).default(3),
});
export type FloorSettings = z.infer<typeof FloorSettings>;

/** A value written as `${env:NAME}` is read from that environment variable when the server starts. */
export const ENV_REFERENCE = /^\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}$/;

/** GET /metrics (Prometheus text format) for the monitoring system; off without a token. */
export const MetricsSettings = z.strictObject({
  /**
   * The bearer token Prometheus sends (its `authorization.credentials_file`): at least 32 characters, or
   * `${env:NAME}` to read it from the environment (while that variable is unset, /metrics stays off).
   */
  token: z
    .string()
    .refine((v) => ENV_REFERENCE.test(v) || v.length >= 32, 'expected at least 32 characters, or ${env:NAME}')
    .optional(),
});
export type MetricsSettings = z.infer<typeof MetricsSettings>;

/**
 * Where the server keeps its data: lowdb files under dataDir (one instance), or PostgreSQL, which several
 * instances share. The URL may be `${env:NAME}`; without it, DATABASE_URL.
 */
export const StoreSettings = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('lowdb') }),
  z.strictObject({
    kind: z.literal('postgres'),
    url: z.string().min(1).default('${env:DATABASE_URL}'),
    /** Connections each instance keeps open. */
    poolSize: z.number().int().min(2).max(200).default(10),
  }),
]);
export type StoreSettings = z.infer<typeof StoreSettings>;

export const ServerSettings = z.object({
  port: z.number().int().min(0).max(65535).default(8080),
  host: z.string().default('127.0.0.1'),
  /** Connections one remote address may hold open at once; a whole office behind one NAT shares it. */
  maxConnectionsPerAddress: z.number().int().min(1).max(100_000).default(500),
  /** Public base URL, used in links sent to citizens. */
  publicUrl: z.url(),
  dataDir: z.string().default('data'),
  store: StoreSettings.default({ kind: 'lowdb' }),
  /** How far ahead citizens may book. */
  bookingHorizonDays: z.number().int().min(1).max(365).default(60),
  /** Earliest bookable slot is this many minutes from now. */
  bookingLeadMinutes: z.number().int().min(0).max(1440).default(30),
  /** Personal data in bookings and tickets is removed after this many days; statistics stay. */
  retentionDays: z.number().int().min(1).max(3650).default(90),
  privacyNoticeVersion: z.string().min(1),
  staffSessionHours: z.number().int().min(1).max(24).default(10),
  /** A station is shown offline after this long without a heartbeat. */
  stationOfflineSeconds: z.number().int().min(15).max(3600).default(90),
  /** How long a station enrolment code stays valid. */
  enrolmentCodeMinutes: z.number().int().min(5).max(10080).default(60),
  /** Bookings of one service one person may hold at once that are still to come. */
  maxOpenBookingsPerService: z.number().int().min(1).max(20).default(2),
  /** From this age a citizen whose codice fiscale the ticket carries may ask for the elderly priority. */
  elderlyPriorityAge: z.number().int().min(50).max(100).default(65),
  floor: FloorSettings.default(FloorSettings.parse({})),
  metrics: MetricsSettings.prefault({}),
  /** Alerts to the technicians: when a station counts as offline, and the e-mail that tells them. */
  alerts: AlertSettings.prefault({}),
});
export type ServerSettings = z.infer<typeof ServerSettings>;

/** Strong authentication with a card and its PIN: which CAs may issue card certificates. */
export const CitizenAuthSettings = z.strictObject({
  /** PEM files, relative to the config folder: CNS issuers, and CIE issuers. */
  trustedCaFiles: z.strictObject({ cns: z.array(z.string().min(1)), cie: z.array(z.string().min(1)) }),
  /** How long a verified card signature counts for bookings made in the same kiosk session. */
  proofMinutes: z.number().int().min(1).max(120).default(30),
});
export type CitizenAuthSettings = z.infer<typeof CitizenAuthSettings>;
