// Serves the route declarations at /api/v1 on Node's own request and response: match (find-my-way), limit
// guesses, read the JSON body, authenticate, check the role, validate, call, reply. Not through Express: its
// per-request prototype swap and walk through every layer cost a booking more than the booking's own rules.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import express from 'express';
import FindMyWay, { type HTTPMethod } from 'find-my-way';
import fresh from 'fresh';
import type { Logger } from 'pino';
import { fileUnder } from '../metrics/http-metrics.ts';
import type { Store } from '../store/store.ts';
import { ApiError, validationError } from './api-error.ts';
import { authenticate } from './authenticate.ts';
import { sendBody, sendError, sendJson } from './error-handler.ts';
import { run, type Middleware } from './middleware.ts';
import { hasRole } from './principal.ts';
import type { Reply, RouteSpec } from './route.ts';

const API_PREFIX = '/api/v1';

export interface RouterOptions {
  store: Store;
  clock: () => Date;
  log: Logger;
  /** Counts a guessable route's failed tries and refuses too many (guess-limit.ts). */
  guesses: Middleware;
  /** The largest JSON body read, as body-parser writes it ('32kb'). */
  bodyLimit: string;
}

/** The API's request handler: answers a request one of `routes` matches and returns true, else returns false. */
export function buildRouter(
  routes: readonly RouteSpec[],
  options: RouterOptions,
): (req: IncomingMessage, res: ServerResponse) => boolean {
  const { store, clock, log, guesses } = options;
  // As Express matched: "/bookings/" is "/bookings". Codes and keys are short; a longer segment matches nothing.
  const router = FindMyWay({ ignoreTrailingSlash: true, maxParamLength: 256 });
  for (const route of routes)
    router.on(route.method.toUpperCase() as HTTPMethod, API_PREFIX + route.path, () => undefined, route);
  const readJson = express.json({ limit: options.bodyLimit }) as Middleware;

  async function serve(
    route: RouteSpec,
    rawParams: unknown,
    search: string,
    req: IncomingMessage,
    res: ServerResponse,
  ) {
    if (route.guessable) await run(guesses, req, res);
    await run(readJson, req, res);
    const query = parseQuery(search);
    const principal = await authenticate(req.headers, query, store, clock());
    if (route.roles !== 'public') {
      if (principal.kind === 'anonymous') throw new ApiError(401, 'unauthenticated', 'sign in first');
      if (!hasRole(principal, route.roles))
        throw new ApiError(403, 'forbidden', `this needs one of the roles: ${route.roles.join(', ')}`);
    }
    const reply = await route.handler({
      body: parse(route.body, (req as { body?: unknown }).body ?? {}, 'body'),
      query: parse(route.query, query, 'query'),
      params: parse(route.params, rawParams, 'path'),
      principal,
    });
    send(req, res, reply);
  }

  return (req, res) => {
    const url = req.url ?? '/';
    const mark = url.indexOf('?');
    const path = mark < 0 ? url : url.slice(0, mark);
    if (!path.startsWith(API_PREFIX)) return false;
    // HEAD is GET without the body, which Node leaves out by itself.
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    const found = router.find(method as HTTPMethod, path);
    if (!found) return false;
    const route = found.store as RouteSpec;
    fileUnder(res, API_PREFIX + route.path);
    serve(route, found.params, mark < 0 ? '' : url.slice(mark + 1), req, res).catch((error: unknown) =>
      sendError(res, error, log),
    );
    return true;
  };
}

function send(req: IncomingMessage, res: ServerResponse, reply: Reply): void {
  if (reply.events) return streamEvents(req, res, reply.events);
  for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
  const status = reply.status ?? 200;
  if (reply.body === undefined) {
    res.statusCode = status;
    return void res.end();
  }
  if (!reply.contentType) return sendJson(res, status, reply.body);
  // A body kept with its ETag (jsonOnce) is not sent again to a client that holds it.
  if (status === 200 && res.hasHeader('ETag') && (req.method === 'GET' || req.method === 'HEAD')) {
    if (fresh(req.headers, { etag: String(res.getHeader('ETag')) })) {
      res.statusCode = 304;
      return void res.end();
    }
  }
  if (Buffer.isBuffer(reply.body)) return sendBody(res, status, reply.contentType, reply.body);
  // Text is UTF-8, said in its type as Express's res.send says it.
  const type = /;\s*charset=/i.test(reply.contentType)
    ? reply.contentType
    : `${reply.contentType}; charset=utf-8`;
  sendBody(res, status, type, String(reply.body));
}

/** Proxies and phones drop a silent connection; a comment line this often keeps it open. */
const KEEP_ALIVE_MS = 15_000;

function streamEvents(req: IncomingMessage, res: ServerResponse, events: NonNullable<Reply['events']>): void {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  // nginx would otherwise hold events back to fill its buffer.
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  // EventSource reconnects by itself after this many milliseconds.
  res.write('retry: 2000\n\n');
  const sendEvent = (event: string, data: unknown) => {
    if (!res.writableEnded) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const close = events.open(sendEvent, () => res.end());
  const keepAlive = setInterval(() => res.write(': keep-alive\n\n'), KEEP_ALIVE_MS);
  req.socket.setTimeout(0);
  res.on('close', () => {
    clearInterval(keepAlive);
    close();
  });
}

function parse(schema: RouteSpec['body'], value: unknown, where: string): never {
  if (!schema) return undefined as never;
  const result = schema.safeParse(value);
  if (!result.success) throw validationError(result.error, where === 'body' ? undefined : where);
  return result.data as never;
}
