/**
 * The incremental in-memory index of one run-records folder: the head (runHead.ts) of every record,
 * and every file that could not be read, kept current file by file. `load` lists the folder, stats
 * each file and takes the head of every file whose stamp matches the persistent cache
 * (runsCache.ts); only the other files are read. A file event (a new record, a rename or pin
 * rewriting one, a deletion) costs one stat and at most one read of that one file (`refresh`),
 * never a reload of the folder: a study's 500th run must not re-read the 499 before it. `sync` is
 * the fallback for missed watcher events: one listing, one stat per file, reads of the files that
 * appeared or whose stamp moved (a record replaced in place is noticed, not only new names). Bad
 * files are kept as problems, exactly as `RecordStore.list` reports them; the index only reads
 * record files, it never writes or "repairs" one (it writes its cache, elsewhere).
 */
import { promises as fs, statSync, type Stats } from 'node:fs';
import { join } from 'node:path';
import type { RecordProblem, RecordStore } from './recordStore';
import { headCounting, type RunHead } from './runHead';
import { TimeSlices } from './timeSlices';
import { entryIsFresh, RACY_MS, stampOf, type CacheEntry, type FileStamp, type RunsCache } from './runsCache';

type Slot = { file: string; stamp?: FileStamp; seen: number } & (
  { head: RunHead } | { problem: RecordProblem }
);

export interface HeadListing {
  /** Oldest first (by start time, then id). */
  heads: RunHead[];
  problems: RecordProblem[];
}

export interface RecordIndexOptions {
  /** The folder's persistent cache; without one every `load` reads every file. */
  cache?: RunsCache;
  /** See runsCache.ts RACY_MS; tests that count reads of files they just wrote pass 0. */
  racyMs?: number;
  /** How long reads run before yielding to the event loop (default SLICE_MS; tests pass 0). */
  sliceMs?: number;
}

/** Files statted at once on the thread pool (statFilesAsync): thousands must not exhaust file handles. */
const BATCH = 64;
/**
 * Record files up to this size are read synchronously by `readAll`: a schema-2 record is a few KB
 * (one of 10,000 inline iterations ~130 KB, read in ~1 ms); a bigger file is an old schema-1
 * record with many iterations, read asynchronously.
 */
const SYNC_READ_MAX_BYTES = 1 << 20;
/** How long synchronous reads or stats may run before yielding to the event loop. */
const SLICE_MS = 10;

export class RecordIndex {
  private readonly slots = new Map<string, Slot>();
  private sorted: RunHead[] | undefined;
  private readonly cache: RunsCache | undefined;
  private readonly racyMs: number;
  private readonly sliceMs: number;
  /** The slots differ from what the cache file holds: `persist` writes it. */
  private cacheDirty = false;
  private loaded = false;
  /** Record files read since this index was made (the bench and tests count them). */
  filesRead = 0;

  constructor(
    readonly store: RecordStore,
    options: RecordIndexOptions = {},
  ) {
    this.cache = options.cache;
    this.racyMs = options.racyMs ?? RACY_MS;
    this.sliceMs = options.sliceMs ?? SLICE_MS;
  }

  /** Whether `load` ran (the store asks before it trusts the index). */
  get isLoaded(): boolean {
    return this.loaded;
  }

  /**
   * List the folder, stat every file, read those the cache does not describe; write the cache if
   * it changed, unless `persist: false` (a host shows the runs first and writes the cache later).
   */
  async load(options: { persist?: boolean } = {}): Promise<void> {
    const [names, cached] = await Promise.all([
      this.store.listRecordFiles(),
      this.cache ? this.cache.read() : Promise.resolve(new Map<string, CacheEntry>()),
    ]);
    this.slots.clear();
    const seen = Date.now();
    const stats = await statFiles(this.store.dir, names);
    const toRead: Array<[string, Stats]> = [];
    for (const name of names) {
      const st = stats.get(name);
      if (!st) continue; // gone between the listing and the stat
      const entry = cached.get(name);
      if (st.isFile() && entry && entryIsFresh(entry, stampOf(st), this.racyMs)) {
        this.slots.set(name, slotOf(name, entry));
      } else toRead.push([name, st]);
    }
    await this.readAll(toRead, seen);
    // Anything read, or a cached file that is gone: the cache no longer matches the folder.
    if (toRead.length > 0 || cached.size !== this.slots.size) this.cacheDirty = true;
    this.loaded = true;
    if (options.persist !== false) await this.persist();
  }

  /**
   * One file changed, appeared or went away (by name inside the folder): stat it, and read it when
   * its stamp moved. Returns true when the index changed (ignored names — temps, non-JSON — and
   * unchanged files return false).
   */
  async refresh(file: string): Promise<boolean> {
    if (!isRecordFileName(file)) return false;
    const seen = Date.now();
    const st = await statFile(this.store.dir, file);
    if (!st) return this.forget(file);
    if (this.unchanged(file, st)) return false;
    const slot = await this.read(file, st, seen);
    if ('problem' in slot && slot.problem.missing) return this.forget(file);
    const before = this.slots.get(file);
    this.slots.set(file, slot);
    return this.noteReplaced(before, slot);
  }

  /** A file is known to be gone (a delete event): drop it without reading anything. */
  forget(file: string): boolean {
    return this.slots.delete(file) ? this.dirty() : false;
  }

  /**
   * Catch up after events may have been missed: list the folder once, stat every file, drop files
   * that vanished, read the files not seen before and those whose stamp moved (replaced in place).
   * Returns how many entries changed.
   */
  async sync(): Promise<number> {
    const names = await this.store.listRecordFiles();
    const present = new Set(names);
    let changed = 0;
    for (const file of [...this.slots.keys()]) {
      if (!present.has(file)) {
        this.slots.delete(file);
        changed++;
      }
    }
    const seen = Date.now();
    const stats = await statFiles(this.store.dir, names);
    const toRead: Array<[string, Stats]> = [];
    for (const name of names) {
      const st = stats.get(name);
      if (!st) {
        if (this.slots.delete(name)) changed++;
      } else if (!this.unchanged(name, st)) toRead.push([name, st]);
    }
    changed += await this.readAll(toRead, seen);
    if (changed > 0) this.dirty();
    this.loaded = true;
    return changed;
  }

  /** Write the cache when the index changed since it was last written (never throws). */
  async persist(): Promise<void> {
    if (!this.cacheDirty || !this.cache) return;
    this.cacheDirty = false;
    const entries: Array<[string, CacheEntry]> = [];
    for (const slot of this.slots.values()) {
      if (!slot.stamp) continue; // not a regular file: nothing worth keeping
      entries.push([
        slot.file,
        'head' in slot
          ? { stamp: slot.stamp, seen: slot.seen, head: slot.head }
          : { stamp: slot.stamp, seen: slot.seen, problem: slot.problem.reason },
      ]);
    }
    await this.cache.write(entries);
  }

  /** Every readable record's head, oldest first (by start time, then id), and every unreadable file. */
  listing(): HeadListing {
    const problems: RecordProblem[] = [];
    for (const slot of this.slots.values()) {
      if ('problem' in slot) problems.push(slot.problem);
      // Listed with its statistics, but its iterations table is missing or damaged: say so too.
      else if (slot.head.iterationsProblem)
        problems.push({ file: slot.file, reason: slot.head.iterationsProblem, partial: true });
    }
    problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    return { heads: this.heads(), problems };
  }

  heads(): RunHead[] {
    if (!this.sorted) {
      // Start times parsed once per head, not twice per comparison (10,000 heads: ~140,000 compares).
      const keyed: Array<{ t: number; head: RunHead }> = [];
      for (const slot of this.slots.values())
        if ('head' in slot) keyed.push({ t: Date.parse(slot.head.startedAt), head: slot.head });
      this.sorted = keyed.sort(oldestFirst).map((k) => k.head);
    }
    return this.sorted;
  }

  /** The file a record was read from (renamed-by-hand files included). */
  fileOf(id: string): string | undefined {
    for (const slot of this.slots.values()) if ('head' in slot && slot.head.id === id) return slot.file;
    return undefined;
  }

  /** The index holds this file as it is now (same stamp, not racy): nothing to read. */
  private unchanged(file: string, st: Stats): boolean {
    const known = this.slots.get(file);
    return (
      st.isFile() &&
      known?.stamp !== undefined &&
      entryIsFresh({ stamp: known.stamp, seen: known.seen }, stampOf(st), this.racyMs)
    );
  }

  /**
   * Read these files into their slots; returns how many slots now say something different. Small
   * files are read synchronously, one after another, yielding to the event loop every SLICE_MS:
   * a cold listing of 10,000 records is thousands of tiny reads, for which the thread pool's four
   * round trips per file cost 4× the reads themselves (issue #15), while yielding keeps a host
   * responsive. Big files (a schema-1 record of 300,000 iterations is 40 MB) are read
   * asynchronously, so no single read blocks the loop for long.
   */
  private async readAll(files: ReadonlyArray<[string, Stats]>, seen: number): Promise<number> {
    let changed = 0;
    const slices = new TimeSlices(this.sliceMs);
    for (const [name, st] of files) {
      const slot = await this.read(name, st, seen, st.size <= SYNC_READ_MAX_BYTES ? 'sync' : 'stream');
      const before = this.slots.get(slot.file);
      if ('problem' in slot && slot.problem.missing) {
        if (this.slots.delete(slot.file)) changed++;
      } else {
        this.slots.set(slot.file, slot);
        if (this.noteReplaced(before, slot)) changed++;
      }
      await slices.maybeYield();
    }
    this.sorted = undefined;
    return changed;
  }

  /**
   * A slot was read again: the cache must learn its new stamp either way, but only a different
   * head or problem is a change. A file re-read because it was written moments ago (racy) and
   * found the same must not make views rebuild (a tree refreshed under a user's selection loses it).
   */
  private noteReplaced(before: Slot | undefined, after: Slot): boolean {
    this.cacheDirty = true;
    this.sorted = undefined;
    return !before || !sameContent(before, after);
  }

  /**
   * Read one file whose stamp `st` was taken (at `seen`, or later) before this read: a change in
   * between leaves a stamp older than the content, so the file looks stale next time, never fresh.
   */
  private async read(file: string, st: Stats, seen: number, how?: 'sync' | 'stream'): Promise<Slot> {
    this.filesRead++;
    const stamp = st.isFile() ? stampOf(st) : undefined;
    // Only the head is kept: the iterations are checked and counted, not kept (the inline log
    // becomes garbage here).
    const entry = await this.store.readRecordFile(file, {
      sync: how === 'sync',
      stream: how === 'stream',
      iterations: 'count',
    });
    return 'record' in entry
      ? {
          file,
          stamp,
          seen,
          head: headCounting(
            entry.record,
            entry.iterationCount ?? entry.record.result?.iterations.length ?? 0,
          ),
        }
      : { file, stamp, seen, problem: entry };
  }

  private dirty(): true {
    this.sorted = undefined;
    this.cacheDirty = true;
    return true;
  }
}

function sameContent(a: Slot, b: Slot): boolean {
  if ('head' in a && 'head' in b) return JSON.stringify(a.head) === JSON.stringify(b.head);
  if ('problem' in a && 'problem' in b) return a.problem.reason === b.problem.reason;
  return false;
}

function slotOf(file: string, entry: CacheEntry): Slot {
  return 'head' in entry
    ? { file, stamp: entry.stamp, seen: entry.seen, head: entry.head }
    : { file, stamp: entry.stamp, seen: entry.seen, problem: { file, reason: entry.problem } };
}

async function statFile(dir: string, file: string): Promise<Stats | undefined> {
  try {
    return await fs.stat(join(dir, file));
  } catch {
    return undefined; // gone (or unreachable): the caller treats it as absent
  }
}

/**
 * Stat many files of one folder. Synchronous stats in time slices: over 10,000 files they took
 * 1.6–3.6× less time than libuv's thread pool 64 at a time (53–80 ms against 126–196 ms;
 * bench:history prints both), and yielding every SLICE_MS keeps a host's event loop responsive.
 */
export async function statFiles(dir: string, names: readonly string[]): Promise<Map<string, Stats>> {
  const out = new Map<string, Stats>();
  const slices = new TimeSlices(SLICE_MS);
  for (const name of names) {
    const st = statSync(join(dir, name), { throwIfNoEntry: false });
    if (st) out.set(name, st);
    await slices.maybeYield();
  }
  return out;
}

/** The same with the thread pool, BATCH at a time (bench:history compares the two). */
export async function statFilesAsync(dir: string, names: readonly string[]): Promise<Map<string, Stats>> {
  const out = new Map<string, Stats>();
  for (let i = 0; i < names.length; i += BATCH) {
    const slice = names.slice(i, i + BATCH);
    const stats = await Promise.all(slice.map((n) => statFile(dir, n)));
    slice.forEach((n, k) => stats[k] && out.set(n, stats[k]));
  }
  return out;
}

/** What the store counts as a record file: `*.json`, not a dot file (temps of an interrupted write). */
export function isRecordFileName(file: string): boolean {
  return file.endsWith('.json') && !file.startsWith('.') && !file.includes('/') && !file.includes('\\');
}

function oldestFirst(a: { t: number; head: RunHead }, b: { t: number; head: RunHead }): number {
  const t = a.t - b.t;
  if (t !== 0 && !Number.isNaN(t)) return t;
  return a.head.id < b.head.id ? -1 : a.head.id > b.head.id ? 1 : 0;
}
