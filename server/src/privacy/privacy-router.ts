// GET /privacy/:version, and /privacy for the version in force: the notice every SMS links to, in the
// language the link asks for (?lang=), else the browser's, else Italian; every version ever in force stays.
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Language, languages, privacyNotice } from '@sportello/protocol';
import express, { type Request, type Response, type Router } from 'express';
import { missingVersionPage, noticePage } from './privacy-page.ts';

const stylesheet = fileURLToPath(new URL('./privacy-page.css', import.meta.url));

/** Titillium Web, the font of the kiosk and the meeting page. */
const fonts = path.dirname(
  createRequire(import.meta.url).resolve(
    '@fontsource/titillium-web/files/titillium-web-latin-400-normal.woff2',
  ),
);

export function privacyRouter(currentVersion: string): Router {
  const router = express.Router();
  router.get('/assets/privacy-page.css', (_req, res) => res.sendFile(stylesheet));
  router.use('/assets/fonts', express.static(fonts, { index: false }));
  router.get('/', (req, res) => sendNotice(req, res, currentVersion, currentVersion, '/privacy'));
  router.get('/:version', (req, res) =>
    sendNotice(
      req,
      res,
      req.params.version,
      currentVersion,
      `/privacy/${encodeURIComponent(req.params.version)}`,
    ),
  );
  return router;
}

function sendNotice(req: Request, res: Response, version: string, current: string, pagePath: string): void {
  const language = languageOf(req);
  // A page of plain text and links: no script, nothing from elsewhere, never framed.
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'none'; style-src 'self'; font-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  );
  res.setHeader('Content-Language', language);
  res.vary('Accept-Language');
  res.setHeader('Cache-Control', 'no-cache');
  const text = privacyNotice(version)?.[language];
  if (!text) {
    res
      .status(404)
      .type('html')
      .send(missingVersionPage({ current, language, path: pagePath }));
    return;
  }
  res.type('html').send(noticePage({ version, text, current, language, path: pagePath }));
}

/** ?lang= when it names one of the six, else the browser's preference among them, else Italian. */
function languageOf(req: Request): Language {
  const asked = Language.safeParse(req.query.lang);
  if (asked.success) return asked.data;
  return (req.acceptsLanguages(...languages) || 'it') as Language;
}
