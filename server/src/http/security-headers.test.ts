import type { AddressInfo } from 'node:net';
import express, { type RequestHandler } from 'express';
import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { securityHeaders } from './security-headers.ts';

async function headersOf(middleware: RequestHandler): Promise<[string, string][]> {
  const app = express();
  app.disable('x-powered-by');
  app.use((_req, res, next) => {
    // Set before, as Express would: helmet removes it.
    res.setHeader('X-Powered-By', 'Express');
    next();
  });
  app.use(middleware);
  app.get('/', (_req, res) => void res.json({ ok: true }));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  try {
    const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    return [...response.headers].filter(([name]) => name !== 'date');
  } finally {
    server.close();
  }
}

describe('securityHeaders', () => {
  it('answers with exactly the headers helmet sets, and removes what it removes', async () => {
    const options = { contentSecurityPolicy: false } as const;
    const ours = await headersOf(securityHeaders(options));
    expect(ours).toEqual(await headersOf(helmet(options)));
    expect(Object.fromEntries(ours)).toMatchObject({
      'strict-transport-security': expect.stringContaining('max-age='),
      'x-frame-options': 'SAMEORIGIN',
    });
    expect(Object.fromEntries(ours)['x-powered-by']).toBeUndefined();
  });
});
