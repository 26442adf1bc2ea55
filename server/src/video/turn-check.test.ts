// The start-up TURN check and what /readyz says of it: a coturn that refuses our credentials (its secret
// differs from ours) is logged once and makes /readyz degraded; a matching secret makes it ready; a TURN
// name that does not resolve (the demo's) is told once as unreachable without stopping the server.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { VideoSettings } from '@sportello/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfigDir } from '../config/load-config.ts';
import { createLogger } from '../log/logger.ts';
import { startTestServer, type TestServer } from '../testing/test-server.ts';
import { coturnMissing, haveCoturn, startCoturn, type Coturn } from './coturn-test-server.ts';
import { TurnCheck } from './turn-check.ts';
import type { TurnProbeOptions, TurnProbeResult } from './turn-probe.ts';

const settings = VideoSettings.parse({
  turn: {
    urls: ['turn:turn.example:3478?transport=udp', 'turns:turn.example:5349'],
    secretEnv: 'TEST_TURN_SECRET',
  },
});

function capturedLog() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { log: createLogger({ level: 'info' }, sink), lines };
}

describe('TurnCheck', () => {
  it('checks nothing while TURN has no secret', async () => {
    const probed: string[] = [];
    const { log } = capturedLog();
    const check = new TurnCheck(settings, log, {}, async ({ url }) => {
      probed.push(url);
      return { status: 'ok', detail: '' };
    });
    expect(await check.run()).toBeUndefined();
    expect(check.last).toBeUndefined();
    expect(probed).toEqual([]);
  });

  it('probes the UDP URL with TURN REST credentials and logs a refusal once, then the recovery', async () => {
    const answers: TurnProbeResult[] = [
      { status: 'refused', detail: 'credentials refused (answered 401 Unauthorized)' },
      { status: 'refused', detail: 'credentials refused (answered 401 Unauthorized)' },
      { status: 'ok', detail: 'credentials accepted' },
    ];
    const asked: TurnProbeOptions[] = [];
    const { log, lines } = capturedLog();
    const check = new TurnCheck(settings, log, { TEST_TURN_SECRET: 'x' }, async (options) => {
      asked.push(options);
      return answers.shift()!;
    });
    expect(await check.run()).toEqual([
      expect.objectContaining({ url: 'turn:turn.example:3478?transport=udp', status: 'refused' }),
    ]);
    await check.run();
    expect(asked[0]).toMatchObject({ username: expect.stringMatching(/^\d+:sportello-readiness$/) });
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!)).toMatchObject({
      level: 50,
      url: 'turn:turn.example:3478?transport=udp',
      status: 'refused',
      secretEnv: 'TEST_TURN_SECRET',
      msg: expect.stringContaining('credentials refused'),
    });
    await check.run();
    expect(check.last).toEqual([expect.objectContaining({ status: 'ok' })]);
    expect(lines).toHaveLength(2);
    expect(lines[1]).not.toContain('"x"');
  });
});

/** A copy of config/ whose video.json points TURN at `url`, its secret read from `secretEnv`. */
async function configWithTurn(url: string, secretEnv: string): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sportello-config-'));
  await cp(defaultConfigDir(), dir, { recursive: true });
  const file = path.join(dir, 'video.json');
  const video = JSON.parse(await readFile(file, 'utf8')) as { turn: object };
  video.turn = { ...video.turn, urls: [url], secretEnv };
  await writeFile(file, JSON.stringify(video));
  return dir;
}

/** /readyz once the start-up check has answered. */
async function readyAfterCheck(server: TestServer) {
  for (let tries = 0; ; tries++) {
    const ready = await server.call('GET', '/readyz');
    if (ready.body.turn || tries === 50) return ready;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const NOW = '2026-11-30T09:00:00+01:00';

if (!haveCoturn) console.warn(`/readyz with a real coturn: skipped, ${coturnMissing}`);

describe.skipIf(!haveCoturn)('/readyz with a real coturn (skipped without /usr/bin/turnserver)', () => {
  let coturn: Coturn;
  beforeAll(async () => {
    coturn = await startCoturn('coturn-and-sportello-agree');
    process.env.SPORTELLO_TEST_TURN_RIGHT = 'coturn-and-sportello-agree';
    process.env.SPORTELLO_TEST_TURN_WRONG = 'a-secret-coturn-never-heard-of';
  }, 30_000);
  afterAll(() => {
    coturn?.stop();
    delete process.env.SPORTELLO_TEST_TURN_RIGHT;
    delete process.env.SPORTELLO_TEST_TURN_WRONG;
  });

  it('is ready when coturn takes our credentials', async () => {
    const server = await startTestServer(NOW, {
      configDir: await configWithTurn(coturn.url, 'SPORTELLO_TEST_TURN_RIGHT'),
    });
    try {
      const ready = await readyAfterCheck(server);
      expect(ready.status).toBe(200);
      expect(ready.body).toEqual({
        status: 'ready',
        turn: [
          { url: coturn.url, status: 'ok', detail: 'credentials accepted', checkedAt: expect.any(String) },
        ],
      });
    } finally {
      await server.stop();
    }
  });

  it('is degraded, and the log says so once, when coturn refuses our credentials', async () => {
    const server = await startTestServer(NOW, {
      configDir: await configWithTurn(coturn.url, 'SPORTELLO_TEST_TURN_WRONG'),
    });
    try {
      const ready = await readyAfterCheck(server);
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({
        status: 'degraded',
        turn: [{ url: coturn.url, status: 'refused', detail: expect.stringMatching(/^credentials refused/) }],
      });
      const told = server
        .logs()
        .split('\n')
        .filter((line) => line.includes('credentials refused'));
      expect(told).toHaveLength(1);
      expect(told[0]).toContain(coturn.url);
      expect(server.logs()).not.toContain('a-secret-coturn-never-heard-of');
    } finally {
      await server.stop();
    }
  });
});

describe('/readyz with the demo TURN name, which does not resolve', () => {
  beforeAll(() => {
    process.env.SPORTELLO_TURN_SECRET = 'demo-secret';
  });
  afterAll(() => {
    delete process.env.SPORTELLO_TURN_SECRET;
  });

  it('starts, tells once that TURN is unreachable, and stays up as degraded', async () => {
    const server = await startTestServer(NOW);
    try {
      const ready = await readyAfterCheck(server);
      expect(ready.status).toBe(200);
      expect(ready.body).toMatchObject({
        status: 'degraded',
        turn: [{ url: 'turn:turn.sportello.example:3478?transport=udp', status: 'unreachable' }],
      });
      expect(
        server
          .logs()
          .split('\n')
          .filter((line) => line.includes('turn.sportello.example')),
      ).toHaveLength(1);
    } finally {
      await server.stop();
    }
  });
});
