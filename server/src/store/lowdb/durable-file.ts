// lowdb files that survive a power cut. The hot path only appends to the journal (journal.ts); a checkpoint then
// puts each file in place the safe way: a temporary file synced to the disk, renamed over the old one, and the
// folder synced so the rename itself is on the disk. A crash leaves the old file or the new one, never half of one.
import { mkdir, open, readdir, readFile, rename, unlink } from 'node:fs/promises';
import path from 'node:path';
import type { Adapter } from 'lowdb';

/** A file open for appending. */
export interface AppendFile {
  /** Writes `text` at the end of the file; rejects if any of it could not be written. */
  append(text: string): Promise<void>;
  /** Syncs the file's data (and its size) to the disk: every append finished before this call is durable. */
  datasync(): Promise<void>;
  close(): Promise<void>;
}

/** The disk operations the store needs; tests pass one that records them or stops at a "crash". */
export interface DiskIo {
  /** Creates or truncates `file`, writes `text` and syncs its data to the disk. */
  writeSynced(file: string, text: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /** Syncs a folder, so the names created, renamed or removed in it are on the disk. */
  syncDir(dir: string): Promise<void>;
  /** Creates `dir` and its missing parents; answers the first one created, as mkdir -p does. */
  mkdirs(dir: string): Promise<string | undefined>;
  /** Opens `file` for appending, creating it if missing (the caller syncs its folder). */
  openAppend(file: string): Promise<AppendFile>;
  /** The file's text; null if there is no such file. */
  readText(file: string): Promise<string | null>;
  /** Removes `file` if it is there (the caller syncs its folder). */
  remove(file: string): Promise<void>;
  /** The names in `dir`; none if there is no such folder. */
  list(dir: string): Promise<string[]>;
}

const missing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

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
  async openAppend(file) {
    const handle = await open(file, 'a');
    return {
      // One write call, not appendFile's general machinery (its checks and chunked loop, for every record);
      // a short write (a full disk, a signal) goes on from where it stopped.
      async append(text) {
        const bytes = Buffer.from(text, 'utf8');
        for (let done = 0; done < bytes.length;)
          done += (await handle.write(bytes, done, bytes.length - done)).bytesWritten;
      },
      datasync: () => handle.datasync(),
      close: () => handle.close(),
    };
  },
  async readText(file) {
    try {
      return await readFile(file, 'utf8');
    } catch (error) {
      if (missing(error)) return null;
      throw error;
    }
  },
  async remove(file) {
    try {
      await unlink(file);
    } catch (error) {
      if (!missing(error)) throw error;
    }
  },
  async list(dir) {
    try {
      return await readdir(dir);
    } catch (error) {
      if (missing(error)) return [];
      throw error;
    }
  },
};

/**
 * One JSON file, read through `readText` (the journal's newer image of it, if any). `replace` leaves the folder
 * to the caller, which syncs each folder once for a whole batch of files; `write` (lowdb's) is a lone write and
 * syncs the folder itself.
 */
export class DurableJsonFile<T> implements Adapter<T> {
  constructor(
    readonly filename: string,
    private readonly io: DiskIo = nodeDiskIo,
    private readonly readText: (file: string) => Promise<string | null> = (file) => io.readText(file),
  ) {}

  async read(): Promise<T | null> {
    const text = await this.readText(this.filename);
    return text === null ? null : (JSON.parse(text) as T);
  }

  async write(data: T): Promise<void> {
    await replaceFile(this.io, this.filename, JSON.stringify(data));
    await this.io.syncDir(path.dirname(this.filename));
  }
}

/** Puts `text` on the disk under `file`'s name: synced, then renamed into place; the folder is not synced yet. */
export async function replaceFile(io: DiskIo, file: string, text: string): Promise<void> {
  const temporary = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
  await io.writeSynced(temporary, text);
  await io.rename(temporary, file);
}

/** The folders whose entries changed when mkdir -p created `first` (and below it) up to `dir`. */
export function createdDirs(first: string | undefined, dir: string): string[] {
  if (first === undefined) return [];
  const dirs = [path.dirname(first)];
  for (let d = dir; d.length >= first.length; d = path.dirname(d)) dirs.push(d);
  return dirs;
}
