// The console's language: Italian, the source locale; English is set up for translators (xliff/en.xlf)
// and falls back to Italian until it is translated.
import { configureLocalization } from '@lit/localize';
import { sourceLocale, targetLocales } from './locale-codes.ts';

export const { getLocale, setLocale } = configureLocalization({
  sourceLocale,
  targetLocales,
  loadLocale: (locale) => import(`./generated/${locale}.ts`),
});

/** A time of day in Rome, as the official reads it. */
export const formatTime = (iso: string) =>
  new Intl.DateTimeFormat(getLocale(), {
    timeZone: 'Europe/Rome',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
