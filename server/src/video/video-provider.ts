// Who carries a call's media. The built-in provider is WebRTC between kiosk (or home page) and console with
// ICE servers from config; a Microsoft Teams provider (a later issue) will create its meeting here instead.
import type { IceServer, VideoSettings } from '@sportello/protocol';
import { iceServersFor } from './ice-servers.ts';

export interface VideoProvider {
  /** Names the provider in logs and call records. */
  readonly name: string;
  /** Everything both parties need to connect, asked once per call just after the match. */
  prepareCall(callId: string, now: Date): Promise<{ iceServers: IceServer[] }>;
}

/** WebRTC with STUN and TURN from config/video.json; TURN credentials are made per call id. */
export function webRtcProvider(settings: VideoSettings, env: NodeJS.ProcessEnv = process.env): VideoProvider {
  return {
    name: 'webrtc',
    prepareCall: async (callId, now) => ({ iceServers: iceServersFor(settings, callId, now, env) }),
  };
}
