// The page's languages: Italian first (the source), English; the browser's preference picks one at start,
// the switch in the header another. Times are Rome's, where the office is.
import { configureLocalization } from '@lit/localize';
import { sourceLocale, targetLocales } from './locale-codes.ts';

export type PageLanguage = typeof sourceLocale | (typeof targetLocales)[number];

export const languages: readonly PageLanguage[] = [sourceLocale, ...targetLocales];

/** Each language named in itself, as a citizen looks for it. */
export const languageNames: Record<PageLanguage, string> = { it: 'Italiano', en: 'English' };

export const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => import(`./generated/${locale}.ts`),
});

/** The first of the browser's languages the page speaks, else Italian. */
export function preferredLanguage(preferences: readonly string[]): PageLanguage {
  for (const preference of preferences) {
    const base = preference.toLowerCase().split('-')[0];
    const found = languages.find((l) => l === base);
    if (found) return found;
  }
  return sourceLocale;
}

const format = (iso: string, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(getLocale(), { timeZone: 'Europe/Rome', ...options }).format(new Date(iso));

/** 09:45 */
export const formatTime = (iso: string) => format(iso, { hour: '2-digit', minute: '2-digit' });

/** martedì 1 dicembre */
export const formatDay = (iso: string) => format(iso, { weekday: 'long', day: 'numeric', month: 'long' });
