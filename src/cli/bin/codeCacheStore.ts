/**
 * Where the CLI keeps V8's compiled code for its chunks between invocations (issue #15: compiling
 * the `run` path's JavaScript was ~7 ms of every run). One folder per build, Node architecture and
 * V8 version, in the user's own cache folder; one file per chunk.
 *
 * A cache can only ever cost speed, never a run: every failure (no home, unwritable, full disk,
 * another user's or a group-writable folder, a damaged file) means "no cache" and nothing is said.
 * V8 itself does not check a code cache's payload in release builds (a flipped byte crashed or hung
 * node in every trial), so each file carries a SHA-1 of its payload, checked before V8 sees it;
 * SHA-1 guards against damage, the folder's owner and mode against other users.
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

/** File layout: MAGIC, then the payload's SHA-1 (20 bytes), then V8's cached data. */
const MAGIC = Buffer.from('LARV8C1\n', 'latin1');
const DIGEST_BYTES = 20;
const HEADER_BYTES = MAGIC.length + DIGEST_BYTES;
/** The cache folder's parents made when missing: XDG_CACHE_HOME, lar-explorer, code-cache, build, command. */
const MAX_NEW_FOLDERS = 5;
/** Folders of older builds kept beside the current one (an extension's CLI and a global install). */
const KEEP_BUILDS = 3;

export interface CodeCacheStore {
  /** The cached data for `chunk`, or undefined when there is none or it is damaged. */
  read(chunk: string): Buffer | undefined;
  /** Stores `data` for `chunk` (atomically); false when it could not (the caller just stops trying). */
  write(chunk: string, data: Buffer): boolean;
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
 * The name of a command's cache folder. V8 refuses a cache made under other V8 flags, so an
 * invocation with node options (`NODE_OPTIONS=--max-old-space-size=…`, `node --cpu-prof …`) keeps
 * its own instead of rewriting the plain one at every switch.
 */
export function profileName(command: string, nodeOptions: readonly string[]): string {
  const options = nodeOptions.join(' ').trim();
  return options ? `${command}-${createHash('sha1').update(options).digest('hex').slice(0, 8)}` : command;
}

/**
 * The store of one command's caches (`profile`: `run`, `list`, …) in a build's folder: V8 caches
 * the functions an invocation compiled, so a cache written by `--help` would leave `run` compiling
 * its parser on every run. Undefined when the folders must not be used (another user's, or
 * writable by others).
 */
export function openCodeCacheStore(buildDir: string, profile: string): CodeCacheStore | undefined {
  const dir = join(buildDir, profile);
  if (!isPrivateOrMissing(buildDir) || !isPrivateOrMissing(dir)) return undefined;
  let ready = false;
  return {
    read(chunk) {
      try {
        return unpack(readFileSync(join(dir, `${chunk}.v8`)));
      } catch {
        return undefined;
      }
    },
    write(chunk, data) {
      try {
        if (!ready) {
          const created = makeFolders(dir);
          // A new build's folder: prune the older builds'.
          if (created.includes(buildDir)) pruneOldBuilds(join(buildDir, '..'), buildDir);
          if (!isPrivateOrMissing(buildDir) || !isPrivateOrMissing(dir)) return false;
          ready = true;
        }
        const file = join(dir, `${chunk}.v8`);
        const temp = `${file}.${process.pid}.tmp`;
        writeFileSync(temp, pack(data), { mode: 0o600 });
        renameSync(temp, file);
        return true;
      } catch {
        return false;
      }
    },
  };
}

export function pack(data: Buffer): Buffer {
  return Buffer.concat([MAGIC, digest(data), data]);
}

/** The payload of a cache file, or undefined when it is not one of ours or is damaged. */
export function unpack(file: Buffer): Buffer | undefined {
  if (file.length <= HEADER_BYTES || !file.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  const data = file.subarray(HEADER_BYTES);
  return digest(data).equals(file.subarray(MAGIC.length, HEADER_BYTES)) ? data : undefined;
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
    pruneFolders(parent, current);
  } catch {
    // Another process pruning at the same time, or a folder we may not touch: left for next time.
  }
}

function pruneFolders(parent: string, current: string): void {
  const others = readdirSync(parent, { withFileTypes: true })
    .filter((e) => e.isDirectory() && join(parent, e.name) !== current && /-v8-/.test(e.name))
    .map((e) => ({ path: join(parent, e.name), time: statSync(join(parent, e.name)).mtimeMs }))
    .sort((a, b) => b.time - a.time);
  for (const old of others.slice(KEEP_BUILDS - 1)) rmSync(old.path, { recursive: true, force: true });
}
