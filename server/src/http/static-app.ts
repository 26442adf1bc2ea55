// Serves a built browser app (a Vite dist folder): the staff console at /console/ and the citizen's web-meeting
// page at /meeting/, with a Content-Security-Policy that lets the page talk only to this server (REST and
// /ws), use the camera's streams, and show only what it was shipped with.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import expressStaticGzip from 'express-static-gzip';

export interface StaticApp {
  /** Where the app is mounted, e.g. `/console`. */
  path: string;
  /** The folder vite builds into. */
  dist: string;
  /** The npm workspace that builds it, named on the "not built" page. */
  workspace: string;
  /** The "not built" page's title and heading, in Italian. */
  title: string;
  heading: string;
  /** The page answered for every path without an extension (index.html unless said). */
  index?: string;
  /** Paths that answer the page although they look like files (default: those without a dot). */
  pages?: RegExp;
  /** Who may frame the page (CSP frame-ancestors); nobody when absent. */
  frameAncestors?: readonly string[];
}

/**
 * The Microsoft 365 hosts that frame a Teams tab (Teams on the web and desktop, Outlook, the Microsoft 365
 * app): the console lets them frame it when Teams single sign-on is configured.
 */
export const TEAMS_FRAME_ANCESTORS = [
  'https://teams.microsoft.com',
  'https://*.teams.microsoft.com',
  'https://teams.cloud.microsoft',
  'https://*.cloud.microsoft',
  'https://*.office.com',
  'https://*.microsoft365.com',
] as const;

const distOf = (workspace: string) => fileURLToPath(new URL(`../../../${workspace}/dist/`, import.meta.url));

export const consoleApp: StaticApp = {
  path: '/console',
  dist: distOf('console'),
  workspace: 'console',
  title: 'Console non disponibile',
  heading: 'La console non è stata compilata',
};

/** The booking's SMS links to `/meeting/<booking code>`: every such path answers the page. */
export const meetingApp: StaticApp = {
  path: '/meeting',
  dist: distOf('meeting'),
  workspace: 'meeting',
  title: 'Videochiamata non disponibile',
  heading: 'La pagina della videochiamata non è stata compilata',
};

/** The office's display board: `/board/<sede>?key=<board key>`, opened on the office TV. */
export const boardApp: StaticApp = {
  path: '/board',
  dist: distOf('board'),
  workspace: 'board',
  title: 'Tabellone non disponibile',
  heading: 'Il tabellone non è stato compilato',
};

/**
 * The citizen's phone pages, built with the web-meeting page: `/t/<key>` follows a ticket (the QR printed on
 * it), `/t/sede/<sede>` shows a sede's queue (the board's QR). Short paths keep the printed QR small.
 */
export const phoneApp: StaticApp = {
  path: '/t',
  dist: distOf('meeting'),
  workspace: 'meeting',
  index: 'ticket.html',
  // A ticket's key has dots (`rovigo.2026-11-30.<token>`); the page's own files are under /meeting/assets.
  pages: /^\/(sede\/)?[^/]+\/?$/,
  title: 'Pagina non disponibile',
  heading: 'La pagina del biglietto non è stata compilata',
};

/**
 * The citizen's booking page, built with the web-meeting page: `/p/<booking code>.<token>`, the link an SMS
 * carries (see, move, cancel, add to the calendar).
 */
export const selfServiceApp: StaticApp = {
  path: '/p',
  dist: distOf('meeting'),
  workspace: 'meeting',
  index: 'booking.html',
  // The key has a dot; the page's own files are under /meeting/assets.
  pages: /^\/[^/]+\/?$/,
  title: 'Pagina non disponibile',
  heading: 'La pagina della prenotazione non è stata compilata',
};

/** Vite names what it builds under assets/ by content hash: a changed file is a new name, kept a year. */
export const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * Files of the bundle, brotli or gzip as built beside them when the browser takes it (web-common's precompress
 * plugin); any path without a file extension answers the page (client routing). Hashed assets are cached for
 * good; pages are checked again on every load (no-cache), so a new build is seen at once.
 */
export function staticApp(app: Omit<StaticApp, 'path'>): Router {
  const router = express.Router();
  router.use(strictHeaders(app.frameAncestors));
  // Built after the server started is fine: the folder is looked up on every request.
  const indexFile = app.index ?? 'index.html';
  const files = expressStaticGzip(app.dist, {
    enableBrotli: true,
    orderPreference: ['br', 'gz'],
    index: indexFile,
    serveStatic: {
      index: indexFile,
      fallthrough: true,
      setHeaders: (res, file) => {
        const hashed = path.relative(app.dist, file).startsWith(`assets${path.sep}`);
        res.setHeader('Cache-Control', hashed ? IMMUTABLE : 'no-cache');
      },
    },
  });
  router.use(files);
  // A missing asset (it has an extension) stays a 404 instead of answering the page.
  router.get(app.pages ?? /^\/[^.]*$/, (req, res, next) => {
    const index = path.join(app.dist, indexFile);
    if (existsSync(index)) {
      // The page itself, compressed as any file is.
      req.url = `/${indexFile}`;
      return files(req, res, next);
    }
    res
      .status(503)
      .type('html')
      .send(
        `<!doctype html><html lang="it"><meta charset="utf-8"><title>${app.title}</title>` +
          `<h1>${app.heading}</h1>` +
          `<p>Eseguire <code>npm run build -w ${app.workspace}</code> (o <code>npm start</code>) e ricaricare la pagina.</p>`,
      );
  });
  return router;
}

const strictHeaders =
  (frameAncestors?: readonly string[]) => (req: Request, res: Response, next: NextFunction) => {
    // 'self' covers ws: of the same origin in CSP 3; the explicit origins keep older engines working.
    const host = req.headers.host ?? '';
    const csp = [
      "default-src 'self'",
      `connect-src 'self' ws://${host} wss://${host}`,
      "img-src 'self' data: blob:",
      "media-src 'self' blob: mediastream:",
      "style-src 'self' 'unsafe-inline'",
      "font-src 'self'",
      `frame-ancestors ${frameAncestors?.join(' ') ?? "'none'"}`,
      "base-uri 'none'",
      "form-action 'none'",
      "object-src 'none'",
    ].join('; ');
    res.setHeader('Content-Security-Policy', csp);
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('Cache-Control', 'no-store');
    // Framed by Teams: CSP decides who may frame, so helmet's X-Frame-Options (same origin only) goes.
    if (frameAncestors) res.removeHeader('X-Frame-Options');
    next();
  };
