// Helmet's headers, read from helmet once at start-up and set per request in one loop: helmet runs a chain of
// a dozen middlewares per request to set the same fixed values (our options have nothing that varies).
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet, { type HelmetOptions } from 'helmet';
import type { Middleware } from './middleware.ts';

export function securityHeaders(options: Readonly<HelmetOptions>): Middleware {
  const set: [string, string][] = [];
  const removed: string[] = [];
  const recorder = {
    setHeader: (name: string, value: unknown) => void set.push([name, String(value)]),
    removeHeader: (name: string) => void removed.push(name),
  };
  let failure: unknown = new Error('helmet did not call next() at once; its headers cannot be fixed ahead');
  helmet(options)(
    {} as IncomingMessage,
    recorder as unknown as ServerResponse,
    (error?: unknown) => (failure = error),
  );
  if (failure) throw failure;
  return (_req, res, next) => {
    for (const [name, value] of set) res.setHeader(name, value);
    for (const name of removed) res.removeHeader(name);
    next();
  };
}
