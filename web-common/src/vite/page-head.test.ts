// Every page of every front end, as its own Vite configuration serves it, gets the shared head exactly once:
// a page that copies a tag of it again, or an app whose configuration leaves the plugin out, fails here.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../../../', import.meta.url));
const apps = ['kiosk', 'console', 'meeting', 'board'];
const servers: ViteDevServer[] = [];

afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
});

const count = (html: string, pattern: RegExp) => html.match(new RegExp(pattern, 'g'))?.length ?? 0;

describe.each(apps)('%s', (app) => {
  const pages = readdirSync(path.join(repo, app)).filter((file) => file.endsWith('.html'));

  it.each(pages)('%s has the shared head once, before its own', async (page) => {
    const server = await createServer({
      configFile: path.join(repo, app, 'vite.config.ts'),
      logLevel: 'silent',
      server: { middlewareMode: true, hmr: false, ws: false },
    });
    servers.push(server);
    const html = await server.transformIndexHtml(
      `/${page}`,
      readFileSync(path.join(repo, app, page), 'utf8'),
    );

    // Once each, whatever the values: a page that declares one of them again fails.
    expect(count(html, /<meta charset=/i)).toBe(1);
    expect(count(html, /<meta name="viewport"/)).toBe(1);
    expect(count(html, /<meta name="referrer"/)).toBe(1);
    expect(count(html, /<meta name="robots"/)).toBe(1);
    expect(count(html, /<link rel="icon"/)).toBe(1);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('<meta name="viewport" content="width=device-width, initial-scale=1">');
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
    expect(html).toContain('<meta name="robots" content="noindex">');
    expect(html).toContain('<style>html,body{margin:0;background:#ffffff}</style>');
    // The charset within the first bytes, and the page's own head (title, scripts) after the shared one.
    expect(html.indexOf('<meta charset')).toBeLessThan(html.indexOf('<title>'));
    expect(html.indexOf('<meta charset')).toBeLessThan(200);
  });
});
