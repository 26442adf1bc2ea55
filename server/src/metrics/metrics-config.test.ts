// server.metrics.token: checked when the configuration loads, read from the environment when asked to.
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, defaultConfigDir, loadConfig } from '../config/load-config.ts';
import { metricsToken } from './metrics-endpoint.ts';

const LONG = 'k'.repeat(32);

async function configWith(metrics: unknown): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sportello-metrics-config-'));
  await cp(defaultConfigDir(), dir, { recursive: true });
  const file = path.join(dir, 'server.json');
  await writeFile(file, JSON.stringify({ ...JSON.parse(await readFile(file, 'utf8')), metrics }));
  return dir;
}

async function problemsOf(dir: string): Promise<string[]> {
  const error = await loadConfig(dir).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return (error as ConfigError).problems;
}

describe('server.metrics.token', () => {
  afterEach(() => {
    delete process.env.SPORTELLO_TEST_METRICS_TOKEN;
  });

  it('is at least 32 characters, whether written in the file or read from the environment', async () => {
    expect(await problemsOf(await configWith({ token: 'short' }))).toEqual([
      expect.stringMatching(
        /server\.json: metrics\.token: expected at least 32 characters, or \$\{env:NAME\}$/,
      ),
    ]);
    expect((await loadConfig(await configWith({ token: LONG }))).server.metrics.token).toBe(LONG);

    const fromEnv = await configWith({ token: '${env:SPORTELLO_TEST_METRICS_TOKEN}' });
    process.env.SPORTELLO_TEST_METRICS_TOKEN = 'short';
    expect(await problemsOf(fromEnv)).toEqual([
      expect.stringMatching(
        /server\.json: metrics\.token: environment variable SPORTELLO_TEST_METRICS_TOKEN holds fewer than 32 characters$/,
      ),
    ]);
    // Unset, the configuration loads and metrics are off.
    delete process.env.SPORTELLO_TEST_METRICS_TOKEN;
    expect((await loadConfig(fromEnv)).server.metrics.token).toBe('${env:SPORTELLO_TEST_METRICS_TOKEN}');
    expect(await problemsOf(await configWith({ token: LONG, listen: 9464 }))).toEqual([
      expect.stringMatching(/server\.json: metrics: unknown key "listen"$/),
    ]);
  });

  it('is the literal, or the variable named, or nothing', () => {
    expect(metricsToken({ token: LONG }, {})).toBe(LONG);
    expect(metricsToken({ token: '${env:T}' }, { T: LONG })).toBe(LONG);
    expect(metricsToken({ token: '${env:T}' }, {})).toBeUndefined();
    expect(metricsToken({ token: '${env:T}' }, { T: '' })).toBeUndefined();
    expect(metricsToken({}, { SPORTELLO_METRICS_TOKEN: LONG })).toBeUndefined();
  });
});
