// What every service needs, passed explicitly: configuration, store, clock, secret, logger.
import type { Logger } from 'pino';
import type { AlertEngine } from './alerts/alert-engine.ts';
import type { AppConfig } from './config/load-config.ts';
import type { Metrics } from './metrics/metrics.ts';
import type { SmsProvider } from './notification/sms-provider.ts';
import type { StaffDirectory } from './staff/staff-directory.ts';
import type { StationChannel } from './station-channel/station-channel.ts';
import type { Store } from './store/store.ts';
import type { VideoHub } from './video/video-hub.ts';
import type { VideoProvider } from './video/video-provider.ts';

export interface AppContext {
  config: AppConfig;
  store: Store;
  clock: () => Date;
  /** Keys the HMAC of admission codes, card proofs and meeting cookies. */
  secret: Buffer;
  log: Logger;
  /** Where the outbox worker sends SMS; the development provider's messages are readable by admins. */
  sms?: SmsProvider;
  /** The staff accounts as last read, for synchronous look-ups (which official an account is). */
  staff?: StaffDirectory;
  /** The /ws waiting room and call signaling, when the HTTP server runs. */
  video?: VideoHub;
  /** Stations' agents' open channels on this instance, when the HTTP server runs. */
  stationChannel?: StationChannel;
  /** Who carries the calls' media; the built-in WebRTC provider (config/video.json) when not set. */
  videoProvider?: VideoProvider;
  /** The Prometheus registry and the timings services' work feeds, when the server runs (startServer). */
  metrics?: Metrics;
  /** Raises and clears station alerts; told of each heartbeat (when the background jobs run). */
  alerts?: AlertEngine;
}
