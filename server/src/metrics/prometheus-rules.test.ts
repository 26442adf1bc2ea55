// The alerting rules shipped in config/prometheus/: Prometheus' promtool checks them and runs their tests,
// and every metric they name is one this server exports (a renamed metric would silence an alert).
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultConfigDir, loadConfig } from '../config/load-config.ts';
import type { AppContext } from '../context.ts';
import { createLogger } from '../log/logger.ts';
import { createMetrics } from './metrics.ts';
import { registerStateGauges } from './state-gauges.ts';

const dir = path.join(defaultConfigDir(), 'prometheus');

function promtool(...args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) =>
    execFile('promtool', args, { cwd: dir }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, output: stdout + stderr }),
    ),
  );
}

describe('the Prometheus alerting rules', () => {
  it('are valid and pass their own tests', async () => {
    const checked = await promtool('check', 'rules', 'sportello.rules.yml');
    expect(checked.output).toContain('SUCCESS');
    expect(checked.code).toBe(0);
    const tested = await promtool('test', 'rules', 'sportello.rules.test.yml');
    expect(tested.output).toContain('SUCCESS');
    expect(tested.code).toBe(0);
  });

  it('name only metrics the server exports', async () => {
    const metrics = createMetrics();
    const ctx = {
      config: await loadConfig(),
      log: createLogger({ level: 'silent' }),
    } as unknown as AppContext;
    registerStateGauges(ctx, metrics);
    const exported = new Set(metrics.registry.getMetricsAsArray().map((m) => m.name));
    const rules = await readFile(path.join(dir, 'sportello.rules.yml'), 'utf8');
    const named = new Set(
      [...rules.matchAll(/\bsportello_\w+/g)].map((m) => m[0].replace(/_(bucket|count|sum)$/, '')),
    );
    expect(named.size).toBeGreaterThan(5);
    expect([...named].filter((name) => !exported.has(name))).toEqual([]);
  });
});
