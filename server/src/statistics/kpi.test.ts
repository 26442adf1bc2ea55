// The KPI arithmetic against numbers worked out by hand: a day's rollup from its records, then days merged
// into weeks and months with exact medians and 90th percentiles.
import type { CallRecord } from '@sportello/protocol';
import { describe, expect, it } from 'vitest';
import type { KioskSessionStat, StoredBooking, StoredTicket } from '../store/store.ts';
import { rollUpDay, type DayRollup } from './day-rollup.ts';
import { quantile, summarize } from './durations.ts';
import { computeKpis, periodStart } from './kpi.ts';

const sectorOf = (service: string) => ({ 'naspi-informazioni': 'prestazioni' })[service];
const at = (day: string, time: string) => `${day}T${time}:00+01:00`;

function ticket(day: string, over: Partial<StoredTicket>): StoredTicket {
  return {
    id: `t-${Math.random()}`,
    number: 'N001',
    sede: 'rovigo',
    service: 'naspi-informazioni',
    sector: 'prestazioni',
    day,
    priority: 'none',
    status: 'waiting',
    issuedAt: at(day, '09:00'),
    language: 'it',
    recalls: 0,
    transfers: [],
    followToken: 'x',
    ...over,
  };
}

function booking(day: string, over: Partial<StoredBooking>): StoredBooking {
  return {
    code: `B${Math.random()}`,
    sede: 'rovigo',
    service: 'naspi-consulenza',
    sector: 'prestazioni',
    mode: 'inPerson',
    start: at(day, '10:00'),
    end: at(day, '10:20'),
    status: 'booked',
    citizen: { codiceFiscale: '', firstName: '', lastName: '', phone: '', language: 'it' },
    authMethod: 'typed',
    privacyNoticeVersion: '1',
    bookedBy: { channel: 'staff', id: 'x' },
    createdAt: at(day, '08:00'),
    updatedAt: at(day, '08:00'),
    admissionCodeHash: '',
    ...over,
  };
}

function call(day: string, over: Partial<CallRecord>): CallRecord {
  return {
    callId: `c${Math.random()}`,
    entryId: 'e',
    origin: 'station',
    group: 'rovigo',
    sector: 'prestazioni',
    service: 'naspi-informazioni',
    sede: 'rovigo',
    official: 'o',
    waitedSince: at(day, '11:00'),
    startedAt: at(day, '11:04'),
    ...over,
  };
}

function session(over: Partial<KioskSessionStat>): KioskSessionStat {
  return {
    id: `s${Math.random()}`,
    station: 'rovigo-accoglienza',
    sede: 'rovigo',
    startedAt: '',
    endedAt: '',
    language: 'it',
    identification: 'cns',
    outcome: 'ticket',
    ...over,
  };
}

const MON = '2026-11-30';
const TUE = '2026-12-01';

/** Monday: three walk-in tickets (waits 2, 10 and 4 minutes), one cancelled, one no-show. */
const monday = rollUpDay(
  'rovigo',
  {
    tickets: [
      ticket(MON, {
        status: 'done',
        calledAt: at(MON, '09:02'),
        servingAt: at(MON, '09:03'),
        finishedAt: at(MON, '09:13'),
      }),
      ticket(MON, {
        status: 'done',
        issuedAt: at(MON, '09:05'),
        calledAt: at(MON, '09:15'),
        servingAt: at(MON, '09:15'),
        finishedAt: at(MON, '09:21'),
      }),
      ticket(MON, { status: 'no-show', issuedAt: at(MON, '09:10'), calledAt: at(MON, '09:14'), recalls: 2 }),
      ticket(MON, { status: 'cancelled', issuedAt: at(MON, '09:20') }),
      // An appointment checked in at 9:50 for 10:00 and called at 10:03: it waited 3 minutes, not 13.
      ticket(MON, {
        status: 'done',
        bookingCode: 'APPT',
        priority: 'appointment',
        service: 'naspi-consulenza',
        issuedAt: at(MON, '09:50'),
        appointmentStart: at(MON, '10:00'),
        calledAt: at(MON, '10:03'),
        servingAt: at(MON, '10:04'),
        finishedAt: at(MON, '10:24'),
      }),
    ],
    bookings: [
      booking(MON, { code: 'APPT' }),
      booking(MON, { status: 'no-show' }),
      booking(MON, { status: 'cancelled' }),
      booking(MON, {
        mode: 'callback',
        status: 'completed',
        callback: {
          attempts: [{ at: at(MON, '10:00'), official: 'o', result: 'no-answer' }],
          done: { at: at(MON, '10:30'), official: 'o' },
        },
      }),
      booking(MON, {
        mode: 'callback',
        callback: { attempts: [{ at: at(MON, '11:00'), official: 'o', result: 'no-answer' }] },
      }),
      booking(MON, { code: 'WEB1', mode: 'webMeeting', start: at(MON, '12:00') }),
    ],
    calls: [
      call(MON, {
        endedAt: at(MON, '11:14'),
        endReason: 'hangup',
        outcome: { outcome: 'answered', recordedAt: at(MON, '11:14') },
      }),
      call(MON, {
        waitedSince: at(MON, '11:20'),
        startedAt: at(MON, '11:21'),
        endedAt: at(MON, '11:22'),
        endReason: 'media-failed',
      }),
      // The web meeting's citizen came in at 11:55 for 12:00 and was answered at 12:02: 2 minutes.
      call(MON, {
        origin: 'web',
        bookingCode: 'WEB1',
        service: 'naspi-consulenza',
        waitedSince: at(MON, '11:55'),
        startedAt: at(MON, '12:02'),
        endedAt: at(MON, '12:20'),
        outcome: { outcome: 'needs-appointment', recordedAt: at(MON, '12:20') },
      }),
      // Another sede of the group: not Rovigo's.
      call(MON, { sede: 'adria', endedAt: at(MON, '11:30') }),
    ],
    exits: [
      {
        entryId: 'gone',
        group: 'rovigo',
        sede: 'rovigo',
        origin: 'station',
        sector: 'prestazioni',
        service: 'naspi-informazioni',
        since: at(MON, '11:30'),
        leftAt: at(MON, '11:45'),
        reason: 'left',
      },
      {
        entryId: 'elsewhere',
        group: 'rovigo',
        sede: 'adria',
        origin: 'station',
        sector: 'prestazioni',
        service: 'naspi-informazioni',
        since: at(MON, '11:30'),
        leftAt: at(MON, '11:45'),
        reason: 'disconnected',
      },
    ],
    sessions: [
      session({ service: 'naspi-informazioni', rating: 5 }),
      session({ service: 'naspi-informazioni', rating: 4, language: 'en', identification: 'cie' }),
      session({ outcome: 'abandoned', identification: 'none' }),
    ],
  },
  sectorOf,
);

/** Tuesday: two walk-in tickets waiting 6 and 8 minutes. */
const tuesday = rollUpDay(
  'rovigo',
  {
    tickets: [
      ticket(TUE, { status: 'called', calledAt: at(TUE, '09:06') }),
      ticket(TUE, { status: 'serving', issuedAt: at(TUE, '09:01'), calledAt: at(TUE, '09:09') }),
    ],
    bookings: [],
    calls: [],
    exits: [],
    sessions: [session({ service: 'naspi-informazioni', rating: 1 })],
  },
  sectorOf,
);

const cellOf = (rollup: DayRollup, channel: string, service?: string) =>
  rollup.cells.find((c) => c.channel === channel && (!service || c.service === service))!;

describe('quantiles', () => {
  it('interpolates between ranks like PERCENTILE.INC', () => {
    expect(quantile([120, 240, 600], 0.5)).toBe(240);
    expect(quantile([120, 240, 600], 0.9)).toBe(528); // 240 + 0.8 × 360
    expect(quantile([120, 240], 0.5)).toBe(180);
    expect(quantile([7], 0.9)).toBe(7);
    expect(quantile([], 0.5)).toBeNull();
    expect(summarize([600, 120, 240])).toEqual({
      count: 3,
      medianSeconds: 240,
      p90Seconds: 528,
      meanSeconds: 320,
    });
  });
});

describe('a day rolled up', () => {
  it('counts a web meeting held in Teams and its outcome, but no wait of ours for it', () => {
    const day = rollUpDay(
      'rovigo',
      {
        tickets: [],
        bookings: [booking(MON, { code: 'TEAMS1', mode: 'webMeeting', start: at(MON, '12:00') })],
        // Recorded in the console before the meeting: the record's start is not the citizen's wait.
        calls: [
          call(MON, {
            origin: 'web',
            provider: 'teams',
            bookingCode: 'TEAMS1',
            service: 'naspi-consulenza',
            waitedSince: at(MON, '11:40'),
            startedAt: at(MON, '11:40'),
            outcome: { outcome: 'answered', recordedAt: at(MON, '12:30') },
          }),
        ],
        exits: [],
        sessions: [],
      },
      sectorOf,
    );
    const web = cellOf(day, 'webMeeting', 'naspi-consulenza');
    expect(web).toMatchObject({ calls: 1, outcomes: { answered: 1 } });
    expect(web.waits).toEqual([]);
  });

  it('counts walk-in tickets: arrivals, waits, service times, cancelled, no-show', () => {
    const t = cellOf(monday, 'ticket');
    expect(t).toMatchObject({ arrivals: 4, abandoned: 1, noShows: 1 });
    expect(t.waits.sort((a, b) => a - b)).toEqual([120, 240, 600]);
    expect(t.serviceTimes.sort((a, b) => a - b)).toEqual([360, 600]);
  });

  it('counts in-person appointments by their booking, waits from the start of a checked-in one', () => {
    const p = cellOf(monday, 'inPerson', 'naspi-consulenza');
    // APPT and the no-show: the cancelled one is not due.
    expect(p).toMatchObject({ arrivals: 2, noShows: 1, waits: [180], serviceTimes: [1200] });
  });

  it('counts callbacks reached and tries', () => {
    expect(cellOf(monday, 'callback')).toMatchObject({
      arrivals: 2,
      callbacksDue: 2,
      callbacksReached: 1,
      callbackAttempts: 3,
    });
  });

  it('counts the sede’s video calls: waits, lengths, outcomes, media failures, citizens who gave up', () => {
    expect(cellOf(monday, 'videoNow')).toMatchObject({
      arrivals: 3,
      abandoned: 1,
      calls: 2,
      mediaFailed: 1,
      waits: [240, 60],
      serviceTimes: [600, 60],
      outcomes: { answered: 1 },
    });
    expect(cellOf(monday, 'webMeeting')).toMatchObject({
      arrivals: 1,
      calls: 1,
      waits: [120],
      serviceTimes: [1080],
      outcomes: { 'needs-appointment': 1 },
    });
  });

  it('groups kiosk sessions alike and counts their ratings', () => {
    const total = monday.kiosk.reduce((n, k) => n + k.sessions, 0);
    expect(total).toBe(3);
    const english = monday.kiosk.find((k) => k.language === 'en')!;
    expect(english).toMatchObject({ sector: 'prestazioni', identification: 'cie', ratings: [0, 0, 0, 1, 0] });
  });
});

describe('days merged into periods', () => {
  const days = [
    { sede: 'rovigo', day: MON, rollup: monday },
    { sede: 'rovigo', day: TUE, rollup: tuesday },
  ];

  it('takes the median of every wait of the week, not the median of daily medians', () => {
    const kpis = computeKpis(days, { from: MON, to: TUE, period: 'week', by: 'channel', channel: 'ticket' });
    expect(kpis.groups).toHaveLength(1);
    const week = kpis.groups[0]!;
    expect(week).toMatchObject({ period: MON, periodEnd: TUE, key: 'ticket', arrivals: 6 });
    // Waits 120, 240, 360, 480, 600: median 360 (daily medians 240 and 420 would say 330).
    expect(week.wait).toEqual({ count: 5, medianSeconds: 360, p90Seconds: 552, meanSeconds: 360 });
    expect(kpis.totals[0]!.wait.medianSeconds).toBe(360);
    expect(kpis.overallTotal).toMatchObject({
      key: '*',
      arrivals: 6,
      wait: { count: 5, medianSeconds: 360 },
    });
  });

  it('answers a row per day and channel, filtered by sector or service', () => {
    const kpis = computeKpis(days, { from: MON, to: TUE, period: 'day', by: 'channel' });
    expect(kpis.groups.filter((g) => g.period === MON).map((g) => g.key)).toEqual([
      'ticket',
      'videoNow',
      'inPerson',
      'callback',
      'webMeeting',
    ]);
    expect(kpis.groups.filter((g) => g.period === TUE).map((g) => g.key)).toEqual(['ticket']);
    // Monday all together: 4 tickets, 2 + 2 + 1 bookings, 2 kiosk calls and 1 given up; waits merged.
    expect(kpis.overall.map((g) => [g.period, g.key, g.arrivals, g.wait.count])).toEqual([
      [MON, '*', 12, 7],
      [TUE, '*', 2, 2],
    ]);
    expect(kpis.overall[0]!.wait.medianSeconds).toBe(180); // 60 120 120 180 240 240 600
    const byService = computeKpis(days, {
      from: MON,
      to: MON,
      period: 'day',
      by: 'service',
      service: 'naspi-consulenza',
    });
    expect(byService.groups.map((g) => [g.key, g.arrivals])).toEqual([['naspi-consulenza', 5]]);
    expect(
      computeKpis(days, { from: MON, to: TUE, period: 'day', by: 'sector', sector: 'nessuno' }).groups,
    ).toEqual([]);
  });

  it('sums kiosk sessions per period with the mean rating', () => {
    const kpis = computeKpis(days, { from: MON, to: TUE, period: 'month', by: 'channel' });
    // November's Monday and December's Tuesday are two months.
    expect(kpis.kiosk.map((k) => [k.period, k.periodEnd, k.sessions])).toEqual([
      [MON, MON, 3],
      [TUE, TUE, 1],
    ]);
    expect(kpis.kioskTotal).toMatchObject({
      sessions: 4,
      ratings: [1, 0, 0, 1, 1],
      ratingMean: 10 / 3,
      byLanguage: { it: 3, en: 1 },
      byIdentification: { cns: 2, cie: 1, none: 1 },
      byOutcome: { ticket: 3, abandoned: 1 },
    });
    const naspi = computeKpis(days, {
      from: MON,
      to: TUE,
      period: 'day',
      by: 'channel',
      service: 'naspi-informazioni',
    });
    expect(naspi.kioskTotal.sessions).toBe(3);
  });

  it('starts weeks on Monday and months on the 1st', () => {
    expect(periodStart('2026-12-06', 'week')).toBe('2026-11-30');
    expect(periodStart('2026-12-07', 'week')).toBe('2026-12-07');
    expect(periodStart('2026-12-31', 'month')).toBe('2026-12-01');
  });
});
