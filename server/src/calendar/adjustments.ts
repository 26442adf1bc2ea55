// The calendar changes in force at a sede, as availability, ticket issuing and the displaced bookings use them.
import type { CalendarChange, StoreReader } from '../store/store.ts';
import type { CalendarAdjustment } from './availability.ts';

export function adjustmentOf(change: CalendarChange): CalendarAdjustment {
  return {
    kind: change.kind,
    ...(change.official ? { official: change.official } : {}),
    from: change.from,
    to: change.to,
    ...(change.hours ? { hours: change.hours } : {}),
    reason: change.reason,
  };
}

/** The sede's changes not removed, read in the caller's transaction (they take effect at once). */
export async function adjustmentsOf(reader: StoreReader, sede: string): Promise<CalendarAdjustment[]> {
  return (await reader.calendarChanges(sede)).filter((c) => !c.removedAt).map(adjustmentOf);
}
