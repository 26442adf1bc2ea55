// Tells the server every few seconds that the station is alive and how its devices are, and at once when
// a device changes (the printer runs out of paper): the technicians' alert should not wait for the beat.
import type { DeviceEvent, HeartbeatBody, PageHealth } from '@sportello/protocol';
import type { Logger } from 'pino';
import type { StationDevices } from '../devices/station-devices.ts';
import type { StationCredential } from './credential-file.ts';

export function startHeartbeat(options: {
  credential: StationCredential;
  devices: StationDevices;
  intervalSeconds: number;
  agentVersion: string;
  /** The kiosk page's health, as the page last reported it to the agent. */
  page?: () => PageHealth;
  /** Subscribes to the devices' events (the local API's hub); a printer or reader change beats early. */
  deviceEvents?: (listener: (event: DeviceEvent) => void) => () => void;
  log: Logger;
}): () => void {
  const startedAt = Date.now();
  const beat = async () => {
    const body: HeartbeatBody = {
      agentVersion: options.agentVersion,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      devices: await options.devices.health(),
      ...(options.page ? { page: options.page() } : {}),
    };
    try {
      const response = await fetch(new URL('/api/v1/stations/heartbeat', options.credential.serverUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${options.credential.token}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      });
      if (!response.ok) options.log.warn({ status: response.status }, 'heartbeat refused');
    } catch (error) {
      options.log.debug({ err: error }, 'heartbeat failed');
    }
  };
  void beat();
  const timer = setInterval(() => void beat(), options.intervalSeconds * 1000);
  timer.unref();
  // Changes that come together (paper out, then the cover opened to fix it) make one early beat.
  let early: NodeJS.Timeout | undefined;
  const unsubscribe = options.deviceEvents?.((event) => {
    if ((event.type !== 'printer' && event.type !== 'reader') || early) return;
    early = setTimeout(() => {
      early = undefined;
      void beat();
    }, EARLY_BEAT_MS);
    early.unref();
  });
  return () => {
    clearInterval(timer);
    clearTimeout(early);
    unsubscribe?.();
  };
}

/** How long after a device change the early beat goes. */
export const EARLY_BEAT_MS = 500;
