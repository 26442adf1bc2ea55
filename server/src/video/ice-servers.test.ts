import { createHmac } from 'node:crypto';
import { VideoSettings } from '@sportello/protocol';
import { describe, expect, it } from 'vitest';
import { iceServersFor, turnCredential } from './ice-servers.ts';

const now = new Date('2026-12-01T08:00:00Z');
const settings = VideoSettings.parse({
  stun: ['stun:stun.example:3478'],
  turn: { urls: ['turn:turn.example:3478'], secretEnv: 'TEST_TURN_SECRET', ttlSeconds: 600 },
});

describe('ICE servers', () => {
  it('makes TURN REST credentials: <expiry>:<id> and base64 HMAC-SHA1 of it', () => {
    const { username, credential } = turnCredential('s3cret', 'call-1', now, 600);
    expect(username).toBe(`${now.getTime() / 1000 + 600}:call-1`);
    expect(credential).toBe(createHmac('sha1', 's3cret').update(username).digest('base64'));
  });

  it('gives STUN always and TURN only when the secret is set', () => {
    expect(iceServersFor(settings, 'u', now, {})).toEqual([{ urls: ['stun:stun.example:3478'] }]);
    const servers = iceServersFor(settings, 'u', now, { TEST_TURN_SECRET: 'x' });
    expect(servers[1]).toMatchObject({
      urls: ['turn:turn.example:3478'],
      username: expect.stringMatching(/:u$/),
    });
  });
});
