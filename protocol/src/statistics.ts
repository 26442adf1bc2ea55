// Anonymous statistics and the manager's KPIs: the kiosk's report of each ended session, and the REST
// query and answer of /api/v1/statistics (the CSV export has the same rows as `groups`).
import { z } from 'zod';
import { callOutcomes } from './video.ts';
import { isoDate, Language } from './config.ts';
import { languages } from './languages.ts';

const slugId = z.string().min(1).max(40);

// ---- the kiosk's report of an ended session ----

/** How the citizen identified at the kiosk: the card read (with or without PIN), the health card's barcode, … */
export const kioskIdentifications = ['cie', 'cns', 'barcode', 'typed', 'pin', 'none'] as const;
export const KioskIdentification = z.enum(kioskIdentifications);
export type KioskIdentification = z.infer<typeof KioskIdentification>;

/**
 * What the session ended with: a ticket, a video call held, a booking, an appointment checked in;
 * `information`: the citizen chose a service and ended the session themselves without any of these;
 * `abandoned`: nothing chosen, or the session ran out on the inactivity timer without a result.
 */
export const kioskOutcomes = ['ticket', 'video', 'booking', 'check-in', 'information', 'abandoned'] as const;
export const KioskOutcome = z.enum(kioskOutcomes);
export type KioskOutcome = z.infer<typeof KioskOutcome>;

/** Sent by the kiosk (through its agent) when a session ends: nothing that identifies the citizen. */
export const KioskSessionReport = z
  .strictObject({
    /** A UUID made by the kiosk: a report sent twice is kept once. */
    id: z.uuid(),
    /** How long the session lasted; the server dates it by its own clock. */
    durationSeconds: z.number().int().min(0).max(86_400),
    language: Language,
    identification: KioskIdentification,
    outcome: KioskOutcome,
    service: slugId.optional(),
    /** The end screen's rating, 1 (very bad) to 5 (very good), when the citizen gave one. */
    rating: z.number().int().min(1).max(5).optional(),
  })
  .meta({ id: 'KioskSessionReport' });
export type KioskSessionReport = z.infer<typeof KioskSessionReport>;

// ---- the KPI query ----

/**
 * How a citizen was served: a walk-in ticket, a video call now from a kiosk, or a booking by its mode (an
 * in-person appointment's ticket at check-in counts as inPerson).
 */
export const statisticsChannels = ['ticket', 'videoNow', 'inPerson', 'callback', 'webMeeting'] as const;
export const StatisticsChannel = z.enum(statisticsChannels);
export type StatisticsChannel = z.infer<typeof StatisticsChannel>;

export const statisticsPeriods = ['day', 'week', 'month'] as const;
export const StatisticsPeriod = z.enum(statisticsPeriods);
export type StatisticsPeriod = z.infer<typeof StatisticsPeriod>;

/** What each row of the answer stands for, besides its period. */
export const statisticsDimensions = ['channel', 'sede', 'sector', 'service'] as const;
export const StatisticsDimension = z.enum(statisticsDimensions);
export type StatisticsDimension = z.infer<typeof StatisticsDimension>;

/** At most this many days in one query: a year and a bit, enough for a year against the one before. */
export const STATISTICS_MAX_DAYS = 400;

export const StatisticsQuery = z
  .object({
    /** One sede; without it a manager with a sede sees theirs, one without (and an admin) every sede. */
    sede: slugId.optional(),
    from: isoDate,
    to: isoDate,
    period: StatisticsPeriod.default('day'),
    by: StatisticsDimension.default('channel'),
    sector: slugId.optional(),
    service: slugId.optional(),
    channel: StatisticsChannel.optional(),
  })
  .superRefine((q, ctx) => {
    if (q.to < q.from)
      ctx.addIssue({ code: 'custom', path: ['to'], message: '"to" must not be before "from"' });
    else if ((Date.parse(q.to) - Date.parse(q.from)) / 86_400_000 + 1 > STATISTICS_MAX_DAYS)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `at most ${STATISTICS_MAX_DAYS} days at once` });
  });
export type StatisticsQuery = z.input<typeof StatisticsQuery>;

// ---- the answer ----

/** Exact order statistics of a list of durations in seconds (linear interpolation, as PERCENTILE.INC). */
export const DurationSummary = z.object({
  count: z.number().int().min(0),
  /** null when there is nothing to measure. */
  medianSeconds: z.number().nullable(),
  p90Seconds: z.number().nullable(),
  meanSeconds: z.number().nullable(),
});
export type DurationSummary = z.infer<typeof DurationSummary>;

const counts = <K extends readonly [string, ...string[]]>(keys: K) =>
  z.object(
    Object.fromEntries(keys.map((k) => [k, z.number().int().min(0)])) as Record<K[number], z.ZodNumber>,
  );

export const StatisticsGroup = z
  .object({
    /** The period's first day (a week starts on Monday, a month on the 1st) and last day in the range. */
    period: isoDate,
    periodEnd: isoDate,
    /** The channel, sede, sector or service this row counts. */
    key: z.string(),
    /** Citizens who came: tickets issued, video calls asked for, bookings due that day (not cancelled). */
    arrivals: z.number().int().min(0),
    /** From arrival (an appointment: from its start, if they came early) to the first call or answer. */
    wait: DurationSummary,
    /** From the start of service (counter, call) to its end. */
    service: DurationSummary,
    /** Tickets cancelled by the citizen; citizens who left the video queue before an official answered. */
    abandoned: z.number().int().min(0),
    /** Tickets not answering the calls; appointments whose citizen never came. */
    noShows: z.number().int().min(0),
    /** Callback bookings due (not cancelled), reached (done), and the tries made. */
    callbacks: z.object({
      due: z.number().int().min(0),
      reached: z.number().int().min(0),
      attempts: z.number().int().min(0),
    }),
    /** Video calls held (videoNow and webMeeting): their recorded outcomes and how many failed on media. */
    video: z.object({
      calls: z.number().int().min(0),
      mediaFailed: z.number().int().min(0),
      outcomes: counts(callOutcomes),
    }),
  })
  .meta({ id: 'StatisticsGroup' });
export type StatisticsGroup = z.infer<typeof StatisticsGroup>;

export const KioskStatistics = z
  .object({
    period: isoDate,
    periodEnd: isoDate,
    sessions: z.number().int().min(0),
    byLanguage: counts(languages),
    byIdentification: counts(kioskIdentifications),
    byOutcome: counts(kioskOutcomes),
    /** How many ratings of each value, 1 to 5 (index 0 is 1), and their mean. */
    ratings: z.array(z.number().int().min(0)).length(5),
    ratingMean: z.number().nullable(),
  })
  .meta({ id: 'KioskStatistics' });
export type KioskStatistics = z.infer<typeof KioskStatistics>;

export const StatisticsResponse = z
  .object({
    from: isoDate,
    to: isoDate,
    period: StatisticsPeriod,
    by: StatisticsDimension,
    /** The sedi counted. */
    sedi: z.array(z.string()),
    filters: z.object({
      sector: z.string().optional(),
      service: z.string().optional(),
      channel: StatisticsChannel.optional(),
    }),
    /** One row per period and key, periods in order; a key with nothing in a period has no row. */
    groups: z.array(StatisticsGroup),
    /** The whole range per key (percentiles over every day, not averages of periods). */
    totals: z.array(StatisticsGroup),
    /** Every key of a period together (key "*"), one per period with anything in it. */
    overall: z.array(StatisticsGroup),
    /** Every key over the whole range (key "*"). */
    overallTotal: StatisticsGroup,
    /** Kiosk sessions per period (channel filter does not apply: a session may try several). */
    kiosk: z.array(KioskStatistics),
    kioskTotal: KioskStatistics,
  })
  .meta({ id: 'StatisticsResponse' });
export type StatisticsResponse = z.infer<typeof StatisticsResponse>;
