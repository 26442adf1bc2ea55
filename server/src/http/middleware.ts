// Connect-style middleware on Node's own request and response, so the same pieces serve the API (no Express)
// and the pages (Express, which takes them as they are).
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

export type Middleware = (req: IncomingMessage, res: ServerResponse, next: (error?: unknown) => void) => void;

/** Runs `middlewares` in turn, then `last`; an error passed on is given to `failed`. */
export function chain(
  middlewares: readonly Middleware[],
  last: RequestListener,
  failed: (error: unknown, res: ServerResponse) => void,
): RequestListener {
  return (req, res) => {
    let index = 0;
    const next = (error?: unknown): void => {
      if (error !== undefined) return failed(error, res);
      const middleware = middlewares[index++];
      if (!middleware) return void last(req, res);
      try {
        middleware(req, res, next);
      } catch (thrown) {
        failed(thrown, res);
      }
    };
    next();
  };
}

/** One middleware as a promise: resolves when it passes the request on, rejects with the error it passes. */
export function run(middleware: Middleware, req: IncomingMessage, res: ServerResponse): Promise<void> {
  return new Promise((resolve, reject) =>
    middleware(req, res, (error) => (error === undefined ? resolve() : reject(error))),
  );
}
