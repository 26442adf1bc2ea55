// The request-timing middleware on a small Express app: which label each request gets, event streams left
// out, a client that goes away before the answer filed as aborted.
import type { AddressInfo } from 'node:net';
import { request } from 'node:http';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fileUnder, httpMetrics, UNMATCHED } from './http-metrics.ts';
import { createMetrics, type Metrics } from './metrics.ts';

let metrics: Metrics;
let base: string;
let close: () => void;
let slowStarted: () => void;
const slowStart = new Promise<void>((resolve) => (slowStarted = resolve));

beforeAll(async () => {
  metrics = createMetrics();
  const app = express();
  app.use(httpMetrics(metrics, ['/api/v1', '/api/v1/docs', '/console', '/privacy']));
  app.get('/healthz', (_req, res) => void res.json({ ok: true }));
  const api = express.Router();
  api.get('/bookings/:code', (req, res) => {
    fileUnder(res, `${req.baseUrl}/bookings/:code`);
    res.json({ code: req.params.code });
  });
  api.get('/slow', (_req, res) => {
    fileUnder(res, '/api/v1/slow');
    slowStarted();
    setTimeout(() => res.json({}), 500);
  });
  api.get('/events', (_req, res) => {
    fileUnder(res, '/api/v1/events');
    res.setHeader('Content-Type', 'text/event-stream');
    res.flushHeaders();
    res.end('data: 1\n\n');
  });
  app.use('/api/v1/docs', (_req, res) => void res.send('docs'));
  app.use('/api/v1', api);
  app.use('/console', (_req, res) => void res.send('<!doctype html>'));
  const privacy = express.Router();
  privacy.get('/:version', (req, res) => void res.send(`notice ${req.params.version}`));
  app.use('/privacy', privacy);
  app.use((_req, res) => void res.status(404).json({ error: { code: 'not_found' } }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

async function counts(): Promise<Map<string, number>> {
  const metric = (await metrics.registry.getMetricsAsJSON()).find(
    (m) => m.name === 'sportello_http_request_duration_seconds',
  );
  const found = new Map<string, number>();
  for (const v of metric?.values ?? [])
    if ((v as { metricName?: string }).metricName?.endsWith('_count'))
      found.set(`${v.labels.method} ${v.labels.route} ${v.labels.status_class}`, v.value);
  return found;
}

describe('request timing', () => {
  it('files each request under its pattern, its mount or "unmatched", and leaves event streams out', async () => {
    for (const path of [
      '/healthz',
      '/api/v1/bookings/AB12CD34',
      '/api/v1/bookings/ZZ99ZZ99?x=1',
      '/api/v1/docs/swagger-ui.css',
      '/api/v1/nothing-here',
      '/console/assets/index-3f2a.js',
      '/wp-login.php',
      '/privacy/2026-01',
      '/privacy/2025-06',
      '/api/v1/events',
    ])
      await (await fetch(base + path)).text();
    await fetch(`${base}/healthz`, { method: 'POST' });
    // Give the last responses' close events their turn.
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(Object.fromEntries(await counts())).toEqual({
      'GET /healthz 2xx': 1,
      'GET /api/v1/bookings/:code 2xx': 2,
      'GET /api/v1/docs/* 2xx': 1,
      'GET /api/v1/* 4xx': 1,
      'GET /console/* 2xx': 1,
      'GET /privacy/:version 2xx': 2,
      [`GET ${UNMATCHED} 4xx`]: 1,
      [`POST ${UNMATCHED} 4xx`]: 1,
    });
  });

  it('files a request whose client left before the answer as aborted', async () => {
    const req = request(`${base}/api/v1/slow`);
    req.on('error', () => undefined);
    req.end();
    await slowStart;
    req.destroy();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await counts()).get('GET /api/v1/slow aborted')).toBe(1);
  });
});
