// Starts a real server on a free loopback port with a fresh data folder and a clock tests can move.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { checkCharacter, type StaffRole } from '@sportello/protocol';
import { defaultConfigDir } from '../config/load-config.ts';
import { hashToken, newToken, STAFF_TOKEN_PREFIX } from '../auth/tokens.ts';
import { createAuthProof } from '../citizen-auth/auth-proof.ts';
import { createLogger } from '../log/logger.ts';
import { startServer, type RunningServer, type StartOptions } from '../server.ts';

export interface TestServer extends RunningServer {
  dataDir: string;
  /** Moves the server's clock. */
  setNow(iso: string): void;
  /** Every log line written so far. */
  logs(): string;
  login(username: string): Promise<string>;
  stationToken(station: string): Promise<string>;
  /** A signed-in staff session made straight in the store, for accounts config/staff.json does not have. */
  sessionToken(username: string, roles: StaffRole[], sede?: string): Promise<string>;
  /** What /citizen-auth/verify gives a station after a card signature, for tests of the booking rules. */
  authProof(station: string, codiceFiscale: string, method?: 'cie-pin' | 'cns-pin'): string;
  call(
    method: string,
    urlPath: string,
    options?: { token?: string; body?: unknown; raw?: string },
  ): Promise<CallResult>;
}

export interface CallResult {
  status: number;
  body: any; // eslint-disable-line @typescript-eslint/no-explicit-any -- tests read answers freely
  headers: Headers;
}

export interface TestServerOptions {
  /** Another configuration folder (default: the shipped config/). */
  configDir?: string;
  /** Reuse a data folder, as after a restart (default: a fresh one). */
  dataDir?: string;
  /** Run the background jobs, the SMS outbox worker among them (default: off). */
  jobs?: boolean;
  /** Listen on this port (default: a free one), e.g. to start again where clients reconnect. */
  port?: number;
  /** Another store than the config's (e.g. a PostgreSQL schema shared by two test servers). */
  store?: StartOptions['store'];
  videoLiveness?: StartOptions['videoLiveness'];
  /** Microsoft Graph for Teams meetings (a client of the local stand-in). */
  teamsGraph?: StartOptions['teamsGraph'];
}

export async function startTestServer(nowIso: string, options: TestServerOptions = {}): Promise<TestServer> {
  let now = new Date(nowIso);
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(tmpdir(), 'sportello-api-')));
  const running = await startServer({
    configDir: options.configDir ?? defaultConfigDir(),
    dataDir,
    port: options.port ?? 0,
    clock: () => now,
    jobs: options.jobs ?? false,
    ...(options.store && { store: options.store }),
    ...(options.videoLiveness && { videoLiveness: options.videoLiveness }),
    ...(options.teamsGraph && { teamsGraph: options.teamsGraph }),
    log: createLogger({ level: 'debug' }, sink),
  });

  const call: TestServer['call'] = async (method, urlPath, options = {}) => {
    const headers: Record<string, string> = {};
    if (options.token) headers.authorization = `Bearer ${options.token}`;
    let body: string | undefined = options.raw;
    if (options.body !== undefined) body = JSON.stringify(options.body);
    if (body !== undefined) headers['content-type'] = 'application/json';
    const response = await fetch(running.url + urlPath, { method, headers, body });
    // An event stream never ends by itself: its status and headers are the answer.
    if (response.headers.get('content-type')?.startsWith('text/event-stream')) {
      await response.body?.cancel();
      return { status: response.status, body: undefined, headers: response.headers };
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON (the docs page): leave it as text.
    }
    return { status: response.status, body: parsed, headers: response.headers };
  };

  const login = async (username: string): Promise<string> => {
    const result = await call('POST', '/api/v1/auth/login', {
      body: { username, password: `demo-${username}` },
    });
    if (result.status !== 200) throw new Error(`login ${username}: ${result.status}`);
    return result.body.token as string;
  };

  return {
    ...running,
    dataDir,
    setNow: (iso) => {
      now = new Date(iso);
    },
    logs: () => lines.join(''),
    call,
    login,
    authProof: (station, codiceFiscale, method = 'cie-pin') =>
      createAuthProof(running.ctx.secret, {
        codiceFiscale,
        method,
        station,
        exp: now.getTime() + 30 * 60_000,
      }),
    async sessionToken(username, roles, sede) {
      const token = newToken(STAFF_TOKEN_PREFIX);
      await running.ctx.store.transaction((tx) =>
        tx.insertSession({
          tokenHash: hashToken(token),
          username,
          roles,
          ...(sede ? { sede } : {}),
          createdAt: now.toISOString(),
          expiresAt: new Date(now.getTime() + 3_600_000).toISOString(),
        }),
      );
      return token;
    },
    async stationToken(station) {
      const token = await login('tecnico');
      const code = await call('POST', `/api/v1/stations/${station}/enrolment-codes`, { token });
      if (code.status !== 201) throw new Error(`enrolment code ${station}: ${code.status}`);
      const enrolled = await call('POST', '/api/v1/stations/enrol', {
        body: { code: code.body.code, agentVersion: 'test' },
      });
      if (enrolled.status !== 200) throw new Error(`enrol ${station}: ${enrolled.status}`);
      return enrolled.body.token as string;
    },
  };
}

/** A valid codice fiscale per index, so many distinct citizens can book. */
export function codiceFiscaleFor(index: number): string {
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const a = letters[index % 26]!;
  const b = letters[Math.floor(index / 26) % 26]!;
  const c = letters[Math.floor(index / 676) % 26]!;
  const first15 = `RSS${a}${b}${c}80A01H501`;
  return first15 + checkCharacter(first15);
}

export function citizen(index = 0) {
  return {
    codiceFiscale: codiceFiscaleFor(index),
    firstName: 'Mario',
    lastName: 'Rossi',
    phone: '+39 347 123 4567',
  };
}
