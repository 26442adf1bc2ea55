// The page's six languages, as the kiosk's: Italian first (the source), Arabic right to left; the SMS link's
// ?lang= or else the browser's preference picks one at start, the switch in the header another. Times are Rome's.
import { configureLocalization } from '@lit/localize';
import { directionOf, languages } from '@sportello/protocol/languages';
import { sourceLocale, targetLocales } from './locale-codes.ts';

export type PageLanguage = typeof sourceLocale | (typeof targetLocales)[number];

export const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => import(`./generated/${locale}.ts`),
});

/** The SMS link's language (`?lang=uk`) if the page speaks it, else the first of the browser's, else Italian. */
export function preferredLanguage(search: string, preferences: readonly string[]): PageLanguage {
  const linked = new URLSearchParams(search).get('lang');
  for (const preference of [...(linked ? [linked] : []), ...preferences]) {
    const base = preference.toLowerCase().split('-')[0];
    const found = languages.find((l) => l === base);
    if (found) return found;
  }
  return sourceLocale;
}

/** The document in `language`: its lang and direction at once, then its messages. */
export async function showPageIn(language: PageLanguage): Promise<void> {
  document.documentElement.lang = language;
  document.documentElement.dir = directionOf(language);
  // Always asked: a language may come while another is still loading (the last one wins).
  await setLocale(language);
}

/** The citizen's choice kept in the address, so that a reload keeps it. */
export function rememberLanguage(language: PageLanguage): void {
  const url = new URL(location.href);
  url.searchParams.set('lang', language);
  history.replaceState(null, '', url);
}

const format = (iso: string, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(getLocale(), { timeZone: 'Europe/Rome', ...options }).format(new Date(iso));

/** 09:45 */
export const formatTime = (iso: string) => format(iso, { hour: '2-digit', minute: '2-digit' });

/** martedì 1 dicembre */
export const formatDay = (iso: string) => format(iso, { weekday: 'long', day: 'numeric', month: 'long' });
