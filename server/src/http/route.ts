// One declaration per route: path, roles, schemas and handler. Express is wired from it and the
// OpenAPI document is generated from it, so the docs cannot drift from what is enforced.
import type { Role } from '@sportello/protocol';
import type { z } from 'zod';
import type { Principal } from './principal.ts';

export type Method = 'get' | 'post' | 'put' | 'delete';

export interface Reply<T = unknown> {
  status?: number;
  body?: T;
  headers?: Record<string, string | string[]>;
  /** Sends `body` (a string or a Buffer) as is with this type, e.g. text/calendar; otherwise `body` is sent as JSON. */
  contentType?: string;
  /**
   * Answers a stream of server-sent events instead of a body: `open` is called with a sender and a way to end
   * the stream (a server stopping), and returns what to call when the stream ends. Keep-alive comments are
   * sent by the router.
   */
  events?: { open(send: EventSender, end: () => void): () => void };
}

/** Sends one server-sent event: `event: <name>` and the data as JSON. */
export type EventSender = (event: string, data: unknown) => void;

export interface HandlerContext<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  principal: Principal;
}

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteSpec<
  B extends z.ZodType | undefined = z.ZodType | undefined,
  Q extends z.ZodType | undefined = z.ZodType | undefined,
  P extends z.ZodType | undefined = z.ZodType | undefined,
> {
  method: Method;
  /** Express-style, relative to /api/v1: `/bookings/:code`. */
  path: string;
  summary: string;
  tag: string;
  /** Roles allowed to call it, or "public" for anyone (citizens' own lookups, catalog). */
  roles: readonly Role[] | 'public';
  /** Who among them, where the handler narrows it further ("the call's own"); shown in the docs. */
  audience?: string;
  /**
   * Its path or body holds a secret one could guess by trying (a code, a key, a password): failed tries are
   * limited per address on every instance together (guess-limit.ts).
   */
  guessable?: true;
  body?: B;
  query?: Q;
  params?: P;
  /** Status → description and schema (JSON unless contentType says otherwise), for the OpenAPI document. */
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  handler(ctx: HandlerContext<Out<B>, Out<Q>, Out<P>>): Promise<Reply>;
}

/** Keeps each route's handler typed by its own schemas. */
export function defineRoute<
  B extends z.ZodType | undefined = undefined,
  Q extends z.ZodType | undefined = undefined,
  P extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<B, Q, P>): RouteSpec {
  return spec as unknown as RouteSpec;
}
