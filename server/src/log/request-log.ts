// One log line per HTTP request once it ends, as pino-http wrote it: method, path without query or codice
// fiscale, status and time. Nothing is built per request unless the logger's level writes the line: a child
// logger per request (pino-http's way) serialised and redacted every request even when nothing was logged.
import type { IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import type { Middleware } from '../http/middleware.ts';
import { loggablePath } from './logger.ts';

const MAX_ID = 2_147_483_647;

/** Logs each request at `info` when it ends; `ignore` (by path, query included) says which to leave out. */
export function requestLog(log: Logger, ignore: (url: string) => boolean): Middleware {
  let lastId = 0;
  // originalUrl: where Express handled the request, a mounted app leaves req.url cut to its own part.
  return (req: IncomingMessage & { originalUrl?: string }, res, next) => {
    const url = req.url ?? '/';
    if (ignore(url) || !log.isLevelEnabled('info')) return next();
    const started = Date.now();
    const id = (lastId = (lastId + 1) & MAX_ID);
    const done = (error?: unknown) => {
      res.off('close', done);
      res.off('finish', done);
      res.off('error', done);
      const line = {
        req: { id, method: req.method, path: loggablePath(req.originalUrl ?? url) },
        res: { status: res.statusCode },
        responseTime: Date.now() - started,
      };
      if (error !== undefined || res.statusCode >= 500)
        log.info(
          { ...line, err: error ?? new Error(`failed with status code ${res.statusCode}`) },
          'request errored',
        );
      else
        log.info(line, !req.readableAborted && res.writableEnded ? 'request completed' : 'request aborted');
    };
    res.on('close', done);
    res.on('finish', done);
    res.on('error', done);
    next();
  };
}
