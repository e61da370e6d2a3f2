/**
 * The run-record store: one JSON file per run in a folder (`<workspace>/.lar-explorer/runs/`).
 * Owns naming, atomic writes, the large-log and iterations sidecars, and tolerant loading. Two promises to the user:
 * a record is never overwritten except by an explicit `update` (rename, baseline pin), and a file
 * the store cannot read (corrupt, newer schema, hand-edited) is reported and left byte-for-byte alone.
 */
import { promises as fs } from 'node:fs';
import { basename, join } from 'node:path';
import {
  adoptFile,
  createFileAtomic,
  FileExistsError,
  replaceFileAtomic,
  type AtomicWriteHooks,
} from './atomicFile';
import { recordToJson } from './canonicalJson';
import { iterationsTableName, iterationsToCsv } from './iterationsTable';
import { encodeRecord } from './recordEncoding';
import { readRegularFile } from './regularFile';
import { readRecordAt, type Located, type ReadRecordOptions, type RecordProblem } from './recordFile';
import { sweepStaleTemps } from './staleTemps';
import { recordFileName, shortId } from './recordNames';
import { RecordIndex, type HeadListing } from './recordIndex';
import { isFullRecord, type RunHead } from './runHead';
import { RECORD_SCHEMA_VERSION, type RunRecord } from './runRecord';
import { RunsCache } from './runsCache';
import { noSuchRun, pickRun, RecordNotFoundError, RecordStoreError } from './runIds';

export type { Located, RecordProblem } from './recordFile';
export { RecordNotFoundError, RecordStoreError } from './runIds';

/** Logs larger than this (UTF-8 bytes) go to a sibling `.log` file so the JSON stays reviewable. */
export const INLINE_LOG_LIMIT = 256 * 1024;

/**
 * Runs with more iterations than this keep them in a CSV table beside the record
 * (`<record>.iterations.csv`). Inline columns cost ~7 bytes per number: 10,000 iterations with host
 * times are ~140 KB of JSON, about the size of the largest inline log (INLINE_LOG_LIMIT), and read
 * in ~2 ms; past that, a record would be mostly one line of numbers that git diffs and editors
 * handle badly (300,000 iterations: ~4 MB inline). `npm run bench:records` prints the figures.
 */
export const INLINE_ITERATIONS_LIMIT = 10_000;

export const RUNS_FOLDER = join('.lar-explorer', 'runs');

export interface RecordListing {
  /** Oldest first (by start time, then id). */
  records: RunRecord[];
  problems: RecordProblem[];
}

/** What `update` may change: identity, measurements and the command are immutable history. */
export interface RecordPatch {
  /** New label; `null` removes it. */
  label?: string | null;
  /** Pin (`true`) or unpin (`false`/`null`) as baseline. */
  baseline?: boolean | null;
}

export interface RecordStoreOptions {
  inlineLogLimit?: number;
  /** Runs with more iterations than this keep them in a table beside the record. */
  inlineIterationsLimit?: number;
  /** Test seam for crash simulation. */
  hooks?: AtomicWriteHooks;
  /** The persistent summary cache listings use (runsCache.ts); `forWorkspace` gives the workspace's. */
  cache?: RunsCache;
}

export interface SaveOptions {
  /**
   * A log already written to a file in this folder while the run went on (benchmark/runLog.ts),
   * for a record whose `log` is null: it becomes the record's sidecar without being read back.
   */
  spillFile?: string;
}

export class RecordStore {
  /** Logs up to this many UTF-8 bytes stay inline in the record; longer ones become a sidecar. */
  readonly inlineLogLimit: number;
  /** Runs with more iterations than this keep them in a table beside the record. */
  readonly inlineIterationsLimit: number;
  private readonly hooks: AtomicWriteHooks;
  private readonly cache: RunsCache | undefined;
  private indexOfFolder: RecordIndex | undefined;

  constructor(
    readonly dir: string,
    options: RecordStoreOptions = {},
  ) {
    this.inlineLogLimit = options.inlineLogLimit ?? INLINE_LOG_LIMIT;
    this.inlineIterationsLimit = options.inlineIterationsLimit ?? INLINE_ITERATIONS_LIMIT;
    this.hooks = options.hooks ?? {};
    this.cache = options.cache;
  }

  /** The store of a workspace: `<root>/.lar-explorer/runs`, with its cache `<root>/.lar-explorer/cache/`. */
  static forWorkspace(root: string, options?: RecordStoreOptions): RecordStore {
    return new RecordStore(join(root, RUNS_FOLDER), { cache: RunsCache.forWorkspace(root), ...options });
  }

  /**
   * The folder's index of heads (one per store, made on first use, loaded by `heads`): the
   * extension keeps it current from file events; the store's own writes update it file by file.
   */
  index(): RecordIndex {
    this.indexOfFolder ??= new RecordIndex(this, { cache: this.cache });
    return this.indexOfFolder;
  }

  /**
   * Every record's head and every unreadable file, through the index and its persistent cache: a
   * listing reads only the files the cache does not describe. The first call loads the index; later
   * calls sync it (one listing and one stat per file).
   */
  async heads(): Promise<HeadListing> {
    const index = this.index();
    if (index.isLoaded) {
      if ((await index.sync()) > 0) await index.persist();
    } else await index.load();
    return index.listing();
  }

  /** Resolve ids or unique prefixes on the heads (no record read in full); problems as `heads`. */
  async resolveHeads(idsOrPrefixes: readonly string[]): Promise<HeadListing> {
    const listing = await this.heads();
    return { heads: idsOrPrefixes.map((id) => pickRun(listing, id, this.dir)), problems: listing.problems };
  }

  /**
   * The full record of a run (iterations, inline log), read from its one file. Undefined when no
   * such run exists (anymore).
   */
  async readFull(id: string): Promise<RunRecord | undefined> {
    return (await this.locate(id))?.record;
  }

  /**
   * Save a new record, in the current schema. Returns the record as stored (a large log moved to
   * `logFile`, a long run's iterations noted in `iterationsFile`; `result.iterations` kept whole).
   * Throws RecordStoreError if a record with the same file name exists: saving never overwrites.
   */
  async save(record: RunRecord, options: SaveOptions = {}): Promise<RunRecord> {
    if (record.iterationsProblem !== undefined) {
      // Its iterations could not be read: saving it would write a run without them as if complete.
      throw new RecordStoreError(`cannot save run ${record.id}: ${record.iterationsProblem}`);
    }
    await this.ensureDir();
    // Temps of writers that died (kill -9, a full disk) would hold their space for good: reclaim it
    // before writing, which is also when a nearly full disk needs it most.
    await sweepStaleTemps(this.dir);
    const file = recordFileName(record);
    const target = join(this.dir, file);
    let stored = record;
    let sidecar: string | undefined;
    if (record.log !== null && Buffer.byteLength(record.log, 'utf8') > this.inlineLogLimit) {
      const logName = file.replace(/\.json$/, '.log');
      sidecar = join(this.dir, logName);
      try {
        // The log goes first: a record must never point at a log that is not there yet.
        await createFileAtomic(sidecar, record.log, this.hooks);
      } catch (err) {
        throw this.wrapWriteError(err, sidecar);
      }
      stored = { ...record, log: null, logFile: logName };
    } else if (record.log === null && options.spillFile) {
      const logName = file.replace(/\.json$/, '.log');
      sidecar = join(this.dir, logName);
      try {
        await adoptFile(options.spillFile, sidecar);
      } catch (err) {
        throw this.wrapWriteError(err, sidecar);
      }
      stored = { ...record, logFile: logName };
    }
    let table: string | undefined;
    const iterations = record.result?.iterations ?? [];
    if (iterations.length > this.inlineIterationsLimit) {
      const tableName = iterationsTableName(file);
      table = join(this.dir, tableName);
      try {
        // As the log: the table first, so the record never points at a table that is not there yet.
        await createFileAtomic(table, iterationsToCsv(iterations), this.hooks);
      } catch (err) {
        if (sidecar) await fs.rm(sidecar, { force: true });
        throw this.wrapWriteError(err, table);
      }
      stored = { ...stored, iterationsFile: tableName };
    } else if (stored.iterationsFile !== undefined) {
      const { iterationsFile: _stale, ...rest } = stored;
      void _stale;
      stored = rest;
    }
    try {
      await createFileAtomic(target, recordToJson(encodeRecord(stored, stored.iterationsFile)), this.hooks);
    } catch (err) {
      if (sidecar) await fs.rm(sidecar, { force: true });
      if (table) await fs.rm(table, { force: true });
      throw this.wrapWriteError(err, target);
    }
    return { ...stored, schema: RECORD_SCHEMA_VERSION };
  }

  /**
   * Load every record in full (every file read and checked); unreadable files are reported in
   * `problems` and never touched. Listings want `heads()`, which reads only what the cache lacks.
   */
  async list(): Promise<RecordListing> {
    const names = await this.recordFileNames();
    const located: Located[] = [];
    const problems: RecordProblem[] = [];
    // Bounded batches: a folder of thousands of runs must not exhaust file handles (EMFILE).
    for (let i = 0; i < names.length; i += 32) {
      const batch = await Promise.all(names.slice(i, i + 32).map((name) => this.load(name)));
      for (const entry of batch) {
        if ('record' in entry) {
          located.push(entry);
          if (entry.problem) problems.push(entry.problem);
        } else problems.push(entry);
      }
    }
    located.sort((a, b) => compareRecords(a.record, b.record));
    return { records: located.map((l) => l.record), problems };
  }

  async get(id: string): Promise<RunRecord | undefined> {
    return this.readFull(id);
  }

  /**
   * Find a record by full id or unique id prefix (what a person types in the CLI).
   * Throws RecordStoreError naming the candidates when the prefix is ambiguous or matches nothing.
   */
  async resolve(idOrPrefix: string): Promise<RunRecord> {
    return (await this.resolveMany([idOrPrefix])).records[0]!;
  }

  /**
   * Resolve several ids or prefixes on the heads (one listing of the folder, the cache for the
   * rest), then read only the chosen records in full (a folder with a 40 MB record read 12 times in
   * parallel took 17 s and 1.8 GB). Returns the records in the order asked, plus the files that
   * could not be read, which the caller should mention.
   */
  async resolveMany(idsOrPrefixes: readonly string[]): Promise<RecordListing> {
    const { heads, problems } = await this.resolveHeads(idsOrPrefixes);
    const full = new Map<string, RunRecord>();
    for (const head of heads) {
      if (full.has(head.id)) continue;
      const record = await this.readFull(head.id);
      // Deleted or rewritten into something unreadable since it was listed.
      if (!record)
        throw new RecordNotFoundError(
          `run ${head.id} vanished from ${this.dir} while being read`,
          `读取时运行 ${head.id} 已从 ${this.dir} 中消失`,
        );
      full.set(head.id, record);
    }
    return { records: heads.map((h) => full.get(h.id)!), problems };
  }

  /** Rename or (un)pin a record; the only way an existing record file is rewritten (atomically). */
  async update(id: string, patch: RecordPatch): Promise<RunRecord> {
    const found = await this.locate(id);
    if (!found) throw noSuchRun(id, this.dir);
    const raw = { ...found.raw };
    const next: RunRecord = { ...found.record };
    if (patch.label !== undefined) {
      const label = patch.label?.trim();
      if (label) {
        raw.label = next.label = label;
      } else {
        delete raw.label;
        delete next.label;
      }
    }
    if (patch.baseline !== undefined) {
      if (patch.baseline) {
        raw.baseline = next.baseline = true;
      } else {
        delete raw.baseline;
        delete next.baseline;
      }
    }
    const target = join(this.dir, found.file);
    try {
      await replaceFileAtomic(target, recordToJson(raw), this.hooks);
    } catch (err) {
      throw this.wrapWriteError(err, target);
    }
    // The one file written: the index reads it back (its new stamp), nothing else.
    if (this.indexOfFolder?.isLoaded) await this.indexOfFolder.refresh(found.file);
    return next;
  }

  /**
   * Pin `id` as the baseline of its model and unpin the other runs of the same model (same sha256,
   * or same path when a hash is missing). Returns the pinned record.
   */
  async pinBaseline(id: string): Promise<RunRecord> {
    const pinned = await this.get(id);
    if (!pinned) throw noSuchRun(id, this.dir);
    // The other baselines from the heads (cache / index), not from reading every record.
    const { heads } = await this.heads();
    for (const other of heads) {
      if (other.id !== id && other.baseline && sameModel(other, pinned))
        await this.update(other.id, { baseline: false });
    }
    return this.update(id, { baseline: true });
  }

  /** Remove a record and its log and iterations sidecars. Returns false when no such record exists. */
  async delete(id: string): Promise<boolean> {
    const found = await this.locate(id);
    if (!found) return false;
    await fs.rm(join(this.dir, found.file));
    // Sidecar names come from a user-editable file: never let one take another record with it.
    for (const sidecar of [found.record.logFile, found.record.iterationsFile]) {
      if (sidecar && !sidecar.toLowerCase().endsWith('.json'))
        await fs.rm(this.logPath(sidecar), { force: true });
    }
    this.indexOfFolder?.forget(found.file);
    return true;
  }

  /**
   * The full raw log: inline, or read from the sidecar. Null when there is none (or it was removed).
   * A head does not carry an inline log: its record file is read for it.
   */
  async readLog(run: RunRecord | RunHead): Promise<string | null> {
    const record = isFullRecord(run) ? run : run.inlineLog ? await this.readFull(run.id) : run;
    if (!record) return null;
    if (isFullRecord(record) && record.log !== null) return record.log;
    if (!record.logFile) return null;
    try {
      return await readRegularFile(this.logPath(record.logFile));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw new RecordStoreError(`cannot read log ${record.logFile}: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }

  // -------------------------------------------------------------------------------------------

  /** `logFile` (and an iterations table) come from a user-editable file: only a plain name inside the folder is honoured. */
  private logPath(logFile: string): string {
    return join(this.dir, basename(logFile));
  }

  private async ensureDir(): Promise<void> {
    try {
      await fs.mkdir(this.dir, { recursive: true });
    } catch (err) {
      throw new RecordStoreError(`cannot create run records folder ${this.dir}: ${(err as Error).message}`, {
        cause: err,
      });
    }
  }

  private async recordFileNames(): Promise<string[]> {
    let names: string[];
    try {
      names = await fs.readdir(this.dir);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw new RecordStoreError(`cannot read run records folder ${this.dir}: ${(err as Error).message}`, {
        cause: err,
      });
    }
    // Dot files are temp files of an interrupted write (or editor swap files): not records.
    return names.filter((n) => n.endsWith('.json') && !n.startsWith('.')).sort();
  }

  /**
   * Read and check one record file of the folder (by name). Never throws for a bad file: an
   * unreadable, corrupt or newer-schema file comes back as a problem (the incremental index reads
   * exactly one file per change through this).
   */
  async readRecordFile(file: string, options?: ReadRecordOptions): Promise<Located | RecordProblem> {
    return readRecordAt(this.dir, file, options);
  }

  /** The record file names of the folder (dot files and non-JSON excluded), sorted. */
  listRecordFiles(): Promise<string[]> {
    return this.recordFileNames();
  }

  private load(file: string): Promise<Located | RecordProblem> {
    return readRecordAt(this.dir, file);
  }

  /**
   * Find a record's file without reading the folder's records: the file the loaded index names,
   * else by the short id in the file name, else (renamed by hand) through the heads (the index and
   * its cache). Only the candidate files are read in full.
   */
  private async locate(id: string): Promise<Located | undefined> {
    const tried = new Set<string>();
    const attempt = async (name: string | undefined): Promise<Located | undefined> => {
      if (name === undefined || tried.has(name)) return undefined;
      tried.add(name);
      const entry = await this.load(name);
      return 'record' in entry && entry.record.id === id ? entry : undefined;
    };
    const indexed = this.indexOfFolder?.isLoaded ? this.indexOfFolder.fileOf(id) : undefined;
    const found = await attempt(indexed);
    if (found) return found;
    const suffix = `-${shortId(id)}.json`;
    for (const name of (await this.recordFileNames()).filter((n) => n.endsWith(suffix))) {
      const hit = await attempt(name);
      if (hit) return hit;
    }
    await this.heads();
    return attempt(this.index().fileOf(id));
  }

  private wrapWriteError(err: unknown, path: string): RecordStoreError {
    if (err instanceof RecordStoreError) return err;
    if (err instanceof FileExistsError) {
      return new RecordStoreError(`a run record already exists at ${path}; records are never overwritten`, {
        cause: err,
      });
    }
    return new RecordStoreError(`cannot write run record ${path}: ${(err as Error).message}`, { cause: err });
  }
}

function compareRecords(a: RunRecord, b: RunRecord): number {
  const t = Date.parse(a.startedAt) - Date.parse(b.startedAt);
  if (t !== 0 && !Number.isNaN(t)) return t;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function sameModel(a: Pick<RunRecord, 'model'>, b: Pick<RunRecord, 'model'>): boolean {
  if (a.model.sha256 && b.model.sha256) return a.model.sha256 === b.model.sha256;
  return a.model.path === b.model.path;
}
