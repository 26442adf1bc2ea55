// Times every HTTP request and files it under its route's pattern (/api/v1/bookings/:code), never the URL
// asked for: codes, keys and junk paths would each make a series of their own.
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { Metrics } from './metrics.ts';

/** Requests no route or mounted app answered (404s, scanners): one series for all of them. */
export const UNMATCHED = 'unmatched';

/**
 * `mounts` are the paths where whole apps are mounted (the console's files, the privacy pages): their
 * requests are filed as `/console/*`. API routes name their pattern in `res.locals.route` (the router sets
 * it); other routes (/healthz, the privacy pages' /privacy/:version) are found from Express's own match.
 */
export function httpMetrics(metrics: Metrics, mounts: readonly string[]): RequestHandler {
  // Longest first, so /api/v1/docs wins over /api/v1.
  const prefixes = [...mounts].sort((a, b) => b.length - a.length);
  const mountOf = (path: string) => prefixes.find((m) => path === m || path.startsWith(`${m}/`));

  return (req: Request, res: Response, next: NextFunction) => {
    const start = performance.now();
    res.once('close', () => {
      // An event stream lasts as long as the phone or board watching: not a response time.
      if (String(res.getHeader('content-type') ?? '').startsWith('text/event-stream')) return;
      const locals = res.locals as { route?: unknown };
      let route = typeof locals.route === 'string' ? locals.route : undefined;
      if (route === undefined) {
        // originalUrl: a mounted app that answered left req.url cut to its own part.
        const mount = mountOf(req.originalUrl.split('?', 1)[0]!);
        // Express's own match is relative to the router it is in: /privacy's "/:version".
        const matched = typeof req.route?.path === 'string' ? (req.route.path as string) : undefined;
        if (matched !== undefined)
          route = mount === undefined || matched.startsWith(`${mount}/`) ? matched : mount + matched;
        else route = mount === undefined ? UNMATCHED : `${mount}/*`;
      }
      metrics.httpDuration.observe(
        {
          method: req.method,
          route,
          status_class: res.writableFinished ? `${Math.floor(res.statusCode / 100)}xx` : 'aborted',
        },
        (performance.now() - start) / 1000,
      );
    });
    next();
  };
}
