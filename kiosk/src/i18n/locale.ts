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

/** Today in Rome as YYYY-MM-DD: the day the server counts in, wherever the kiosk's clock is set. */
export function romeToday(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Rome',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

export function formatDateTime(iso: string, language: string, options: Intl.DateTimeFormatOptions): string {
  return new Intl.DateTimeFormat(language, { timeZone: 'Europe/Rome', ...options }).format(new Date(iso));
}
