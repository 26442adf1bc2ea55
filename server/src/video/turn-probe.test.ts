// The TURN probe against a real coturn on a loopback port: with the shared secret it allocates, with
// another secret or an expired credential it is refused; a silent port and a name that does not resolve
// are unreachable, within the time limit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coturnMissing, freeUdpPort, haveCoturn, startCoturn, type Coturn } from './coturn-test-server.ts';
import { turnCredential } from './ice-servers.ts';
import { probeTurn } from './turn-probe.ts';

const SECRET = 'the-secret-coturn-and-we-share';
const credentialFor = (secret: string, now = new Date()) => turnCredential(secret, 'probe-test', now, 600);

if (!haveCoturn) console.warn(`TURN probe: the real coturn tests are skipped, ${coturnMissing}`);

describe.skipIf(!haveCoturn)('TURN probe against a real coturn (skipped without /usr/bin/turnserver)', () => {
  let coturn: Coturn;
  beforeAll(async () => {
    coturn = await startCoturn(SECRET);
  }, 30_000);
  afterAll(() => coturn?.stop());

  it('allocates with credentials made from the same secret', async () => {
    expect(await probeTurn({ url: coturn.url, ...credentialFor(SECRET) })).toEqual({
      status: 'ok',
      detail: 'credentials accepted',
    });
  });

  it('is refused with credentials made from another secret', async () => {
    const result = await probeTurn({ url: coturn.url, ...credentialFor('not-the-secret-coturn-has') });
    expect(result.status).toBe('refused');
    expect(result.detail).toMatch(/^credentials refused \(answered 401/);
  });

  it('is refused with credentials past their expiry, as coturn checks them', async () => {
    const anHourAgo = new Date(Date.now() - 3_600_000);
    expect((await probeTurn({ url: coturn.url, ...credentialFor(SECRET, anHourAgo) })).status).toBe(
      'refused',
    );
  });
});

describe('TURN probe without a TURN server', () => {
  it('calls a silent port unreachable within the time limit', async () => {
    const port = await freeUdpPort();
    const started = Date.now();
    const result = await probeTurn({
      url: `turn:127.0.0.1:${port}`,
      ...credentialFor(SECRET),
      timeoutMs: 1200,
    });
    expect(result).toEqual({ status: 'unreachable', detail: 'no answer in time' });
    expect(Date.now() - started).toBeLessThan(2500);
  });

  it('calls a name that does not resolve unreachable, saying so', async () => {
    const result = await probeTurn({
      url: 'turn:turn.sportello.invalid:3478?transport=udp',
      ...credentialFor(SECRET),
      timeoutMs: 3000,
    });
    expect(result.status).toBe('unreachable');
    expect(result.detail).toMatch(/^turn\.sportello\.invalid does not resolve/);
  });

  it('leaves TCP and TLS TURN URLs alone', async () => {
    const result = await probeTurn({ url: 'turns:turn.example:5349', ...credentialFor(SECRET) });
    expect(result.status).toBe('failed');
  });
});
