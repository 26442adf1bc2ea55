// The official's console on real Chromium against a real server: sign in, become available, see a citizen
// wait in the live queue, accept, and hold a real WebRTC call with a second Chromium page playing the
// kiosk's peer (Chromium's fake camera), its signaling bridged to a station WebSocket opened from Node.
import { expect, test, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';
import { WsPeer } from '../../server/src/video/ws-test-client.ts';
import { expectAccessible, LANDSCAPE, screenSeries } from './support/screens.ts';

const MONDAY_MORNING = '2026-11-30T09:00:00+01:00';
const FOUR_MINUTES_LATER = '2026-11-30T09:04:10+01:00';
let server: TestServer;

test.beforeAll(async () => {
  server = await startTestServer(MONDAY_MORNING);
});
test.afterAll(async () => {
  await server.stop();
});

/** The kiosk's side of a call, as small as it can be: answers the official's offer, trickles candidates. */
function citizenPeer() {
  type Message = { type: string; callId: string; sdp?: string; candidate?: RTCIceCandidateInit | null };
  const w = window as unknown as {
    toServer(message: unknown): Promise<void>;
    fromServer(message: Message): void;
    peer?: RTCPeerConnection;
    peerError?: string;
  };
  let chain = Promise.resolve();
  const handle = async (m: Message) => {
    if (m.type === 'call.started') {
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
    }
  };
  w.fromServer = (m) => {
    chain = chain.then(() => handle(m)).catch((error: unknown) => void (w.peerError = String(error)));
  };
}

const inboundVideoBytes = (page: Page) =>
  page.evaluate(async () => {
    const peer = (window as unknown as { peer: RTCPeerConnection }).peer;
    let bytes = 0;
    (await peer.getStats()).forEach((report: { type: string; kind?: string; bytesReceived?: number }) => {
      if (report.type === 'inbound-rtp' && report.kind === 'video') bytes += report.bytesReceived ?? 0;
    });
    return bytes;
  });

test('an official signs in, becomes available, sees a citizen waiting, accepts and talks by video', async ({
  page,
  browser,
}) => {
  const shot = screenSeries(page, 'console', 'landscape');
  await page.setViewportSize(LANDSCAPE);

  // Sign in: a wrong password is told plainly, then the right one opens the queue.
  await page.goto(`${server.url}/console/`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Console del funzionario');
  await expectAccessible(page, 'sign-in');
  await shot('sign-in');
  await page.getByLabel('Nome utente').fill('funzionario.rovigo');
  await page.getByLabel('Password').fill('sbagliata');
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('alert')).toHaveText('Nome utente o password non corretti.');
  await page.getByLabel('Password').fill('demo-funzionario.rovigo');
  await page.getByRole('button', { name: 'Accedi' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Coda delle videochiamate');
  await expect(page.getByText('Laura Bianchi')).toBeVisible();
  await expect(page.getByText('Sei in pausa: nessun cittadino ti viene assegnato.')).toBeVisible();

  await page.getByRole('button', { name: 'Disponibile', exact: true }).click();
  await expect(page.getByText('Sei disponibile: puoi accettare i cittadini in attesa.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Disponibile', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  // A citizen at the Adria town hall asks for pension information (the official's sector), with help.
  const station = await WsPeer.open(server.url, await server.stationToken('adria-municipio'));
  const citizen = await (await browser.newContext()).newPage();
  try {
    await citizen.goto(`${server.url}/healthz`);
    await citizen.exposeFunction('toServer', (message: unknown) => station.send(message));
    await citizen.evaluate(citizenPeer);
    station.ws.on('message', (data) => {
      const message: unknown = JSON.parse(String(data));
      void citizen.evaluate(
        (m) => (window as unknown as { fromServer(m: unknown): void }).fromServer(m),
        message,
      );
    });
    station.send({
      type: 'queue.join',
      service: 'pensione-informazioni',
      assistedBy: 'Giulia Neri',
      authMethod: 'cie-pin',
    });
    await station.next('queue.joined');

    const sector = page.getByRole('region', { name: 'Assicurato-pensionato / conto' });
    const row = sector.getByRole('row', { name: /Pensione/ });
    await expect(row).toContainText('adria-municipio', { timeout: 5000 });
    await expect(row).toContainText('meno di un minuto');
    await expect(row).toContainText('Giulia Neri');
    await expect(row).toContainText('forte (carta e PIN)');

    // Waits grow: the server's periodic refresh sends a new snapshot.
    server.setNow(FOUR_MINUTES_LATER);
    await server.ctx.video!.tick();
    await expect(row).toContainText('4 minuti');
    await expectAccessible(page, 'queue');
    await shot('queue');

    // Accept: both sides are told, the official offers, the citizen's peer answers through its station.
    await page.getByRole('button', { name: 'Accetta il prossimo' }).click();
    const started = await station.next('call.started', () => true, 5000);
    expect(started).toMatchObject({ role: 'citizen', official: { id: 'ro-laura-bianchi' } });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Videochiamata');
    // The bridge forwards every message to the page; the WsPeer keeps its own copy to assert on.
    expect((await station.next('call.offer', () => true, 5000)).sdp).toMatch(/^v=0/);

    await expect
      .poll(
        () =>
          citizen.evaluate(() => (window as unknown as { peer?: RTCPeerConnection }).peer?.connectionState),
        {
          timeout: 15_000,
        },
      )
      .toBe('connected');
    await expect(page.getByRole('status').filter({ hasText: 'Collegato' })).toBeVisible({ timeout: 10_000 });
    // Media flows both ways: the official sees the fake camera, the citizen's inbound bytes grow.
    await expect
      .poll(() => page.locator('video.remote').evaluate((v: HTMLVideoElement) => v.videoWidth), {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    const before = await inboundVideoBytes(citizen);
    await expect.poll(() => inboundVideoBytes(citizen), { timeout: 10_000 }).toBeGreaterThan(before);
    expect(
      await citizen.evaluate(() => (window as unknown as { peerError?: string }).peerError),
    ).toBeUndefined();

    const mute = page.getByRole('button', { name: 'Microfono disattivato' });
    await mute.click();
    await expect(mute).toHaveAttribute('aria-pressed', 'true');
    await page.waitForTimeout(500);
    await shot('call');

    // The official ends the call: the station is told, the console is back on the queue.
    await page.getByRole('button', { name: 'Termina la chiamata' }).click();
    expect(await station.next('call.ended', () => true, 5000)).toMatchObject({
      callId: started.callId,
      reason: 'hangup',
    });
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Coda delle videochiamate');
    await expect(page.getByText('La chiamata è terminata.')).toBeVisible();
    await expect(page.getByText('Sei disponibile: puoi accettare i cittadini in attesa.')).toBeVisible();
  } finally {
    await citizen.context().close();
    await station.close();
  }
});

test('the console is served with a Content-Security-Policy that allows only its own server', async () => {
  const response = await fetch(`${server.url}/console/`);
  expect(response.status).toBe(200);
  const csp = response.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toMatch(/connect-src 'self' ws:\/\/127\.0\.0\.1:\d+ /);
  expect(csp).toContain("frame-ancestors 'none'");
});
