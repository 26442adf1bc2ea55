// Serves the staff console's built bundle (console/dist) at /console/, with a Content-Security-Policy that
// lets the page talk only to this server (REST and /ws) and show only what it was shipped with.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express, { type NextFunction, type Request, type Response, type Router } from 'express';

export const CONSOLE_PATH = '/console';
export const defaultConsoleDist = () => fileURLToPath(new URL('../../../console/dist/', import.meta.url));

export function consoleStatic(dist = defaultConsoleDist()): Router {
  const router = express.Router();
  router.use(consoleHeaders);
  // Built after the server started is fine: the folder is looked up on every request.
  router.use(express.static(dist, { index: 'index.html', fallthrough: true }));
  router.get('/', (_req, res) => {
    const index = path.join(dist, 'index.html');
    if (existsSync(index)) return res.sendFile(index);
    res
      .status(503)
      .type('html')
      .send(
        '<!doctype html><html lang="it"><meta charset="utf-8"><title>Console non disponibile</title>' +
          '<h1>La console non è stata compilata</h1>' +
          '<p>Eseguire <code>npm run build -w console</code> (o <code>npm start</code>) e ricaricare la pagina.</p>',
      );
  });
  return router;
}

function consoleHeaders(req: Request, res: Response, next: NextFunction) {
  // 'self' covers ws: of the same origin in CSP 3; the explicit origins keep older engines working.
  const host = req.headers.host ?? '';
  const csp = [
    "default-src 'self'",
    `connect-src 'self' ws://${host} wss://${host}`,
    "img-src 'self' data: blob:",
    "media-src 'self' blob: mediastream:",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "object-src 'none'",
  ].join('; ');
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
  next();
}
