/**
 * Crash-safe file writes for the record store: write a temp file in the same folder, fsync it,
 * then move it into place, so a reader (or a crash, or a full disk) only ever sees the old bytes
 * or the new bytes, never half a record. Temp names start with `.` and end with `.tmp`, so they
 * never look like a record (`*.json`) even if a crash leaves one behind; they name their writer
 * (host and pid), so a later write can sweep the ones whose writer is dead (staleTemps.ts).
 */
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { tempOwnerTag } from './staleTemps';

/** Test seams: let a test simulate a crash between the fsync and the rename, or a write that fails. */
export interface AtomicWriteHooks {
  beforeCommit?: (tempPath: string) => Promise<void> | void;
  /** Called with the temp file open and empty, before the data is written (e.g. throw ENOSPC). */
  beforeWrite?: (tempPath: string) => Promise<void> | void;
}

/**
 * What a file is written from: its text, or its text in pieces (written in order without joining
 * them first — the summary cache of 10,000 runs is ~11 MB).
 */
export type FileText = string | Iterable<string>;

function tempPathFor(target: string): string {
  return join(
    dirname(target),
    `.${basename(target)}.${tempOwnerTag()}.${randomBytes(6).toString('hex')}.tmp`,
  );
}

/** Write and fsync a new temp file; on any failure (a full disk) the partial temp is removed. */
async function writeSynced(path: string, data: FileText, hooks: AtomicWriteHooks): Promise<void> {
  // `wx`: the random temp name must not exist; never write through someone else's file.
  const handle = await fs.open(path, 'wx', 0o644);
  try {
    try {
      await hooks.beforeWrite?.(path);
      await fs.writeFile(handle, data, 'utf8'); // (FileHandle.writeFile's types take no iterable)
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (err) {
    await fs.rm(path, { force: true });
    throw err;
  }
}

/** Best effort: make the rename itself durable. Not supported on Windows (EPERM/EISDIR); ignored. */
async function syncDir(dir: string): Promise<void> {
  try {
    const handle = await fs.open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Directory fsync is an extra guarantee, not a requirement.
  }
}

export class FileExistsError extends Error {
  constructor(readonly path: string) {
    super(`refusing to overwrite existing file ${path}`);
    this.name = 'FileExistsError';
  }
}

/**
 * Create `target` with `data`; fails with FileExistsError when it already exists (never overwrites).
 * Uses link(2), which fails atomically on an existing name; file systems without hard links fall
 * back to a check-then-rename (a tiny race, acceptable for one user's run folder).
 */
export async function createFileAtomic(
  target: string,
  data: string,
  hooks: AtomicWriteHooks = {},
): Promise<void> {
  const temp = tempPathFor(target);
  try {
    await writeSynced(temp, data, hooks);
    await hooks.beforeCommit?.(temp);
    try {
      await fs.link(temp, target);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw new FileExistsError(target);
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw err;
      if (await exists(target)) throw new FileExistsError(target);
      await fs.rename(temp, target);
      await syncDir(dirname(target));
      return;
    }
    await syncDir(dirname(target));
  } finally {
    await fs.rm(temp, { force: true });
  }
}

/** Replace `target` (which may exist) with `data` atomically: readers see old or new, never a mix. */
export async function replaceFileAtomic(
  target: string,
  data: FileText,
  hooks: AtomicWriteHooks = {},
): Promise<void> {
  const temp = tempPathFor(target);
  try {
    await writeSynced(temp, data, hooks);
    await hooks.beforeCommit?.(temp);
    await fs.rename(temp, target);
  } catch (err) {
    await fs.rm(temp, { force: true });
    throw err;
  }
  await syncDir(dirname(target));
}

/**
 * Give an already written file (fsynced here) the name `target`, never replacing an existing file;
 * the source name is gone afterwards. Same folder (same file system) as `target`.
 */
export async function adoptFile(source: string, target: string): Promise<void> {
  const handle = await fs.open(source, 'r+');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.link(source, target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new FileExistsError(target);
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EXDEV') throw err;
    if (await exists(target)) throw new FileExistsError(target);
    await fs.rename(source, target);
    await syncDir(dirname(target));
    return;
  }
  await fs.rm(source, { force: true });
  await syncDir(dirname(target));
}

export async function exists(path: string): Promise<boolean> {
  try {
    await fs.lstat(path);
    return true;
  } catch {
    return false;
  }
}
