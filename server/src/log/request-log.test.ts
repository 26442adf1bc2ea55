import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import express from 'express';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { requestLog } from './request-log.ts';

async function logLines(level: string, paths: string[]): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const sink = new Writable({ write: (chunk, _enc, done) => void (lines.push(String(chunk)), done()) });
  const app = express();
  app.use(requestLog(pino({ level }, sink), (url) => url === '/healthz'));
  app.get('/healthz', (_req, res) => void res.json({ status: 'ok' }));
  app.get('/fails', (_req, res) => void res.status(503).end());
  app.get('/bookings/:code', (_req, res) => void res.json({}));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    for (const path of paths) await (await fetch(base + path)).text();
    // Logged once the response ends, which the client may see first.
    await new Promise((resolve) => setTimeout(resolve, 20));
    return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  } finally {
    server.close();
  }
}

describe('requestLog', () => {
  it('writes one line per request: method, path without query or codice fiscale, status, time', async () => {
    const [line] = await logLines('info', ['/bookings/RSSMRA80A01H501U?token=secret']);
    expect(line).toMatchObject({
      level: 30,
      msg: 'request completed',
      req: { method: 'GET', path: '/bookings/[redacted]' },
      res: { status: 200 },
    });
    expect(line!.responseTime).toEqual(expect.any(Number));
    expect(JSON.stringify(line)).not.toContain('secret');
  });

  it('says a server error failed, leaves out the ignored paths, and writes nothing when info is off', async () => {
    const lines = await logLines('info', ['/healthz', '/fails']);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: 'request errored', res: { status: 503 } });
    expect(await logLines('warn', ['/fails', '/bookings/X'])).toEqual([]);
  });
});
