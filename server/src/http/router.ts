// Wires route declarations into Express: authenticate, check the role, validate, call, reply.
import express, { type NextFunction, type Request, type Response } from 'express';
import { ApiError, validationError } from './api-error.ts';
import { authenticate } from './authenticate.ts';
import { hasRole } from './principal.ts';
import type { Reply, RouteSpec } from './route.ts';
import type { Store } from '../store/store.ts';

export function buildRouter(routes: RouteSpec[], store: Store, clock: () => Date): express.Router {
  const router = express.Router();
  for (const route of routes) {
    router[route.method](route.path, async (req: Request, res: Response, next: NextFunction) => {
      // The pattern, not the URL asked for: what the request metrics file it under.
      res.locals.route = req.baseUrl + route.path;
      try {
        const principal = await authenticate(req, store, clock());
        if (route.roles !== 'public') {
          if (principal.kind === 'anonymous') throw new ApiError(401, 'unauthenticated', 'sign in first');
          if (!hasRole(principal, route.roles)) {
            throw new ApiError(403, 'forbidden', `this needs one of the roles: ${route.roles.join(', ')}`);
          }
        }
        const body = parse(route.body, req.body ?? {}, 'body');
        const query = parse(route.query, req.query, 'query');
        const params = parse(route.params, req.params, 'path');
        const reply = await route.handler({ body, query, params, principal });
        if (reply.events) return streamEvents(req, res, reply.events);
        for (const [name, value] of Object.entries(reply.headers ?? {})) res.setHeader(name, value);
        res.status(reply.status ?? 200);
        if (reply.body === undefined) res.end();
        else if (reply.contentType)
          res.type(reply.contentType).send(Buffer.isBuffer(reply.body) ? reply.body : String(reply.body));
        else res.json(reply.body);
      } catch (error) {
        next(error);
      }
    });
  }
  return router;
}

/** Proxies and phones drop a silent connection; a comment line this often keeps it open. */
const KEEP_ALIVE_MS = 15_000;

function streamEvents(req: Request, res: Response, events: NonNullable<Reply['events']>): void {
  res.status(200);
  res.setHeader('Content-Type', 'text/event-stream; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  // nginx would otherwise hold events back to fill its buffer.
  res.setHeader('X-Accel-Buffering', 'no');
  res.flushHeaders();
  // EventSource reconnects by itself after this many milliseconds.
  res.write('retry: 2000\n\n');
  const send = (event: string, data: unknown) => {
    if (!res.writableEnded) res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  };
  const close = events.open(send, () => res.end());
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
