// lowdb files that survive a power cut: each write goes to a temporary file that is synced to the disk, is then
// renamed over the old one, and the folder is synced so the rename itself is on the disk. A crash leaves the old
// file or the new one, never half of one, and never forgets a write whose promise resolved.
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';

/** The disk operations a durable write needs; tests pass one that records them. */
export interface DiskIo {
  /** Creates or truncates `file`, writes `text` and syncs its data to the disk. */
  writeSynced(file: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Syncs a folder, so the names created, renamed or removed in it are on the disk. */
  syncDir(dir: string): Promise<void>;
  /** Creates `dir` and its missing parents; answers the first one created, as mkdir -p does. */
  mkdirs(dir: string): Promise<string | undefined>;
}

export const nodeDiskIo: DiskIo = {
  async writeSynced(file, text) {
    const handle = await open(file, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.datasync();
    } finally {
      await handle.close();
    }
  },
  rename,
  async syncDir(dir) {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  },
  mkdirs: (dir) => mkdir(dir, { recursive: true }),
};

/**
 * One JSON file. `replace` leaves the folder to the caller, which syncs each folder once for a whole batch of
 * files (group commit); `write` (lowdb's) is a lone write and syncs the folder itself.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  private readonly temporary: string;

  constructor(
    readonly filename: string,
    private readonly io: DiskIo = nodeDiskIo,
  ) {
    this.temporary = path.join(path.dirname(filename), `.${path.basename(filename)}.tmp`);
  }

  async read(): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.filename, 'utf8')) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async write(data: T): Promise<void> {
    await this.replace(data);
    await this.io.syncDir(path.dirname(this.filename));
  }

  /** Puts `data` on the disk under the file's name; the folder's entry is not synced yet. */
  replace(data: T): Promise<void> {
    // Serialised now, before any await: the file holds the data as it is at this call.
    const text = JSON.stringify(data, null, 2);
    return this.io
      .writeSynced(this.temporary, text)
      .then(() => this.io.rename(this.temporary, this.filename));
  }
}

/** The folders whose entries changed when mkdir -p created `first` (and below it) up to `dir`. */
export function createdDirs(first: string | undefined, dir: string): string[] {
  if (first === undefined) return [];
  const dirs = [path.dirname(first)];
  for (let d = dir; d.length >= first.length; d = path.dirname(d)) dirs.push(d);
  return dirs;
}
