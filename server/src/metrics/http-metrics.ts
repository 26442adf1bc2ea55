// Times every HTTP request and files it under its route's pattern (/api/v1/bookings/:code), never the URL
// asked for: codes, keys and junk paths would each make a series of their own.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Middleware } from '../http/middleware.ts';
import type { Metrics } from './metrics.ts';

/** Requests no route or mounted app answered (404s, scanners): one series for all of them. */
export const UNMATCHED = 'unmatched';

const ROUTE = Symbol('route');
type Filed = ServerResponse & { [ROUTE]?: string };

/** Files the request under an API route's pattern: the API's router knows it, Express does not. */
export function fileUnder(res: ServerResponse, route: string): void {
  (res as Filed)[ROUTE] = route;
}

/** What Express adds to a request it handled: the URL asked for, and the route it matched in its router. */
type SeenByExpress = IncomingMessage & { originalUrl?: string; route?: { path?: unknown } };

/**
 * `mounts` are the paths where whole apps are mounted (the console's files, the privacy pages): their
 * requests are filed as `/console/*`. API routes name their pattern with fileUnder (the router does); other
 * routes (/healthz, the privacy pages' /privacy/:version) are found from Express's own match.
 */
export function httpMetrics(metrics: Metrics, mounts: readonly string[]): Middleware {
  // Longest first, so /api/v1/docs wins over /api/v1.
  const prefixes = [...mounts].sort((a, b) => b.length - a.length);
  const mountOf = (path: string) => prefixes.find((m) => path === m || path.startsWith(`${m}/`));

  return (req: SeenByExpress, res: Filed, next) => {
    const start = performance.now();
    res.once('close', () => {
      // An event stream lasts as long as the phone or board watching: not a response time.
      if (String(res.getHeader('content-type') ?? '').startsWith('text/event-stream')) return;
      let route = res[ROUTE];
      if (route === undefined) {
        // originalUrl: a mounted app that answered left req.url cut to its own part.
        const mount = mountOf((req.originalUrl ?? req.url ?? '/').split('?', 1)[0]!);
        // Express's own match is relative to the router it is in: /privacy's "/:version".
        const matched = typeof req.route?.path === 'string' ? req.route.path : undefined;
        if (matched !== undefined)
          route = mount === undefined || matched.startsWith(`${mount}/`) ? matched : mount + matched;
        else route = mount === undefined ? UNMATCHED : `${mount}/*`;
      }
      metrics.httpDuration.observe(
        {
          method: req.method ?? 'GET',
          route,
          status_class: res.writableFinished ? `${Math.floor(res.statusCode / 100)}xx` : 'aborted',
        },
        (performance.now() - start) / 1000,
      );
    });
    next();
  };
}
