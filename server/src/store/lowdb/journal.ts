// The lowdb store's write-ahead journal (a redo log). A group commit appends one record holding, for every file it
// changed, either the file's new full text or the list operations that changed it (a booking put into its day's
// list, a message removed from the pending ones), then syncs the journal once: no renames or folder syncs on the
// hot path, and a booking costs the journal its own few hundred bytes however full its day is. A checkpoint
// (every few seconds, when the journal grows big, at close) then puts those files in place the safe way
// (durable-file.ts) and removes the journal files it covers; open replays whatever journal a crash left behind.
//
// Journal files are data/journal-<n>.ndjson, one record a line:
//   {"seq":7,"bytes":1234,"sha1":"…","files":[["core.json",{…}],["bookings/rovigo/2026-12/2026-12-01.json","ops",
//     [["bookings","code",{…}],["bookings","code",null,"K7P2QX"]]],…]}
// An op puts an item (inserting it, or replacing the one with the same key) or, with null and a key, removes
// one. Both are idempotent, so replaying records over a file a checkpoint already wrote ends in the same state.
// `bytes` and `sha1` are those of the `files` array's text: a record torn by a crash, or a line of zeros, fails
// them. Replay applies records in order and stops at the first bad one or at a gap in `seq`: no record after it
// was acknowledged, since a record is acknowledged only once it and every record before it are synced.
import { createHash } from 'node:crypto';
import path from 'node:path';
import { createdDirs, replaceFile, type AppendFile, type DiskIo } from './durable-file.ts';

export interface JournalOptions {
  /** A checkpoint follows this long after the first record it will cover. */
  checkpointMs?: number;
  /** A checkpoint starts as soon as the current journal file holds this many bytes. */
  checkpointBytes?: number;
}

/**
 * One change to a list of a JSON file whose items `key` tells apart: `put` (the item's JSON text) inserts or
 * replaces; `remove` (a key's value) takes one out.
 */
export type ListOp =
  | { list: string; key: string; put: string; remove?: undefined }
  | { list: string; key: string; remove: string; put?: undefined };

/** What the journal holds of a file: its last full text, if any was recorded, and the ops recorded after it. */
interface FileImage {
  text?: string;
  ops: ListOp[];
}

/** One journal file. */
interface Segment {
  gen: number;
  file: string;
  out: AppendFile;
  /** What this segment records of each file. */
  images: Map<string, FileImage>;
  bytes: number;
  /** Settles once every record of the segments before this one is on disk. */
  before: Promise<void>;
  syncing: Promise<void> | null;
  nextSync: Promise<void> | null;
}

const NAME = /^journal-(\d+)\.ndjson$/;
const HEAD = /^\{"seq":(\d+),"bytes":(\d+),"sha1":"([0-9a-f]{40})","files":/;
const sha1 = (text: string) => createHash('sha1').update(text).digest('hex');
const settle = (promise: Promise<unknown> | null | undefined): Promise<void> =>
  Promise.resolve(promise).then(
    () => undefined,
    () => undefined,
  );

export class Journal {
  /** The journal files not yet covered by a checkpoint, oldest first; the last one is appended to. */
  private segments: Segment[] = [];
  /** Appends and segment switches, one after the other. */
  private tail: Promise<unknown> = Promise.resolve();
  private seq = 0;
  private lastGen = 0;
  /** Folders created since the last checkpoint: their entries go to the disk with it. */
  private readonly dirs = new Set<string>();
  /** Settles once the last record committed so far is on disk (or failed). */
  private lastDurable: Promise<void> = Promise.resolve();
  /** Set when an append or a sync failed: the journal's end is unknown, so it is rewritten before the next record. */
  private broken = false;
  private checkpointing: Promise<void> | null = null;
  /** The writing part of the running checkpoint, after its switch to a new segment. */
  private writing: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private readonly checkpointMs: number;
  private readonly checkpointBytes: number;

  private constructor(
    private readonly dataDir: string,
    private readonly io: DiskIo,
    options: JournalOptions,
  ) {
    // Each checkpoint rewrites every file changed since the last, however little changed in it: every 5 s, that
    // was a tenth of a busy server's time. PostgreSQL waits 5 minutes by default; a crash replays at most this.
    this.checkpointMs = options.checkpointMs ?? 30_000;
    this.checkpointBytes = options.checkpointBytes ?? 64 * 1024 * 1024;
  }

  /**
   * Replays the journal files found in `dataDir` into their files, removes them and starts a new one.
   * `newDirs`: folders whose entries are not on the disk yet (dataDir itself just created).
   */
  static async open(
    dataDir: string,
    io: DiskIo,
    options: JournalOptions = {},
    newDirs: string[] = [],
  ): Promise<Journal> {
    const journal = new Journal(dataDir, io, options);
    const gens = (await io.list(dataDir))
      .map((name) => NAME.exec(name)?.[1])
      .filter((gen) => gen !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
    const images = new Map<string, FileImage>();
    let next: number | undefined;
    replay: for (const gen of gens) {
      const lines = ((await io.readText(journal.fileOf(gen))) ?? '').split('\n');
      // What follows the last newline is a record whose append never finished.
      lines.pop();
      for (const line of lines) {
        const record = parseRecord(line);
        if (!record || (next !== undefined && record.seq !== next)) break replay;
        next = record.seq + 1;
        for (const entry of record.files) {
          const file = path.join(dataDir, entry[0]);
          if (entry.length === 2) images.set(file, { text: JSON.stringify(entry[1]), ops: [] });
          else imageOf(images, file).ops.push(...entry[2].map(opOf));
        }
      }
    }
    await journal.writeFiles(images, newDirs);
    await journal.removeInOrder(gens);
    journal.seq = next ?? 0;
    journal.lastGen = gens.at(-1) ?? 0;
    journal.segments = [await journal.createSegment()];
    return journal;
  }

  /**
   * Records the new text of each file in `files` and the list operations on each file in `changed` (absolute
   * paths, each file in one of the two) and resolves once the record is on disk. Reads see them once it is
   * appended. `dirs`: folders created for them, synced by the next checkpoint.
   */
  commit(files: [string, string][], dirs: string[] = [], changed: [string, ListOp[]][] = []): Promise<void> {
    for (const dir of dirs) this.dirs.add(dir);
    if (files.length === 0 && changed.length === 0) return this.lastDurable;
    const appended = this.tail.then(async () => {
      if (this.broken) await this.rewrite(true);
      const segment = this.segments.at(-1)!;
      const line = this.record(files, changed);
      segment.bytes += line.length;
      await segment.out.append(line);
      for (const [file, text] of files) segment.images.set(file, { text, ops: [] });
      for (const [file, ops] of changed) imageOf(segment.images, file).ops.push(...ops);
      this.scheduleCheckpoint();
      return segment;
    });
    this.tail = appended.catch(() => void (this.broken = true));
    // Acknowledged after a sync that started once the append was done, and after the segments before it.
    const durable = appended.then((segment) =>
      Promise.all([this.sync(segment), segment.before]).then(() => undefined),
    );
    durable.catch(() => void (this.broken = true));
    this.lastDurable = settle(durable);
    return durable;
  }

  /** Resolves once every append started so far is written (not synced): the next commit would append at once. */
  appended(): Promise<void> {
    return settle(this.tail);
  }

  /** The newest text of `file`: the disk's with what the journal holds of it applied (null if neither has it). */
  async read(file: string): Promise<string | null> {
    const held = new Map<string, FileImage>();
    for (const segment of this.segments) {
      const image = segment.images.get(file);
      if (image) fold(held, file, image);
    }
    const image = held.get(file);
    return image ? this.materialise(file, image) : this.io.readText(file);
  }

  /** The names in `dir`, with files that exist only in the journal so far. */
  async list(dir: string): Promise<string[]> {
    const names = new Set(await this.io.list(dir));
    for (const segment of this.segments)
      for (const file of segment.images.keys())
        if (path.dirname(file) === dir) names.add(path.basename(file));
    return [...names];
  }

  /** Puts every file recorded so far in place and drops the journal files that held them. */
  checkpoint(): Promise<void> {
    this.checkpointing ??= this.runCheckpoint().finally(() => (this.checkpointing = null));
    return this.checkpointing;
  }

  /** Writes every recorded file in place and removes the journal: a closed data folder is plain JSON files. */
  async close(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    await settle(this.checkpointing);
    const closing = this.tail.then(() => this.rewrite(false));
    this.tail = closing.catch(() => undefined);
    await closing;
  }

  // ---- inside ----

  private fileOf(gen: number): string {
    return path.join(this.dataDir, `journal-${gen}.ndjson`);
  }

  private record(files: [string, string][], changed: [string, ListOp[]][]): string {
    const name = (file: string) => JSON.stringify(path.relative(this.dataDir, file));
    const entries = [
      ...files.map(([file, text]) => `[${name(file)},${text}]`),
      ...changed.map(([file, ops]) => `[${name(file)},"ops",[${ops.map(opText).join(',')}]]`),
    ];
    const payload = `[${entries.join(',')}]`;
    return `{"seq":${this.seq++},"bytes":${Buffer.byteLength(payload)},"sha1":"${sha1(payload)}","files":${payload}}\n`;
  }

  /** Resolves once a sync that started after this call is done: it covers every append finished before it. */
  private sync(segment: Segment): Promise<void> {
    segment.nextSync ??= settle(segment.syncing).then(() => {
      segment.nextSync = null;
      const syncing = segment.out.datasync();
      segment.syncing = syncing;
      return syncing;
    });
    return segment.nextSync;
  }

  private scheduleCheckpoint(): void {
    if ((this.segments.at(-1)?.bytes ?? 0) >= this.checkpointBytes)
      void this.checkpoint().catch(() => undefined);
    else if (!this.timer) {
      this.timer = setTimeout(() => {
        this.timer = undefined;
        // A failed checkpoint keeps its journal files; the next record schedules another.
        this.checkpoint().catch(() => undefined);
      }, this.checkpointMs);
      this.timer.unref();
    }
  }

  private async runCheckpoint(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.broken || this.segments.every((s) => s.images.size === 0)) return;
    const next = await this.createSegment();
    // Between two appends: the records before go to the old segments, those after to the new one.
    const switched = this.tail.then(() => {
      const last = this.segments.at(-1);
      // A rewrite may have started a newer segment meanwhile: segments must follow their numbers.
      if (this.broken || !last || next.gen < last.gen) return undefined;
      const covered = [...this.segments];
      next.before = Promise.all([this.sync(last), last.before]).then(() => undefined);
      this.segments.push(next);
      const dirs = [...this.dirs];
      this.dirs.clear();
      this.writing = this.finishCheckpoint(covered, dirs, next.before);
      // Wrapped, so that appends after the switch need not wait for the files to be written.
      return { writing: this.writing };
    });
    this.tail = switched;
    const started = await switched;
    if (!started) {
      await next.out.close();
      await this.io.remove(next.file);
      return;
    }
    await started.writing;
  }

  private async finishCheckpoint(covered: Segment[], dirs: string[], durable: Promise<void>): Promise<void> {
    const images = merged(covered);
    try {
      // Every covered record is on disk before any file changes: a crash in the middle replays them all.
      await durable;
      await this.writeFiles(images, dirs);
    } catch (error) {
      for (const dir of dirs) this.dirs.add(dir);
      throw error;
    }
    this.segments = this.segments.filter((s) => !covered.includes(s));
    for (const segment of covered) await segment.out.close();
    await this.removeInOrder(covered.map((s) => s.gen));
  }

  /**
   * Writes every file the journal holds, then removes all its files; with `reopen`, starts a new one (after a
   * failed append or sync, whose journal end nobody knows).
   */
  private async rewrite(reopen: boolean): Promise<void> {
    await settle(this.writing);
    for (const segment of this.segments)
      await Promise.all([settle(segment.syncing), settle(segment.nextSync)]);
    const images = merged(this.segments);
    await this.writeFiles(images, [...this.dirs]);
    this.dirs.clear();
    const old = this.segments;
    this.segments = [];
    for (const segment of old) await segment.out.close().catch(() => undefined);
    await this.removeInOrder(old.map((s) => s.gen));
    if (reopen) this.segments = [await this.createSegment()];
    this.broken = false;
  }

  /** Each file synced and renamed into place, then each of their folders synced once. */
  private async writeFiles(images: Map<string, FileImage>, dirs: string[]): Promise<void> {
    const folders = new Set(dirs);
    const queue = [...images];
    // Two at a time: the journal's own appends and syncs share node's four disk threads with them.
    const writer = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [file, image] = next;
        const dir = path.dirname(file);
        // Replay may find a folder a crash lost.
        for (const created of createdDirs(await this.io.mkdirs(dir), dir)) folders.add(created);
        await replaceFile(this.io, file, await this.materialise(file, image));
        folders.add(dir);
      }
    };
    await Promise.all([writer(), writer()]);
    await Promise.all([...folders].map((dir) => this.io.syncDir(dir)));
  }

  /** The file's text once `image` is applied: its full text, or the disk's text with its ops applied. */
  private async materialise(file: string, image: FileImage): Promise<string> {
    if (image.ops.length === 0) return image.text!;
    return applyOps(image.text ?? (await this.io.readText(file)), image.ops);
  }

  /**
   * Oldest first, each removal on the disk before the next: an older journal left behind a newer one's removal
   * would replay stale texts over newer files.
   */
  private async removeInOrder(gens: number[]): Promise<void> {
    for (const gen of gens) {
      await this.io.remove(this.fileOf(gen));
      await this.io.syncDir(this.dataDir);
    }
  }

  private async createSegment(): Promise<Segment> {
    const gen = ++this.lastGen;
    const file = this.fileOf(gen);
    const out = await this.io.openAppend(file);
    // The journal's name is on the disk before any record in it is acknowledged.
    await this.io.syncDir(this.dataDir);
    return {
      gen,
      file,
      out,
      images: new Map(),
      bytes: 0,
      before: Promise.resolve(),
      syncing: null,
      nextSync: null,
    };
  }
}

/** What these segments hold of each file, oldest first: a full text resets a file, ops add up. */
function merged(segments: Segment[]): Map<string, FileImage> {
  const images = new Map<string, FileImage>();
  for (const segment of segments) for (const [file, image] of segment.images) fold(images, file, image);
  return images;
}

/** Adds what a later segment holds of `file` to `images`. */
function fold(images: Map<string, FileImage>, file: string, image: FileImage): void {
  if (image.text !== undefined) images.set(file, { text: image.text, ops: [...image.ops] });
  else imageOf(images, file).ops.push(...image.ops);
}

function imageOf(images: Map<string, FileImage>, file: string): FileImage {
  let image = images.get(file);
  if (!image) images.set(file, (image = { ops: [] }));
  return image;
}

/** A JSON file's text with `ops` applied in order; a file that does not exist yet starts as empty lists. */
export function applyOps(text: string | null, ops: ListOp[]): string {
  const data = (text === null ? {} : JSON.parse(text)) as Record<string, Record<string, unknown>[]>;
  const positions = new Map<string, Map<unknown, number>>();
  const listOf = (op: ListOp) => {
    const list = (data[op.list] ??= []);
    let at = positions.get(op.list);
    if (!at) positions.set(op.list, (at = new Map(list.map((item, i) => [item[op.key], i]))));
    return { list, at };
  };
  for (const op of ops) {
    const { list, at } = listOf(op);
    if (op.put !== undefined) {
      const item = JSON.parse(op.put) as Record<string, unknown>;
      const i = at.get(item[op.key]);
      if (i === undefined) at.set(item[op.key], list.push(item) - 1);
      else list[i] = item;
    } else {
      const i = at.get(op.remove);
      if (i === undefined) continue;
      list.splice(i, 1);
      // Positions after the removed item move up by one.
      positions.delete(op.list);
    }
  }
  return JSON.stringify(data);
}

type OpEntry =
  [list: string, key: string, item: unknown] | [list: string, key: string, item: null, remove: string];
type Entry = [file: string, data: unknown] | [file: string, kind: 'ops', ops: OpEntry[]];

function opText(op: ListOp): string {
  const head = `${JSON.stringify(op.list)},${JSON.stringify(op.key)}`;
  return op.put !== undefined ? `[${head},${op.put}]` : `[${head},null,${JSON.stringify(op.remove)}]`;
}

function opOf(entry: OpEntry): ListOp {
  const [list, key, item] = entry;
  return item === null ? { list, key, remove: entry[3]! } : { list, key, put: JSON.stringify(item) };
}

/** A journal line's record; undefined if it is torn or damaged. */
export function parseRecord(line: string): { seq: number; files: Entry[] } | undefined {
  const head = HEAD.exec(line);
  if (!head || !line.endsWith('}')) return undefined;
  const payload = line.slice(head[0].length, -1);
  if (Buffer.byteLength(payload) !== Number(head[2]) || sha1(payload) !== head[3]) return undefined;
  try {
    return { seq: Number(head[1]), files: JSON.parse(payload) as Entry[] };
  } catch {
    return undefined;
  }
}
