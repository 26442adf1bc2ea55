import { describe, expect, it } from 'vitest';
import { VideoSettings } from '@sportello/protocol';
import { turnCredential } from './ice-servers.ts';
import { webRtcProvider } from './video-provider.ts';

describe('built-in WebRTC provider', () => {
  it('gives each call STUN and TURN credentials made for that call id', async () => {
    const settings = VideoSettings.parse({
      stun: ['stun:stun.test:3478'],
      turn: { urls: ['turn:turn.test:3478'], secretEnv: 'TEST_TURN', ttlSeconds: 600 },
    });
    const provider = webRtcProvider(settings, { TEST_TURN: 's3cret' });
    const now = new Date('2026-12-01T08:00:00Z');
    const { iceServers } = await provider.prepareCall('call-1', now);
    expect(provider.name).toBe('webrtc');
    expect(iceServers).toEqual([
      { urls: ['stun:stun.test:3478'] },
      { urls: ['turn:turn.test:3478'], ...turnCredential('s3cret', 'call-1', now, 600) },
    ]);
    expect((await webRtcProvider(settings, {}).prepareCall('call-1', now)).iceServers).toHaveLength(1);
  });
});
