// How the browser apps talk to the server (same origin, directly or through the agent's proxy):
// JSON in, JSON out, and every failure as an ApiProblem the screens can explain.
import type { ErrorBody } from '@sportello/protocol';

/** A failed call, as the screens need it: what happened and, for conflicts, the details. */
export class ApiProblem extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: Record<string, unknown>,
    readonly fields?: { path: string; message: string }[],
  ) {
    super(message);
    this.name = 'ApiProblem';
  }

  /** The station or the server cannot be reached: not the user's fault, shown as such. */
  get unreachable(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 503 || this.status === 504;
  }
}

export interface RequestOptions {
  /** The kiosk sends none (the agent adds the station's); the console sends its session cookie. */
  credentials?: RequestCredentials;
}

export async function request<T>(
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
      credentials: options.credentials ?? 'omit',
    });
  } catch {
    throw new ApiProblem(0, 'unreachable', 'network error');
  }
  const text = await response.text();
  const json: unknown = text ? safeParse(text) : undefined;
  if (!response.ok) {
    const error = (json as ErrorBody | undefined)?.error;
    throw new ApiProblem(
      response.status,
      error?.code ?? 'http_error',
      error?.message ?? `HTTP ${response.status}`,
      error?.details,
      error?.fields,
    );
  }
  return json as T;
}

function safeParse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
