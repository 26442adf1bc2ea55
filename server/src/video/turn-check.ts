// The TURN servers of config/video.json tried with our own credentials, at start-up and then every few
// minutes: a coturn whose secret differs from ours shows in our log and in /readyz, not only in coturn's.
import type { VideoSettings } from '@sportello/protocol';
import type { Logger } from 'pino';
import { turnCredential, turnSecret } from './ice-servers.ts';
import { probeTurn, udpTarget, type TurnProbeOptions, type TurnProbeResult } from './turn-probe.ts';

export interface TurnCheckResult extends TurnProbeResult {
  url: string;
  checkedAt: string;
}

/** Often enough that a fixed coturn shows as such soon; rare enough to cost nothing. */
const RECHECK_MS = 5 * 60_000;
/** The name the probe's credentials carry in coturn's log. */
const PROBE_ID = 'sportello-readiness';

export class TurnCheck {
  private results?: TurnCheckResult[];
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly settings: VideoSettings,
    private readonly log: Logger,
    private readonly env: NodeJS.ProcessEnv = process.env,
    private readonly probe: (options: TurnProbeOptions) => Promise<TurnProbeResult> = probeTurn,
  ) {}

  /** The last result per UDP TURN URL; undefined while TURN is off (no TURN or no secret) or unchecked. */
  get last(): TurnCheckResult[] | undefined {
    return this.results;
  }

  /** Checks now and every few minutes until stopped. */
  start(): void {
    void this.run();
    this.timer = setInterval(() => void this.run(), RECHECK_MS);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** Probes every UDP TURN URL; logs each whose state changed, so a lasting fault is told once. */
  async run(): Promise<TurnCheckResult[] | undefined> {
    const secret = turnSecret(this.settings, this.env);
    if (!this.settings.turn || secret === undefined) return undefined;
    const { urls, ttlSeconds } = this.settings.turn;
    // coturn checks the credential's expiry against its own clock: the real time, not a test's.
    const now = new Date();
    const results = await Promise.all(
      urls
        .filter((url) => udpTarget(url) !== undefined)
        .map(async (url): Promise<TurnCheckResult> => {
          const credential = turnCredential(secret, PROBE_ID, now, ttlSeconds);
          const result = await this.probe({ url, ...credential });
          return { url, ...result, checkedAt: new Date().toISOString() };
        }),
    );
    for (const result of results) {
      const before = this.results?.find((r) => r.url === result.url);
      if (before?.status === result.status) continue;
      const fields = { url: result.url, status: result.status, detail: result.detail };
      if (result.status === 'ok') this.log.info(fields, 'TURN server accepts our credentials');
      else
        this.log.error(
          { ...fields, secretEnv: this.settings.turn.secretEnv },
          `TURN server ${result.url}: ${
            result.status === 'refused'
              ? 'credentials refused (its static-auth-secret differs from ours)'
              : result.status
          }; calls that need a relay will fail`,
        );
    }
    this.results = results;
    return results;
  }
}
