// A real ICE failure for browser tests: the page's /ws passes every message but ICE candidates, which are
// dropped both ways and cut out of the SDP, so that no candidate pair can ever form.
import type { Page } from '@playwright/test';

const strip = (sdp: string) =>
  sdp
    .split('\r\n')
    .filter((line) => !line.startsWith('a=candidate') && !line.startsWith('a=end-of-candidates'))
    .join('\r\n');

function withoutCandidates(data: string | Buffer): string | null {
  const message = JSON.parse(String(data)) as { type: string; sdp?: string };
  if (message.type === 'call.ice') return null;
  if (message.sdp) message.sdp = strip(message.sdp);
  return JSON.stringify(message);
}

/** From now on the page's /ws carries no ICE candidate either way. Call before the page opens /ws. */
export async function blockIce(page: Page): Promise<void> {
  await page.routeWebSocket(
    (url) => url.pathname === '/ws',
    (ws) => {
      const server = ws.connectToServer();
      ws.onMessage((data) => {
        const kept = withoutCandidates(data);
        if (kept) server.send(kept);
      });
      server.onMessage((data) => {
        const kept = withoutCandidates(data);
        if (kept) ws.send(kept);
      });
    },
  );
}
