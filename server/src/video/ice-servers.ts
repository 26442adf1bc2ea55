// ICE servers for one call or one console: STUN as configured, TURN with time-limited credentials in the
// TURN REST convention coturn's `use-auth-secret` checks: username `<expiry-unix>:<id>`,
// credential base64(HMAC-SHA1(secret, username)).
import { createHmac } from 'node:crypto';
import type { IceServer, VideoSettings } from '@sportello/protocol';

export function turnCredential(
  secret: string,
  id: string,
  now: Date,
  ttlSeconds: number,
): { username: string; credential: string } {
  const expiry = Math.floor(now.getTime() / 1000) + ttlSeconds;
  const username = `${expiry}:${id}`;
  return { username, credential: createHmac('sha1', secret).update(username).digest('base64') };
}

/** The TURN shared secret from the environment variable the settings name, if set. */
export function turnSecret(
  settings: VideoSettings,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  if (!settings.turn) return undefined;
  const secret = env[settings.turn.secretEnv];
  return secret !== undefined && secret !== '' ? secret : undefined;
}

/** `id` names who the credentials are for (a call id, a username); it ends up in coturn's logs. */
export function iceServersFor(
  settings: VideoSettings,
  id: string,
  now: Date,
  env: NodeJS.ProcessEnv = process.env,
): IceServer[] {
  const servers: IceServer[] = [];
  if (settings.stun.length > 0) servers.push({ urls: settings.stun });
  const secret = turnSecret(settings, env);
  if (settings.turn && secret !== undefined) {
    servers.push({ urls: settings.turn.urls, ...turnCredential(secret, id, now, settings.turn.ttlSeconds) });
  }
  return servers;
}
