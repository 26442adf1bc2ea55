// What a citizen does with their fingers at the kiosk, for the browser tests: keys tapped on the on-screen
// keypad, the header's toggles, and the kiosk's words in the language chosen (read from its XLIFF files).
import { readFileSync } from 'node:fs';
import { expect, type Locator, type Page } from '@playwright/test';
import { heading } from './screens.ts';

export type Language = 'it' | 'en' | 'fr' | 'ar' | 'ro' | 'uk';
export const LANGUAGES: Language[] = ['it', 'en', 'fr', 'ar', 'ro', 'uk'];
/** Each language as its button names it, on the welcome screen and in the header's menu. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  it: 'Italiano',
  en: 'English',
  fr: 'Français',
  ar: 'العربية',
  ro: 'Română',
  uk: 'Українська',
};

const catalogs = new Map<Language, Map<string, string>>();

function catalog(language: Language): Map<string, string> {
  let texts = catalogs.get(language);
  if (!texts) {
    const xliff = readFileSync(new URL(`../../../kiosk/xliff/${language}.xlf`, import.meta.url), 'utf8');
    const unescape = (s: string) =>
      s
        .replace(/<x id="(\d+)"[^>]*\/>/g, '{$1}')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&amp;/g, '&');
    texts = new Map(
      [...xliff.matchAll(/<source>([\s\S]*?)<\/source>\s*<target>([\s\S]*?)<\/target>/g)].map((m) => [
        unescape(m[1]!),
        unescape(m[2]!),
      ]),
    );
    catalogs.set(language, texts);
  }
  return texts;
}

/** The kiosk's Italian words in `language`, as the citizen sees them; `{0}`… stand for the placeholders. */
export function kioskText(language: Language, italian: string): string {
  if (language === 'it') return italian;
  const text = catalog(language).get(italian);
  if (text === undefined) throw new Error(`no ${language} translation of «${italian}»`);
  return text;
}

/** Taps each character on the on-screen keypad of the current screen. */
export async function tapKeys(page: Page, text: string): Promise<void> {
  const keypad = page.locator('kiosk-keypad');
  for (const key of text) await keypad.getByRole('button', { name: key, exact: true }).click();
}

/** A button of the current screen by the start of its accessible name (cards carry a description too). */
export const button = (page: Page, name: string): Locator =>
  page.getByRole('button', { name: new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) });

/** The header's contrast toggle in any language: the last of its on/off buttons (speech, large text, contrast). */
export const contrastToggle = (page: Page): Locator =>
  page.locator('kiosk-header header > button[aria-pressed]').last();

/** Switches the language from the header's menu, as a citizen can on any screen, and waits for it. */
export async function chooseLanguage(page: Page, language: Language): Promise<void> {
  await page.locator('kiosk-header button[aria-expanded]').click();
  await page.locator(`kiosk-header .languages button[lang="${language}"]`).click();
  await expect(page.locator('html')).toHaveAttribute('lang', language);
  await expect(heading(page)).toBeVisible();
}
