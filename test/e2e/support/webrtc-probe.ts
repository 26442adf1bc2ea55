// What a page's WebRTC does, seen from the test: every RTCPeerConnection the page makes is recorded by an
// init script the test adds (the app itself exposes nothing), so its state and RTP counters can be read.
import type { Page } from '@playwright/test';

/** Records every RTCPeerConnection the page creates (window.__peers). Must run before the page loads. */
export async function recordPeerConnections(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const peers: RTCPeerConnection[] = [];
    (window as unknown as { __peers: RTCPeerConnection[] }).__peers = peers;
    const Original = window.RTCPeerConnection;
    class Recorded extends Original {
      constructor(configuration?: RTCConfiguration) {
        super(configuration);
        peers.push(this);
      }
    }
    window.RTCPeerConnection = Recorded;
  });
}

/** The connection state of the page's latest peer connection, or null before there is one. */
export function peerState(page: Page): Promise<RTCPeerConnectionState | null> {
  return page.evaluate(
    () => (window as unknown as { __peers: RTCPeerConnection[] }).__peers.at(-1)?.connectionState ?? null,
  );
}

/** Bytes received over RTP by the page's latest peer connection, per kind (audio, video). */
export function inboundBytes(page: Page): Promise<{ audio: number; video: number }> {
  return page.evaluate(async () => {
    const peer = (window as unknown as { __peers: RTCPeerConnection[] }).__peers.at(-1);
    const bytes = { audio: 0, video: 0 };
    if (!peer || peer.connectionState === 'closed') return bytes;
    (await peer.getStats()).forEach((report: { type: string; kind?: string; bytesReceived?: number }) => {
      if (report.type === 'inbound-rtp' && (report.kind === 'audio' || report.kind === 'video'))
        bytes[report.kind] += report.bytesReceived ?? 0;
    });
    return bytes;
  });
}
