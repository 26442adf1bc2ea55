// Daily removal of personal data older than the retention period; statistics stay.
import { DateTime } from 'luxon';
import type { AppContext } from '../context.ts';

const ZONE = 'Europe/Rome';
/** Runs at this local hour, when no office is open. */
const RUN_HOUR = 2;

export async function runRetention(ctx: AppContext): Promise<void> {
  const beforeDay = DateTime.fromJSDate(ctx.clock(), { zone: ZONE })
    .minus({ days: ctx.config.server.retentionDays })
    .toISODate()!;
  const removed = await ctx.store.removePersonalData(beforeDay, ctx.clock());
  ctx.log.info({ beforeDay, ...removed }, 'personal data removed by retention policy');
}

/** Runs once now and then every night; returns a function that stops it. */
export function scheduleRetention(ctx: AppContext): () => void {
  let timer: NodeJS.Timeout | undefined;
  const run = () =>
    runRetention(ctx)
      .catch((error: unknown) => ctx.log.error({ err: error }, 'retention run failed'))
      .finally(() => {
        const now = DateTime.fromJSDate(ctx.clock(), { zone: ZONE });
        let next = now.set({ hour: RUN_HOUR, minute: 0, second: 0, millisecond: 0 });
        if (next <= now) next = next.plus({ days: 1 });
        timer = setTimeout(run, next.toMillis() - now.toMillis());
        timer.unref();
      });
  void run();
  return () => clearTimeout(timer);
}
