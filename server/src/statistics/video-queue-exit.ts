// A citizen leaving the video waiting room before anyone answered, as the KPIs count it: no citizen data.
import type { QueueEntry } from '@sportello/protocol';
import type { VideoQueueExit } from '../store/store.ts';

export function videoQueueExit(
  entry: QueueEntry,
  reason: VideoQueueExit['reason'],
  now: Date,
): VideoQueueExit {
  return {
    entryId: entry.id,
    group: entry.group,
    ...(entry.sede && { sede: entry.sede }),
    origin: entry.origin,
    sector: entry.sector,
    service: entry.service,
    since: entry.since,
    leftAt: now.toISOString(),
    reason,
  };
}
