/**
 * Temp files a dead writer left behind (a killed process, a crash, a full disk) in a folder the
 * store writes to, and their safe removal. A temp is ours when its name is `.<name>.<owner>.<rand>.tmp`;
 * the owner tag is this host and the writer's pid. Never removes a file a live writer may own:
 *  - on this host, a temp whose writer pid is alive is kept (any process, even another user's);
 *  - a temp from another host (shared folder), or of the old untagged form, is removed only when it
 *    has not been touched for a day, far longer than any write takes.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

/** Untagged or foreign temps older than this are certainly abandoned. */
export const FOREIGN_TEMP_AGE_MS = 24 * 60 * 60 * 1000;

const TEMP_NAME = /^\..+\.tmp$/;
const OWNER = /\.([0-9a-f]{8})-(\d+)\.[0-9a-f]{12}\.tmp$/;

function hostTag(): string {
  return createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
}

/** `<host hash>-<pid>`: who is writing this temp file. */
export function tempOwnerTag(pid = process.pid): string {
  return `${hostTag()}-${pid}`;
}

/** True when a process with this pid exists on this machine (EPERM: it exists, someone else's). */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface SweepResult {
  removed: string[];
  bytes: number;
}

/**
 * Remove abandoned temp files of atomic writes from `dir` (see the module header for the rules).
 * Best effort: a file that vanished or cannot be removed is left to the next sweep.
 */
export async function sweepStaleTemps(dir: string, now = Date.now()): Promise<SweepResult> {
  const result: SweepResult = { removed: [], bytes: 0 };
  let names: string[];
  try {
    names = await fs.readdir(dir);
  } catch {
    return result;
  }
  const ourHost = hostTag();
  for (const name of names.filter((n) => TEMP_NAME.test(n))) {
    const path = join(dir, name);
    let st;
    try {
      st = await fs.lstat(path);
    } catch {
      continue;
    }
    if (!st.isFile()) continue;
    const owner = OWNER.exec(name);
    const ownerDead =
      owner !== null &&
      owner[1] === ourHost &&
      Number(owner[2]) !== process.pid &&
      !processAlive(Number(owner[2]));
    const abandoned =
      now - st.mtimeMs > FOREIGN_TEMP_AGE_MS && !(owner?.[1] === ourHost && processAlive(Number(owner[2])));
    if (!ownerDead && !abandoned) continue;
    try {
      await fs.rm(path);
      result.removed.push(name);
      result.bytes += st.size;
    } catch {
      // Gone already, or not ours to remove: the next sweep tries again.
    }
  }
  return result;
}
