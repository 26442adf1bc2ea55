// The floor: how fast lowdb itself rewrites one file of N bookings, the cost an unpartitioned store would pay per write.
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import type { StoredBooking } from '../../server/src/store/store.ts';

export interface FloorResult {
  writesPerSecond: number;
  writes: number;
  fileMB: number;
}

export async function lowdbFloor(bookings: StoredBooking[], seconds = 3): Promise<FloorResult> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'sportello-floor-'));
  try {
    const file = path.join(dir, 'bookings.json');
    const db = new Low<{ bookings: StoredBooking[] }>(new JSONFile(file), { bookings });
    // The first write creates the file; it is not counted, like a store that already exists.
    await db.write();
    const started = performance.now();
    let writes = 0;
    // At least two writes, so 100k (about 2 writes a second) still gives a rate rather than one sample.
    while (writes < 2 || performance.now() - started < seconds * 1000) {
      await db.write();
      writes++;
    }
    const elapsed = (performance.now() - started) / 1000;
    return { writesPerSecond: writes / elapsed, writes, fileMB: (await stat(file)).size / 1e6 };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
