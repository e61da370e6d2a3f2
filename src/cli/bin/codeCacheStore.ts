/**
 * Where the CLI keeps V8's compiled code for its chunks between invocations (issue #15: V8
 * compiled the `run` path's JavaScript anew on every run). One folder per build, Node architecture
 * and V8 version, in the user's own cache folder; in it one file per command, holding every chunk
 * that command loaded.
 *
 * A cache can only ever cost speed, never a run: every failure (no home, unwritable, full disk,
 * another user's or a group-writable folder, a damaged file) means "no cache" and nothing is said.
 * V8 itself does not check a code cache's payload in release builds (a flipped byte crashed or hung
 * node in every trial), so each file carries a SHA-1 of its contents, checked before V8 sees any of
 * it; SHA-1 guards against damage, the folder's owner and mode against other users.
 * Must stay tiny and import node builtins only: it runs before any chunk (see cliBin.ts).
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * File layout: MAGIC, the SHA-1 (20 bytes) of the rest, the length (uint32 LE) of a JSON index
 * `[[chunk, bytes], …]`, the index, then each chunk's V8 data in the index's order.
 */
const MAGIC = Buffer.from('LARV8C2\n', 'latin1');
const DIGEST_BYTES = 20;
const HEADER_BYTES = MAGIC.length + DIGEST_BYTES;
/** The cache folder's parents made when missing: XDG_CACHE_HOME, lar-explorer, code-cache, build. */
const MAX_NEW_FOLDERS = 4;
/** Folders of older builds kept beside the current one (an extension's CLI and a global install). */
const KEEP_BUILDS = 3;

export type ChunkCaches = ReadonlyMap<string, Buffer>;

export interface CodeCacheStore {
  /** The cached data of each chunk; empty when there is none yet or the file is damaged. */
  read(): ChunkCaches;
  /** Replaces the file with these chunks' data (atomically); false when it could not. */
  write(caches: ChunkCaches): boolean;
}

export interface CacheHome {
  env: Record<string, string | undefined>;
  platform: NodeJS.Platform;
  home: string | undefined;
}

/** The user's cache folder for lar-explorer, or undefined when there is none to use. */
export function cacheRoot({ env, platform, home }: CacheHome): string | undefined {
  const base =
    platform === 'win32'
      ? env.LOCALAPPDATA
      : platform === 'darwin'
        ? home && join(home, 'Library', 'Caches')
        : env.XDG_CACHE_HOME || (home && join(home, '.cache'));
  return base ? join(base, 'lar-explorer') : undefined;
}

/** The folder of this build's caches: a cache is only valid for the same code, V8 and CPU. */
export function codeCacheDir(root: string, buildId: string): string {
  return join(root, 'code-cache', `${buildId}-${process.arch}-v8-${process.versions.v8}`);
}

/**
 * The name of a command's cache. V8 refuses a cache made under other V8 flags, so an invocation
 * with node options (`NODE_OPTIONS=--max-old-space-size=…`, `node --cpu-prof …`) keeps its own
 * instead of rewriting the plain one at every switch.
 */
export function profileName(command: string, nodeOptions: readonly string[]): string {
  const options = nodeOptions.join(' ').trim();
  return options ? `${command}-${createHash('sha1').update(options).digest('hex').slice(0, 8)}` : command;
}

/**
 * The store of one command's cache (`profile`: `run`, `list`, …) in a build's folder: V8 caches
 * the functions an invocation compiled, so a cache written by `--help` would leave `run` compiling
 * its parser on every run. Undefined when the folder must not be used (another user's, or
 * writable by others).
 */
export function openCodeCacheStore(buildDir: string, profile: string): CodeCacheStore | undefined {
  if (!isPrivateOrMissing(buildDir)) return undefined;
  const file = join(buildDir, `${profile}.v8`);
  return {
    read() {
      try {
        return unpack(readFileSync(file));
      } catch {
        return new Map();
      }
    },
    write(caches) {
      try {
        // A new build's folder: prune the older builds'.
        if (makeFolders(buildDir).includes(buildDir)) pruneOldBuilds(dirname(buildDir), buildDir);
        if (!isPrivateOrMissing(buildDir)) return false;
        const temp = `${file}.${process.pid}.tmp`;
        writeFileSync(temp, pack(caches), { mode: 0o600 });
        renameSync(temp, file);
        return true;
      } catch {
        return false;
      }
    },
  };
}

export function pack(caches: ChunkCaches): Buffer {
  const entries = [...caches];
  const index = Buffer.from(JSON.stringify(entries.map(([name, data]) => [name, data.length])));
  const length = Buffer.alloc(4);
  length.writeUInt32LE(index.length);
  const body = Buffer.concat([length, index, ...entries.map(([, data]) => data)]);
  return Buffer.concat([MAGIC, digest(body), body]);
}

/** The chunks' data in a cache file; empty when it is not one of ours or is damaged in any byte. */
export function unpack(file: Buffer): ChunkCaches {
  const caches = new Map<string, Buffer>();
  if (file.length < HEADER_BYTES + 4 || !file.subarray(0, MAGIC.length).equals(MAGIC)) return caches;
  const body = file.subarray(HEADER_BYTES);
  if (!digest(body).equals(file.subarray(MAGIC.length, HEADER_BYTES))) return caches;
  const indexEnd = 4 + body.readUInt32LE(0);
  let at = indexEnd;
  for (const [name, bytes] of JSON.parse(body.subarray(4, indexEnd).toString()) as Array<[string, number]>) {
    caches.set(name, body.subarray(at, at + bytes));
    at += bytes;
  }
  return caches;
}

/**
 * Makes `dir` and its missing parents (at most MAX_NEW_FOLDERS), private, one level at a time;
 * returns the folders made. Not mkdir's `recursive`: on some file systems (/proc) it never returns.
 */
function makeFolders(dir: string): string[] {
  const missing: string[] = [];
  for (let d = dir; missing.length < MAX_NEW_FOLDERS && !existsSync(d); d = dirname(d)) missing.unshift(d);
  for (const d of missing) mkdirSync(d, { mode: 0o700 });
  return missing;
}

function digest(data: Buffer): Buffer {
  return createHash('sha1').update(data).digest();
}

/**
 * Code from this folder runs as the user: it must be theirs and writable by no one else. On
 * Windows (no uid, no mode bits) the user's LOCALAPPDATA is private already.
 */
function isPrivateOrMissing(dir: string): boolean {
  try {
    const st = statSync(dir);
    if (!st.isDirectory()) return false;
    if (process.platform === 'win32' || typeof process.getuid !== 'function') return true;
    return st.uid === process.getuid() && (st.mode & 0o022) === 0;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT';
  }
}

/** Removes the caches of older builds, keeping the newest few (by folder time). Best effort. */
function pruneOldBuilds(parent: string, current: string): void {
  try {
    const others = readdirSync(parent, { withFileTypes: true })
      .filter((e) => e.isDirectory() && join(parent, e.name) !== current && /-v8-/.test(e.name))
      .map((e) => ({ path: join(parent, e.name), time: statSync(join(parent, e.name)).mtimeMs }))
      .sort((a, b) => b.time - a.time);
    for (const old of others.slice(KEEP_BUILDS - 1)) rmSync(old.path, { recursive: true, force: true });
  } catch {
    // Another process pruning at the same time, or a folder we may not touch: left for next time.
  }
}
