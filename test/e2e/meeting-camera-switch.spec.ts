// The web meeting's camera switch, issue 15: on a phone with a front and a back camera (Chromium's fake
// devices 0 and 2, told which way they face as a phone's are; fake device 1 is a depth camera, Y16, that
// WebRTC cannot encode, so it faces nowhere here), "Mostra un documento" sends the back camera on the same call
// with replaceTrack (no new offer), the self-view follows unmirrored, the official keeps receiving video.
import { expect, test, type Page } from '@playwright/test';
import { startTestServer, type TestServer } from '../../server/src/testing/test-server.ts';
import { openOfficialConsole } from './support/official-console.ts';
import { expectAccessible, keepScreen } from './support/screens.ts';
import { recordPeerConnections } from './support/webrtc-probe.ts';
import { bookWebMeeting, type BookedMeeting } from './support/web-meeting.ts';

const SMALL_PHONE = { width: 360, height: 740 };
const STATION = 'adria-municipio';

let server: TestServer;
let booked: BookedMeeting;

// Three cameras: a browser of its own for this file (launch options cannot change within a file's worker).
test.use({
  locale: 'it-IT',
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--use-fake-device-for-media-stream=device-count=3',
      '--use-fake-ui-for-media-stream',
    ],
  },
});

test.beforeAll(async () => {
  server = await startTestServer('2026-11-30T07:00:00+01:00');
  const station = await server.stationToken(STATION);
  booked = await bookWebMeeting(server, {
    station: STATION,
    token: station,
    start: '2026-11-30T11:00:00+01:00',
    citizenIndex: 30,
  });
});
test.afterAll(async () => {
  await server.stop();
});

/** The citizen's video sender: its track, and the official's offer the call runs on. */
const sent = (page: Page) =>
  page.evaluate(() => {
    const pc = (window as unknown as { __peers: RTCPeerConnection[] }).__peers.at(-1)!;
    const track = pc.getSenders().find((s) => s.track?.kind === 'video')!.track!;
    return {
      id: track.id,
      label: track.label,
      live: track.readyState === 'live',
      // Candidates trickled in later join the description (the CI once saw one arrive mid-test): the offer is
      // the rest, whose session version a renegotiation would raise.
      offer: pc.remoteDescription?.sdp.replace(/^a=(candidate|end-of-candidates).*\r?\n/gm, ''),
    };
  });

test('the camera switch sends the back camera on the same call (replaceTrack, no new offer); the self-view follows', async ({
  page,
  browser,
}) => {
  test.setTimeout(120_000);
  server.setNow('2026-11-30T10:50:00+01:00');
  await page.setViewportSize(SMALL_PHONE);
  await recordPeerConnections(page);
  // A phone's two cameras: the fake devices say which way they face, as a phone's do.
  await page.addInitScript(() => {
    const facing = (label: string) =>
      label.endsWith('0') ? 'user' : label.endsWith('2') ? 'environment' : undefined;
    const settings = MediaStreamTrack.prototype.getSettings;
    MediaStreamTrack.prototype.getSettings = function () {
      const s = settings.call(this);
      const facingMode = facing(this.label);
      return this.kind === 'video' && facingMode ? { ...s, facingMode } : s;
    };
    const capabilities = InputDeviceInfo.prototype.getCapabilities;
    InputDeviceInfo.prototype.getCapabilities = function () {
      const c = capabilities.call(this);
      const facingMode = facing(this.label);
      return this.kind === 'videoinput' && facingMode ? { ...c, facingMode: [facingMode] } : c;
    };
  });
  await page.goto(`${server.url}/meeting/${booked.code}`);
  await page.getByLabel('Codice di ammissione').fill(booked.admissionCode);
  await page.getByRole('button', { name: 'Entra', exact: true }).click();
  await page.getByRole('button', { name: 'Tutto funziona, continua' }).click();
  await expect(page.getByText('Il prossimo turno è il tuo.')).toBeVisible({ timeout: 10_000 });

  const official = await openOfficialConsole(browser, server.url);
  try {
    await official.getByRole('button', { name: 'Accetta il prossimo' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Collegato' })).toBeVisible({ timeout: 20_000 });
    const before = await sent(page);
    expect(before.label).toBe('fake_device_0');
    await expect(page.locator('meeting-self-view')).toHaveAttribute('mirrored', '');
    await page.screenshot({ path: '/tmp/shots/h8-call-front.png' });

    await page.getByRole('button', { name: 'Mostra un documento: usa la fotocamera posteriore' }).click();
    await expect(page.getByRole('button', { name: 'Torna alla fotocamera frontale' })).toBeVisible({
      timeout: 10_000,
    });
    const after = await sent(page);
    expect(after.id).not.toBe(before.id);
    expect(after.label).toBe('fake_device_2');
    expect(after.live).toBe(true);
    // The same offer: no renegotiation.
    expect(after.offer).toBe(before.offer);
    // The self-view shows the back camera, unmirrored.
    await expect(page.locator('meeting-self-view')).not.toHaveAttribute('mirrored', '');
    expect(
      await page
        .locator('meeting-self-view video')
        .evaluate((v: HTMLVideoElement) => (v.srcObject as MediaStream).getVideoTracks()[0]!.label),
    ).toBe('fake_device_2');
    // The official's video keeps playing new frames after the switch.
    const frames = () =>
      official
        .locator('video.remote')
        .evaluate((v: HTMLVideoElement) => v.getVideoPlaybackQuality().totalVideoFrames);
    const shown = await frames();
    await expect.poll(frames, { timeout: 10_000 }).toBeGreaterThan(shown + 10);
    await expectAccessible(page, 'call, back camera');
    await page.screenshot({ path: '/tmp/shots/h8-call-back.png' });
    await keepScreen(page, 'meeting-home-call-back-camera');

    await page.getByRole('button', { name: 'Torna alla fotocamera frontale' }).click();
    await expect(
      page.getByRole('button', { name: 'Mostra un documento: usa la fotocamera posteriore' }),
    ).toBeVisible({ timeout: 10_000 });
    expect((await sent(page)).label).toBe('fake_device_0');
  } finally {
    await official.context().close();
  }
});
