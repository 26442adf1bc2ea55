// The citizen's side of a console call for browser tests: a second Chromium page (fake camera) that
// answers the official's offer. Either a kiosk — its signaling bridged to a station WebSocket opened from
// Node (WsPeer keeps its own copy of every message to assert on) — or a web meeting from home, whose page
// holds the meeting cookie and its own /ws.
import { expect, type Browser, type Page } from '@playwright/test';
import type { TestServer } from '../../../server/src/testing/test-server.ts';
import { WsPeer } from '../../../server/src/video/ws-test-client.ts';

/** Runs in the citizen's page: answers offers (ICE restarts too), trickles candidates through toServer. */
function citizenPeer() {
  type Message = { type: string; callId: string; sdp?: string; candidate?: RTCIceCandidateInit | null };
  const w = window as unknown as {
    toServer(message: unknown): Promise<void> | void;
    fromServer(message: Message): void;
    peer?: RTCPeerConnection;
    peerError?: string;
    received: string[];
    callId?: string;
  };
  w.received = [];
  let chain = Promise.resolve();
  const handle = async (m: Message) => {
    if (m.type === 'call.started') {
      w.callId = m.callId;
      const pc = (w.peer = new RTCPeerConnection());
      pc.onicecandidate = (e) =>
        void w.toServer({ type: 'call.ice', callId: m.callId, candidate: e.candidate?.toJSON() ?? null });
      const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
      for (const track of stream.getTracks()) pc.addTrack(track, stream);
    } else if (m.type === 'call.offer') {
      await w.peer!.setRemoteDescription({ type: 'offer', sdp: m.sdp! });
      const answer = await w.peer!.createAnswer();
      await w.peer!.setLocalDescription(answer);
      await w.toServer({ type: 'call.answer', callId: m.callId, sdp: answer.sdp });
    } else if (m.type === 'call.ice' && m.candidate) {
      await w.peer!.addIceCandidate(m.candidate);
    } else if (m.type === 'call.ended') {
      w.peer?.close();
    }
  };
  w.fromServer = (m) => {
    w.received.push(m.type);
    chain = chain.then(() => handle(m)).catch((error: unknown) => void (w.peerError = String(error)));
  };
}

export interface KioskCitizen {
  station: WsPeer;
  page: Page;
  close(): Promise<void>;
}

/** A kiosk at `stationId` whose call media runs in a real Chromium page. */
export async function kioskCitizen(
  server: TestServer,
  browser: Browser,
  stationId: string,
): Promise<KioskCitizen> {
  const station = await WsPeer.open(server.url, await server.stationToken(stationId));
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/healthz`);
  await page.exposeFunction('toServer', (message: unknown) => station.send(message));
  await page.evaluate(citizenPeer);
  station.ws.on('message', (data) => {
    const message: unknown = JSON.parse(String(data));
    void page
      .evaluate((m) => (window as unknown as { fromServer(m: unknown): void }).fromServer(m), message)
      .catch(() => undefined); // The page may be closing at the end of a test.
  });
  return {
    station,
    page,
    async close() {
      await context.close();
      await station.close();
    },
  };
}

/**
 * A web meeting's citizen at home: admitted with the booking and SMS codes (the server sets the meeting
 * cookie on this page), then its own /ws sends meeting.join and answers the official like a kiosk.
 */
export async function homeCitizen(
  server: TestServer,
  browser: Browser,
  code: string,
  admissionCode: string,
): Promise<{ page: Page; close(): Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/healthz`);
  await page.evaluate(citizenPeer);
  const admitted = await page.evaluate(
    async (body) => {
      const response = await fetch('/api/v1/meetings/admit', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      return { status: response.status, text: await response.text() };
    },
    { code, admissionCode },
  );
  expect(admitted.status, admitted.text).toBe(200);
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const w = window as unknown as { toServer(m: unknown): void; fromServer(m: unknown): void };
        const ws = new WebSocket(`ws://${location.host}/ws?client=meeting`);
        w.toServer = (m) => ws.send(JSON.stringify(m));
        ws.onmessage = (e) => w.fromServer(JSON.parse(String(e.data)));
        ws.onopen = () => {
          ws.send(JSON.stringify({ type: 'meeting.join' }));
          resolve();
        };
        ws.onerror = () => reject(new Error('the meeting /ws did not open'));
      }),
  );
  return { page, close: () => context.close() };
}

/** What the citizen's page has been told, by message type, in order. */
export const receivedTypes = (page: Page) =>
  page.evaluate(() => (window as unknown as { received: string[] }).received);

/** The id of the call the citizen's page was told about. */
export const callIdOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { callId?: string }).callId);

export const peerState = (page: Page) =>
  page.evaluate(() => (window as unknown as { peer?: RTCPeerConnection }).peer?.connectionState);

export const peerError = (page: Page) =>
  page.evaluate(() => (window as unknown as { peerError?: string }).peerError);

export const inboundVideoBytes = (page: Page) =>
  page.evaluate(async () => {
    const peer = (window as unknown as { peer: RTCPeerConnection }).peer;
    let bytes = 0;
    (await peer.getStats()).forEach((report: { type: string; kind?: string; bytesReceived?: number }) => {
      if (report.type === 'inbound-rtp' && report.kind === 'video') bytes += report.bytesReceived ?? 0;
    });
    return bytes;
  });

/** Signs an official in to the console on `page` and waits for the queue. */
export async function signInOfficial(page: Page, server: TestServer, username: string): Promise<void> {
  await page.goto(`${server.url}/console/`);
  await page.getByLabel('Nome utente').fill(username);
  await page.getByLabel('Password').fill(`demo-${username}`);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Coda delle videochiamate');
}
