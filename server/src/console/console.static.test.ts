import { mkdtemp, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleStatic } from './console.static.ts';

let close: (() => void) | undefined;
afterEach(() => close?.());

async function serve(dist: string): Promise<string> {
  const app = express().use('/console', consoleStatic(dist));
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  close = () => server.close();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the console bundle at /console/', () => {
  it('says the console is not built when console/dist is missing', async () => {
    const base = await serve(path.join(tmpdir(), 'sportello-no-console-dist'));
    const response = await fetch(`${base}/console/`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('La console non è stata compilata');
  });

  it('serves the built page with a CSP allowing only this server, /ws included', async () => {
    const dist = await mkdtemp(path.join(tmpdir(), 'sportello-console-'));
    await writeFile(path.join(dist, 'index.html'), '<console-app></console-app>');
    const base = await serve(dist);
    const response = await fetch(`${base}/console/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<console-app>');
    const csp = response.headers.get('content-security-policy');
    expect(csp).toContain(`connect-src 'self' ws://${new URL(base).host} wss://${new URL(base).host}`);
    expect(csp).toContain("frame-ancestors 'none'");
  });
});
