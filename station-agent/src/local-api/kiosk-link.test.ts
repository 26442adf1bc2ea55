// The kiosk page's side talk with its agent over a real loopback WebSocket: session state (a page that
// closes takes its session with it), pushed settings to pages open now and later, the camera check.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { AgentToKiosk } from '@sportello/protocol';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import WebSocket, { WebSocketServer } from 'ws';
import { KioskLink } from './kiosk-link.ts';

const cleanup: (() => void)[] = [];
afterEach(() => cleanup.splice(0).forEach((step) => step()));

async function setUp() {
  const wss = new WebSocketServer({ noServer: true });
  const link = new KioskLink(wss, pino({ level: 'silent' }));
  const server = http.createServer();
  server.on('upgrade', (req, socket, head) =>
    wss.handleUpgrade(req, socket, head, (ws) => wss.emit('connection', ws, req)),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanup.push(() => server.close());
  const page = async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${(server.address() as AddressInfo).port}/agent/ws`);
    const got: AgentToKiosk[] = [];
    ws.on('message', (data) => got.push(JSON.parse(String(data)) as AgentToKiosk));
    await new Promise((resolve) => ws.once('open', resolve));
    cleanup.push(() => ws.terminate());
    return { ws, got, say: (m: unknown) => ws.send(JSON.stringify(m)) };
  };
  return { link, page };
}

describe('the kiosk link', () => {
  it('is busy while a page has a citizen, and idle when it says so or closes', async () => {
    const { link, page } = await setUp();
    expect(link.idle).toBe(true);
    const kiosk = await page();
    kiosk.say({ type: 'session', active: true });
    await expect.poll(() => link.idle).toBe(false);
    let woke = false;
    void link.whenIdle().then(() => (woke = true));
    kiosk.say({ type: 'session', active: false });
    await expect.poll(() => woke).toBe(true);

    kiosk.say({ type: 'session', active: true });
    await expect.poll(() => link.idle).toBe(false);
    kiosk.ws.close();
    await expect.poll(() => link.idle).toBe(true);
  });

  it('hands settings to the pages open now and to a page that opens later', async () => {
    const { link, page } = await setUp();
    const first = await page();
    link.applySettings({ idleSeconds: 30 });
    await expect.poll(() => first.got).toEqual([{ type: 'settings', settings: { idleSeconds: 30 } }]);
    const later = await page();
    await expect.poll(() => later.got).toEqual([{ type: 'settings', settings: { idleSeconds: 30 } }]);
  });

  it('asks a page to check the camera and takes its answer; says when there is no page', async () => {
    const { link, page } = await setUp();
    expect(await link.checkCamera()).toBe('no-kiosk-page');
    const kiosk = await page();
    kiosk.ws.on('message', (data) => {
      const message = JSON.parse(String(data)) as AgentToKiosk;
      if (message.type === 'camera-check')
        kiosk.say({ type: 'camera-result', id: message.id, state: 'denied' });
    });
    expect(await link.checkCamera()).toBe('denied');
    kiosk.ws.removeAllListeners('message');
    expect(await link.checkCamera(100)).toBe('no-answer');
  });
});
