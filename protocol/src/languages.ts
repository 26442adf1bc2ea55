// The six languages citizens are served in, each named in itself, and its writing direction: plain values
// without zod, so that a page that must stay light (the phone's) imports them alone as
// `@sportello/protocol/languages`.

/** Names and descriptions shown to citizens: Italian always, other languages where written. */
export const languages = ['it', 'en', 'fr', 'ar', 'ro', 'uk'] as const;
export type LanguageCode = (typeof languages)[number];

/** Each language named in itself, as a citizen looks for it (language switches on every page). */
export const languageNames: Readonly<Record<LanguageCode, string>> = {
  it: 'Italiano',
  en: 'English',
  fr: 'Français',
  ar: 'العربية',
  ro: 'Română',
  uk: 'Українська',
};

/** The writing direction of a language, for `dir` on a page. */
export const directionOf = (language: string): 'rtl' | 'ltr' => (language === 'ar' ? 'rtl' : 'ltr');
