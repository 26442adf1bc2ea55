// The console's language: Italian, the source locale; English from xliff/en.xlf, chosen in the header.
// Dates and times are always Rome's, whatever the official's computer says.
import { configureLocalization } from '@lit/localize';
import type { LocalizedText } from '@sportello/protocol';
import { sourceLocale, targetLocales } from './locale-codes.ts';

export const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => import(`./generated/${locale}.ts`),
});

const ZONE = 'Europe/Rome';

/** A time of day in Rome, as the official reads it. */
export const formatTime = (iso: string) =>
  new Intl.DateTimeFormat(getLocale(), { timeZone: ZONE, hour: '2-digit', minute: '2-digit' }).format(
    new Date(iso),
  );

/** A calendar day (YYYY-MM-DD) written out: "lunedì 30 novembre". */
export const formatDay = (date: string) =>
  new Intl.DateTimeFormat(getLocale(), {
    timeZone: 'UTC',
    weekday: 'long',
    day: 'numeric',
    month: 'long',
  }).format(new Date(`${date}T12:00:00Z`));

/** The Rome calendar day (YYYY-MM-DD) of an instant. */
export const romeDate = (iso: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date(iso));

/** The calendar day `days` after a YYYY-MM-DD day. */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Catalog text in the console's language, Italian when it has none. */
export const localizedText = (text: LocalizedText) =>
  (text as Record<string, string>)[getLocale()] ?? text.it;

/** Rome's offset from UTC at an instant, e.g. "+01:00". */
function romeOffset(at: Date): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone: ZONE, timeZoneName: 'longOffset' })
    .formatToParts(at)
    .find((p) => p.type === 'timeZoneName')?.value;
  const offset = name?.replace('GMT', '') ?? '';
  return offset === '' ? '+00:00' : offset;
}

/** The instant of a Rome wall-clock time (HH:MM) on a day (YYYY-MM-DD), with Rome's offset. */
export function romeInstant(date: string, time: string): string {
  const noonish = new Date(`${date}T${time}:00Z`);
  return `${date}T${time}:00${romeOffset(noonish)}`;
}

/** The Rome wall-clock time (HH:MM) of an instant. */
export const romeClock = (at: Date) =>
  new Intl.DateTimeFormat('en-GB', {
    timeZone: ZONE,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(at);
