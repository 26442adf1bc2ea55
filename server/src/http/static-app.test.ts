import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { consoleApp, IMMUTABLE, meetingApp, phoneApp, staticApp, type StaticApp } from './static-app.ts';

let close: (() => void) | undefined;
afterEach(() => close?.());

async function serve(app: StaticApp, dist: string): Promise<string> {
  const server = express()
    .use(app.path, staticApp({ ...app, dist }))
    .listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  close = () => server.close();
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function built(page: string): Promise<string> {
  const dist = await mkdtemp(path.join(tmpdir(), 'sportello-dist-'));
  await writeFile(path.join(dist, 'index.html'), page);
  await mkdir(path.join(dist, 'assets'));
  await writeFile(path.join(dist, 'assets', 'app.js'), 'console.log(1)');
  return dist;
}

/** As the build leaves them: each file beside its .br and .gz (web-common/src/vite/precompress.ts). */
async function precompressed(dist: string, files: string[]): Promise<void> {
  for (const file of files) {
    const text = await readFile(path.join(dist, file));
    await writeFile(path.join(dist, `${file}.br`), brotliCompressSync(text));
    await writeFile(path.join(dist, `${file}.gz`), gzipSync(text));
  }
}

function expectStrictHeaders(response: Response, base: string, cache = 'no-cache') {
  const host = new URL(base).host;
  const csp = response.headers.get('content-security-policy');
  expect(csp).toContain(`connect-src 'self' ws://${host} wss://${host}`);
  expect(csp).toContain("media-src 'self' blob: mediastream:");
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response.headers.get('cache-control')).toBe(cache);
  expect(response.headers.get('referrer-policy')).toBe('no-referrer');
}

describe('the console bundle at /console/', () => {
  it('says the console is not built when console/dist is missing', async () => {
    const base = await serve(consoleApp, path.join(tmpdir(), 'sportello-no-console-dist'));
    const response = await fetch(`${base}/console/`);
    expect(response.status).toBe(503);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const text = await response.text();
    expect(text).toContain('La console non è stata compilata');
    expect(text).toContain('npm run build -w console');
  });

  it('serves the built page with a CSP allowing only this server, /ws included', async () => {
    const base = await serve(consoleApp, await built('<console-app></console-app>'));
    const response = await fetch(`${base}/console/`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('<console-app>');
    expectStrictHeaders(response, base);
  });
});

describe('the web-meeting page at /meeting/', () => {
  it('answers the page for the SMS link /meeting/<booking code>, with the strict headers', async () => {
    const base = await serve(meetingApp, await built('<meeting-app></meeting-app>'));
    for (const url of [`${base}/meeting/K7M2QX9D`, `${base}/meeting/`, `${base}/meeting/K7M2QX9D/`]) {
      const response = await fetch(url);
      expect(response.status, url).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(await response.text()).toContain('<meeting-app>');
      expectStrictHeaders(response, base);
    }
  });

  it('serves its assets, and a missing asset is a 404, not the page', async () => {
    const base = await serve(meetingApp, await built('<meeting-app></meeting-app>'));
    const asset = await fetch(`${base}/meeting/assets/app.js`);
    expect(asset.status).toBe(200);
    expect(await asset.text()).toBe('console.log(1)');
    expectStrictHeaders(asset, base, IMMUTABLE);
    expect((await fetch(`${base}/meeting/assets/gone.js`)).status).toBe(404);
  });

  it('sends the built brotli or gzip file to a browser that takes it, hashed assets cached for good', async () => {
    const dist = await built('<meeting-app></meeting-app>');
    await precompressed(dist, ['index.html', 'assets/app.js']);
    const base = await serve(meetingApp, dist);
    const cases = [
      { accept: 'gzip, deflate, br', encoding: 'br' },
      { accept: 'gzip', encoding: 'gzip' },
      { accept: 'identity', encoding: null },
    ];
    for (const { accept, encoding } of cases) {
      const asset = await fetch(`${base}/meeting/assets/app.js`, { headers: { 'accept-encoding': accept } });
      expect(asset.headers.get('content-encoding'), accept).toBe(encoding);
      expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
      expect(asset.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(await asset.text()).toBe('console.log(1)');
      expectStrictHeaders(asset, base, IMMUTABLE);
      // The page, at the SMS link's path and at the folder's: compressed too, and checked again on each load.
      for (const url of [`${base}/meeting/K7M2QX9D`, `${base}/meeting/`]) {
        const page = await fetch(url, { headers: { 'accept-encoding': accept } });
        expect(page.headers.get('content-encoding'), `${url} ${accept}`).toBe(encoding);
        expect(page.headers.get('content-type')).toMatch(/^text\/html/);
        expect(await page.text()).toContain('<meeting-app>');
        expectStrictHeaders(page, base, 'no-cache');
      }
    }
  });

  it('names the meeting workspace when meeting/dist is missing', async () => {
    const base = await serve(meetingApp, path.join(tmpdir(), 'sportello-no-meeting-dist'));
    const response = await fetch(`${base}/meeting/K7M2QX9D`);
    expect(response.status).toBe(503);
    const text = await response.text();
    expect(text).toContain('La pagina della videochiamata non è stata compilata');
    expect(text).toContain('npm run build -w meeting');
  });
});

describe('the phone pages at /t/', () => {
  it("answers the ticket page for a ticket's key (dots and all) and for a sede's queue, with the strict headers", async () => {
    const dist = await built('<meeting-app></meeting-app>');
    await writeFile(path.join(dist, 'ticket.html'), '<phone-app></phone-app>');
    const base = await serve(phoneApp, dist);
    for (const url of [
      `${base}/t/rovigo.2026-11-30.AbCdEfGhIjKlMnOpQrStUv`,
      `${base}/t/rovigo.2026-11-30.AbCd-_Ef/`,
      `${base}/t/sede/rovigo`,
      `${base}/t/`,
    ]) {
      const response = await fetch(url);
      expect(response.status, url).toBe(200);
      expect(await response.text(), url).toContain('<phone-app>');
      expectStrictHeaders(response, base);
    }
    expect((await fetch(`${base}/t/a/b/c`)).status).toBe(404);
  });
});
