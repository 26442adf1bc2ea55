// Several instances behind a load balancer: each answer names the instance that gave it, for people and tests.
import type { Middleware } from './middleware.ts';

export const INSTANCE_HEADER = 'X-Sportello-Instance';

/** Adds X-Sportello-Instance when SPORTELLO_INSTANCE names this instance (e.g. "a"); nothing otherwise. */
export function instanceHeader(env: NodeJS.ProcessEnv = process.env): Middleware | undefined {
  const name = env.SPORTELLO_INSTANCE?.trim();
  if (!name) return undefined;
  return (_req, res, next) => {
    res.setHeader(INSTANCE_HEADER, name);
    next();
  };
}
