// The kiosk's files through the agent's loopback API: the brotli or gzip file built beside each one, hashed
// assets cached for good, the page checked again on every load.
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StationDevices } from '../devices/station-devices.ts';
import { startLocalApi, type LocalApi } from './local-api.ts';

let api: LocalApi;

beforeAll(async () => {
  const kioskDir = await mkdtemp(path.join(tmpdir(), 'sportello-kiosk-dist-'));
  await mkdir(path.join(kioskDir, 'assets'));
  const files = { 'index.html': '<kiosk-app></kiosk-app>', 'assets/index-AbC123.js': 'console.log("kiosk")' };
  for (const [name, text] of Object.entries(files)) {
    await writeFile(path.join(kioskDir, name), text);
    await writeFile(path.join(kioskDir, `${name}.br`), brotliCompressSync(text));
    await writeFile(path.join(kioskDir, `${name}.gz`), gzipSync(text));
  }
  api = await startLocalApi({
    port: 0,
    kioskDir,
    credential: null,
    devices: {} as StationDevices,
    log: pino({ level: 'silent' }),
    agentVersion: 'test',
    kiosk: { idleWarnSeconds: 60, idleEndSeconds: 90 },
  });
});
afterAll(() => api?.close());

describe('the kiosk page from the agent', () => {
  for (const { accept, encoding } of [
    { accept: 'gzip, deflate, br', encoding: 'br' },
    { accept: 'gzip', encoding: 'gzip' },
    { accept: 'identity', encoding: null },
  ]) {
    it(`sends ${encoding ?? 'plain'} files to a browser that accepts ${accept}`, async () => {
      const script = await fetch(`${api.url}/assets/index-AbC123.js`, {
        headers: { 'accept-encoding': accept },
      });
      expect(script.status).toBe(200);
      expect(script.headers.get('content-encoding')).toBe(encoding);
      expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(await script.text()).toBe('console.log("kiosk")');

      const page = await fetch(`${api.url}/`, { headers: { 'accept-encoding': accept } });
      expect(page.headers.get('content-encoding')).toBe(encoding);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.headers.get('cache-control')).toBe('no-cache');
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await page.text()).toBe('<kiosk-app></kiosk-app>');
    });
  }
});
