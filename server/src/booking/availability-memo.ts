// The last availability answer per question (sede, service, mode, days), given again while nothing it came
// from has changed: a kiosk's week is asked for over and over between two bookings, and computing and
// serialising it each time was most of the request's own cost.
import type { Official, Sede, Service } from '@sportello/protocol';
import type { CalendarAdjustment } from '../calendar/availability.ts';
import { romeDayOf } from '../calendar/rome-time.ts';
import type { BookedTime } from '../store/store.ts';

const MINUTE = 60_000;
/** Questions kept per store: every sede, service and mode over a few ranges, and then some. */
const MEMO_SIZE = 2_000;

/** What an answer is computed from; the store gives the same list of a day's booked times until it changes. */
export interface AnswerInputs {
  sede: Sede;
  service: Service;
  officials: readonly Official[];
  /** Each day's booked times, as bookedTimesOfDay answered them. */
  booked: readonly (readonly BookedTime[])[];
  adjustments: readonly CalendarAdjustment[];
  now: Date;
  leadMinutes: number;
  horizonDays: number | undefined;
}

interface Entry<T> {
  inputs: AnswerInputs;
  /** The adjustments as JSON: the store reads them anew each time, so they are compared by content. */
  adjustments: string;
  /** The Rome day it was computed on: the booking horizon moves at midnight. */
  today: string;
  computedAt: number;
  /** The earliest start it offers: once now + lead time passes it, that slot is gone. */
  firstStart: number;
  answer: T;
}

export class AvailabilityMemo<T> {
  private entries = new Map<string, Entry<T>>();

  /** The answer kept for `key`, if computed from the same inputs and time has not changed it. */
  get(key: string, inputs: AnswerInputs): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const was = entry.inputs;
    const now = inputs.now.getTime();
    const same =
      was.sede === inputs.sede &&
      was.service === inputs.service &&
      was.officials === inputs.officials &&
      was.leadMinutes === inputs.leadMinutes &&
      was.horizonDays === inputs.horizonDays &&
      // A clock moved back (tests) may bring back slots that had passed.
      entry.computedAt <= now &&
      now + inputs.leadMinutes * MINUTE <= entry.firstStart &&
      sameLists(was.booked, inputs.booked) &&
      entry.adjustments === JSON.stringify(inputs.adjustments) &&
      entry.today === romeDayOf(now);
    return same ? entry.answer : undefined;
  }

  /** Keeps `answer`, whose earliest offered slot starts at `firstStart` (Infinity when it offers none). */
  set(key: string, inputs: AnswerInputs, answer: T, firstStart: number): void {
    if (this.entries.size >= MEMO_SIZE && !this.entries.has(key)) this.entries.clear();
    const now = inputs.now.getTime();
    this.entries.set(key, {
      inputs,
      adjustments: JSON.stringify(inputs.adjustments),
      today: romeDayOf(now),
      computedAt: now,
      firstStart,
      answer,
    });
  }
}

function sameLists(a: readonly (readonly BookedTime[])[], b: readonly (readonly BookedTime[])[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
