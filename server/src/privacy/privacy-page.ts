// The privacy notice as a server-rendered page: no script, readable on a phone, every language one link away.
import {
  directionOf,
  languageNames,
  languages,
  type Language,
  type PrivacyNoticeSection,
  type PrivacyNoticeText,
} from '@sportello/protocol';
import { privacyLabels } from './privacy-labels.ts';

export const STYLESHEET_PATH = '/privacy/assets/privacy-page.css';

export interface NoticePage {
  version: string;
  text: PrivacyNoticeText;
  /** The version in force now: an older one links to it. */
  current: string;
  language: Language;
  /** The page's own path, which the language links keep. */
  path: string;
}

export function noticePage(page: NoticePage): string {
  const labels = privacyLabels[page.language];
  const { text } = page;
  const newer =
    page.version === page.current
      ? ''
      : `<p class="note">${escapeHtml(labels.newer)} ` +
        `<a href="${versionHref(page.current, page.language)}">${versionLine(page.language, page.current)}</a></p>`;
  return document(
    page.language,
    page.path,
    `${text.title} – INPS`,
    `<h1>${escapeHtml(text.title)}</h1>` +
      `<p class="version">${versionLine(page.language, page.version)}</p>` +
      newer +
      sections(text.booking, 'h2') +
      `<section aria-labelledby="video"><h2 id="video">${escapeHtml(text.videoTitle)}</h2>` +
      sections(text.video, 'h3') +
      `</section>`,
  );
}

/** The answer to a version that never existed, with the way to the current one. */
export function missingVersionPage(page: { current: string; language: Language; path: string }): string {
  const labels = privacyLabels[page.language];
  return document(
    page.language,
    page.path,
    `${labels.missingTitle} – INPS`,
    `<h1>${escapeHtml(labels.missingTitle)}</h1>` +
      `<p>${escapeHtml(labels.missingText)}</p>` +
      `<p><a href="${versionHref(page.current, page.language)}">${escapeHtml(labels.readCurrent)}</a> ` +
      `(${versionLine(page.language, page.current)})</p>`,
  );
}

function document(language: Language, path: string, title: string, main: string): string {
  const labels = privacyLabels[language];
  const switcher = languages
    .map((other) => {
      const current = other === language ? ' aria-current="page"' : '';
      return (
        `<li><a href="${escapeHtml(`${path}?lang=${other}`)}" hreflang="${other}" lang="${other}"${current}>` +
        `${escapeHtml(languageNames[other])}</a></li>`
      );
    })
    .join('');
  return (
    `<!doctype html>\n<html lang="${language}" dir="${directionOf(language)}">` +
    `<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(title)}</title><link rel="stylesheet" href="${STYLESHEET_PATH}"></head>` +
    `<body><header><p class="brand">INPS</p>` +
    `<nav aria-label="${escapeHtml(labels.languages)}"><ul>${switcher}</ul></nav></header>` +
    `<main>${main}</main></body></html>\n`
  );
}

function sections(list: PrivacyNoticeSection[], heading: 'h2' | 'h3'): string {
  return list
    .map((s) => `<${heading}>${escapeHtml(s.heading)}</${heading}><p>${escapeHtml(s.text)}</p>`)
    .join('');
}

/** "Versione 2026-01"; the version kept left to right, or Arabic would show it as 01-2026. */
function versionLine(language: Language, version: string): string {
  return `${escapeHtml(privacyLabels[language].version)} <span dir="ltr">${escapeHtml(version)}</span>`;
}

const versionHref = (version: string, language: Language) =>
  escapeHtml(`/privacy/${encodeURIComponent(version)}?lang=${language}`);

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
}
