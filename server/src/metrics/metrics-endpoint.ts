// GET /metrics for Prometheus, on the server's own port behind a bearer token (server.metrics.token).
// Without a token the route does not exist (404): the metrics tell how busy each office is and which
// stations are down, which is nobody's business but the operators'.
import { createHash, timingSafeEqual } from 'node:crypto';
import { ENV_REFERENCE, type MetricsSettings } from '@sportello/protocol';
import type { RequestHandler } from 'express';
import type { AppContext } from '../context.ts';
import { ApiError } from '../http/api-error.ts';
import type { Metrics } from './metrics.ts';

export const METRICS_PATH = '/metrics';

/**
 * The token from the configuration, read from the environment when written as `${env:NAME}`; undefined
 * (metrics off) without one or while that variable is unset.
 */
export function metricsToken(
  settings: MetricsSettings,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const token = settings.token;
  if (token === undefined) return undefined;
  const name = ENV_REFERENCE.exec(token)?.[1];
  if (name === undefined) return token;
  return env[name] || undefined;
}

/** The /metrics handler, or undefined (and a line in the log saying why) while metrics are off. */
export function metricsEndpointOf(ctx: AppContext): RequestHandler | undefined {
  const configured = ctx.config.server.metrics.token;
  const token = metricsToken(ctx.config.server.metrics);
  if (ctx.metrics && token !== undefined) return metricsEndpoint(ctx.metrics, token);
  const name = ENV_REFERENCE.exec(configured ?? '')?.[1];
  if (name !== undefined) ctx.log.info(`metrics off: ${name} is not set, so ${METRICS_PATH} answers 404`);
  return undefined;
}

/** Answers the scrape when the request carries the token; a 401 naming the scheme otherwise. */
export function metricsEndpoint(metrics: Metrics, token: string): RequestHandler {
  // Equal-length digests: timingSafeEqual tells nothing of the token, not even its length.
  const expected = digest(token);
  return async (req, res, next) => {
    try {
      const [scheme, given] = (req.headers.authorization ?? '').split(' ', 2);
      if (scheme?.toLowerCase() !== 'bearer' || !given || !timingSafeEqual(digest(given), expected)) {
        res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
        throw new ApiError(
          401,
          'unauthenticated',
          'the metrics need the bearer token of server.metrics.token',
        );
      }
      const text = await metrics.registry.metrics();
      res.setHeader('Cache-Control', 'no-store');
      res.type(metrics.registry.contentType).send(text);
    } catch (error) {
      next(error);
    }
  };
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}
