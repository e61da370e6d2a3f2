/**
 * The persistent summary cache of one runs folder, shared by the CLI and the extension: for each
 * record file, the stamp it had (size, mtime, ctime, inode) when it was read and the run's head
 * (runHead.ts) — or the reason it could not be read, so a bad file is still reported every time
 * without being re-read. A listing then costs one directory read and one stat per file.
 *
 * Where: `<workspace>/.lar-explorer/cache/runs-index.json`, beside (not inside) `runs/`: users
 * commit `runs/` (and `studies/`) to git, and a cache there would be committed and conflict. The
 * cache folder gets a `.gitignore` holding `*` (as pytest's `.pytest_cache` does), so it ignores
 * itself without touching the user's own `.gitignore`; `artifacts/`, `profiles/` and `exports/`
 * are the other neighbours and none of them is read here.
 *
 * Rules: the cache is only ever an optimisation. Missing, corrupt, of another format / tool /
 * record-schema version: treated as empty (and rewritten). The file is a header line (the version
 * key and the sha-1 of the rest) and the entries: a torn or hand-edited file fails the digest and
 * is rebuilt as a whole, so the heads in it are exactly what this code derived from checked records
 * (no per-entry schema check: over 10,000 heads that cost more than the rest of a listing).
 * An entry is trusted only when the file's stamp now equals the stamp observed before the entry's
 * read (stat, then read — never read, then stat), and not when the file was written so shortly
 * before that observation that a second write in the same clock tick could hide (git's "racily
 * clean" rule). Writes are atomic (temp + rename);
 * concurrent writers (CLI and extension) simply replace each other's file: every entry carries its
 * own stamp, so the worst case is a re-read. A cache that cannot be written (read-only checkout) is
 * ignored. The cache never writes a record file.
 */
import { createHash } from 'node:crypto';
import type { Stats } from 'node:fs';
import { promises as fs } from 'node:fs';
import { dirname, join } from 'node:path';
import { TimeSlices } from './timeSlices';
import { TOOL_LABEL } from '../version';
import { replaceFileAtomic } from './atomicFile';
import type { RunHead } from './runHead';
import { RECORD_SCHEMA_VERSION } from './runRecord';
import { sweepStaleTemps } from './staleTemps';

export const CACHE_FOLDER = join('.lar-explorer', 'cache');
export const RUNS_CACHE_FILE = 'runs-index.json';
/**
 * Bump whenever the head derivation or this file's layout changes: older caches are then rebuilt.
 * 2: one entry per line (format 1 was one JSON object), parsed and written in slices that yield.
 */
export const CACHE_FORMAT = 2;
/**
 * How long reading or writing entries may run before yielding to the event loop: at 10,000 runs
 * the cache is ~11 MB of JSON, which parsed in one piece stalled a host's event loop 100–140 ms.
 */
const SLICE_MS = 8;
/**
 * A file whose mtime is this close to (or after) the moment its stamp was taken is not trusted
 * from the cache: coarse file-system clocks (FAT: 2 s, HFS+: 1 s, Linux: a few ms) could hide a
 * second write of the same size. It is re-read on the next load, by which time it is old enough.
 */
export const RACY_MS = 3000;

export interface FileStamp {
  size: number;
  mtimeMs: number;
  ctimeMs: number;
  ino: number;
}

export function stampOf(st: Stats): FileStamp {
  return { size: st.size, mtimeMs: st.mtimeMs, ctimeMs: st.ctimeMs, ino: st.ino };
}

export function sameStamp(a: FileStamp, b: FileStamp): boolean {
  return a.size === b.size && a.mtimeMs === b.mtimeMs && a.ctimeMs === b.ctimeMs && a.ino === b.ino;
}

/** What the index knows of one file: its stamp, when the stamp was taken, and the head or the problem. */
export type CacheEntry = { stamp: FileStamp; seen: number } & ({ head: RunHead } | { problem: string });

/** The entry still describes the file whose stamp is `now`. */
export function entryIsFresh(
  entry: { stamp: FileStamp; seen: number },
  now: FileStamp,
  racyMs = RACY_MS,
): boolean {
  // mtime, not ctime: only a tool that sets mtime back (cp -p, rsync -t) keeps an old mtime, and it
  // would also have to hit the same ctime tick, size and inode to look unchanged.
  return sameStamp(entry.stamp, now) && now.mtimeMs < entry.seen - racyMs;
}

/** The key a cache must carry to be read: another format, tool or record schema means rebuild. */
function versionKey(): { format: number; tool: string; recordSchema: number } {
  return { format: CACHE_FORMAT, tool: TOOL_LABEL, recordSchema: RECORD_SCHEMA_VERSION };
}

const NEWLINE = 0x0a;

/** Serialised entry, one per line: the file, the stamp as [size, mtimeMs, ctimeMs, ino], then the head or the problem. */
type SerialEntry = { f: string; s: [number, number, number, number]; seen: number } & (
  { head: RunHead } | { problem: string }
);

export class RunsCache {
  /** False after a write failed (read-only folder): later writes are not attempted again. */
  private writable = true;

  constructor(readonly file: string) {}

  /** The cache of the runs folder of a workspace root. */
  static forWorkspace(root: string): RunsCache {
    return new RunsCache(join(root, CACHE_FOLDER, RUNS_CACHE_FILE));
  }

  /** The entries by file name; empty when the cache is missing, unreadable, corrupt or of another version. */
  async read(): Promise<Map<string, CacheEntry>> {
    const out = new Map<string, CacheEntry>();
    // Bytes, not text: ~11 MB at 10,000 runs, hashed as they are and decoded a line at a time, so
    // no 11 MB string is made (decoding and hashing one held a host's event loop for tens of ms).
    let bytes: Buffer;
    let cut: number;
    try {
      bytes = await fs.readFile(this.file);
      cut = bytes.indexOf(NEWLINE);
      if (cut < 0) return out;
      const header = JSON.parse(bytes.toString('utf8', 0, cut)) as {
        key?: Record<string, unknown>;
        sha1?: unknown;
      };
      const want = versionKey();
      const k = header.key;
      if (k?.format !== want.format || k.tool !== want.tool || k.recordSchema !== want.recordSchema)
        return out;
      const digest = createHash('sha1')
        .update(bytes.subarray(cut + 1))
        .digest('hex');
      if (header.sha1 !== digest) return out;
    } catch {
      return out; // missing or corrupt: rebuilt by the next write
    }
    const slices = new TimeSlices(SLICE_MS);
    for (let at = cut + 1; at < bytes.length;) {
      const nl = bytes.indexOf(NEWLINE, at);
      const end = nl < 0 ? bytes.length : nl;
      let e: SerialEntry;
      try {
        e = JSON.parse(bytes.toString('utf8', at, end)) as SerialEntry;
      } catch {
        return new Map(); // cannot happen behind a matching digest, short of a bug: start afresh
      }
      at = end + 1;
      const [size, mtimeMs, ctimeMs, ino] = e.s;
      const stamp = { size, mtimeMs, ctimeMs, ino };
      out.set(
        e.f,
        'head' in e
          ? { stamp, seen: e.seen, head: withNaN(e.head) }
          : { stamp, seen: e.seen, problem: e.problem },
      );
      await slices.maybeYield();
    }
    return out;
  }

  /** Replace the cache with these entries. Never throws; false when it could not be written. */
  async write(entries: Iterable<[string, CacheEntry]>): Promise<boolean> {
    if (!this.writable) return false;
    const lines: string[] = [];
    const slices = new TimeSlices(SLICE_MS);
    for (const [f, e] of entries) {
      const s: SerialEntry['s'] = [e.stamp.size, e.stamp.mtimeMs, e.stamp.ctimeMs, e.stamp.ino];
      const serial: SerialEntry =
        'head' in e ? { f, s, seen: e.seen, head: e.head } : { f, s, seen: e.seen, problem: e.problem };
      lines.push(JSON.stringify(serial));
      await slices.maybeYield();
    }
    // The digest of the lines joined by newlines, without joining them (an 11 MB string, twice).
    const hash = createHash('sha1');
    lines.forEach((line, i) => hash.update(i === 0 ? line : `\n${line}`));
    const header = JSON.stringify({ key: versionKey(), sha1: hash.digest('hex') });
    const dir = dirname(this.file);
    try {
      await fs.mkdir(dir, { recursive: true });
      await ignoreFolder(dir);
      await sweepStaleTemps(dir);
      await replaceFileAtomic(this.file, piecesOf(header, lines));
      return true;
    } catch {
      // A read-only checkout, a full disk: everything still works, listings just read the records.
      this.writable = false;
      return false;
    }
  }
}

/** The header line, then the lines joined by newlines, a few hundred lines per piece. */
function* piecesOf(header: string, lines: readonly string[]): Generator<string> {
  yield `${header}\n`;
  for (let i = 0; i < lines.length; i += 500) {
    yield (i === 0 ? '' : '\n') + lines.slice(i, i + 500).join('\n');
  }
}

/**
 * JSON writes NaN (a tool's `nan`, e.g. the sd of `--iter 1`) as null; the record reader turns those
 * measured fields back into NaN (recordSchema.ts `measured`), and so does this, so a head from the
 * cache equals the head of the record.
 */
function withNaN(head: RunHead): RunHead {
  const r = head.result;
  if (!r) return head;
  const nan = (x: number | null): number => (x === null ? Number.NaN : x);
  const p = r.phases;
  p.warmupMs = p.warmupMs.map(nan);
  if (p.inference) {
    const i = p.inference;
    i.meanMs = nan(i.meanMs);
    i.sdMs = nan(i.sdMs);
    i.minMs = nan(i.minMs);
    i.maxMs = nan(i.maxMs);
    i.medianMs = nan(i.medianMs);
  }
  if (r.fitting) for (const c of r.fitting.candidates) c.meanMs = nan(c.meanMs);
  return head;
}

/** `<cache>/.gitignore` with `*`: the folder keeps itself out of git. Written once, never replaced. */
async function ignoreFolder(dir: string): Promise<void> {
  try {
    await fs.writeFile(
      join(dir, '.gitignore'),
      '# Created by lar-explorer: a cache, rebuilt when missing; safe to delete.\n*\n',
      { flag: 'wx' },
    );
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
}
