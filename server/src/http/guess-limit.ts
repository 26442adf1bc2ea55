// Codes and passwords are guessable only by many tries: 30 failed tries a minute per address, counted in the
// store so that the limit holds across every server instance (PostgreSQL's hit_counters; in memory on lowdb,
// one process). express-rate-limit decides; the store only counts.
import type { IncomingMessage } from 'node:http';
import { ipKeyGenerator, rateLimit, type Store as RateLimitStore } from 'express-rate-limit';
import proxyAddr from 'proxy-addr';
import type { SharedLimits } from '../store/limits.ts';
import { ApiError } from './api-error.ts';
import type { Middleware } from './middleware.ts';

export const GUESS_WINDOW_MS = 60_000;
export const GUESS_LIMIT = 30;

/** express-rate-limit's counter on the store's hit counters; keys are prefixed so other limits may share them. */
export function sharedHitCounter(limits: SharedLimits, clock: () => Date, prefix: string): RateLimitStore {
  let windowMs = GUESS_WINDOW_MS;
  return {
    prefix,
    localKeys: false,
    init: (options) => void (windowMs = options.windowMs),
    increment: async (key) => {
      const { hits, resetAt } = await limits.countHit(prefix + key, windowMs, clock());
      return { totalHits: hits, resetTime: resetAt };
    },
    decrement: (key) => limits.uncountHit(prefix + key, clock()),
    resetKey: (key) => limits.resetHits(prefix + key),
  };
}

/** Only a proxy on this machine (nginx in front) is believed about the client's address, as Express's 'loopback'. */
const trustedProxy = proxyAddr.compile('loopback');

/** The client's address: X-Forwarded-For as far as trusted proxies wrote it, else the socket's peer. */
export function clientAddress(req: IncomingMessage): string {
  return proxyAddr(req, trustedProxy);
}

/** Failed tries only: a successful answer gives its try back. */
export function guessLimit(limits: SharedLimits, clock: () => Date): Middleware {
  const limiter = rateLimit({
    // By address, IPv6 by /56 as express-rate-limit does, on the API (no Express there) as on the pages.
    keyGenerator: (req) => ipKeyGenerator(clientAddress(req)),
    windowMs: GUESS_WINDOW_MS,
    limit: GUESS_LIMIT,
    skipSuccessfulRequests: true,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    store: sharedHitCounter(limits, clock, 'guess:'),
    handler: (_req, _res, next) =>
      next(new ApiError(429, 'too_many_requests', 'too many attempts; wait a minute and try again')),
  }) as unknown as Middleware;
  return (req, res, next) => {
    // Its draft-8 headers are added with Express's res.append, which the API's plain responses lack.
    const response = res as typeof res & { append?: (name: string, value: string) => unknown };
    response.append ??= (name, value) => res.appendHeader(name, value);
    limiter(req, res, next);
  };
}
