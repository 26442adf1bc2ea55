// The kiosk's six languages: Italian first; Arabic laid out right to left.
import { configureLocalization } from '@lit/localize';
import type { Language, LocalizedText } from '@sportello/protocol';
import { sourceLocale, targetLocales } from './locale-codes.ts';

export const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => import(`./generated/${locale}.ts`),
});

/** Catalog text in the citizen's language, else English, else Italian. */
export function localized(text: LocalizedText, language: string): string {
  return text[language as Language] ?? text.en ?? text.it;
}

/**
 * Rome-time formatters, each made once: the first Intl.DateTimeFormat for a time zone loads ICU data (≈110 ms
 * at 4× throttle), which inside a tap would hold the next screen back. `warmRomeClock` makes them while idle.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();
function romeFormatter(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language} ${JSON.stringify(options)}`;
  let formatter = formatters.get(key);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(language, { timeZone: 'Europe/Rome', ...options });
    formatters.set(key, formatter);
  }
  return formatter;
}

const dayInRome = () => romeFormatter('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' });
const weekdayTimeInRome = () =>
  romeFormatter('en-GB', { weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });

/** Makes the formatters the screens before a ticket use (channel, priority), before the citizen taps. */
export function warmRomeClock(): void {
  dayInRome();
  weekdayTimeInRome();
}

/** Today in Rome as YYYY-MM-DD: the day the server counts in, wherever the kiosk's clock is set. */
export function romeToday(): string {
  return dayInRome().format(new Date());
}

/** "mon" … "sun" and "HH:MM" in Rome at `now`, to compare with opening hours. */
export function romeWeekdayTime(now: Date): { weekday: string; hhmm: string } {
  const parts = weekdayTimeInRome().formatToParts(now);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { weekday: part('weekday').toLowerCase().slice(0, 3), hhmm: `${part('hour')}:${part('minute')}` };
}

export function formatDateTime(iso: string, language: string, options: Intl.DateTimeFormatOptions): string {
  return romeFormatter(language, options).format(new Date(iso));
}
