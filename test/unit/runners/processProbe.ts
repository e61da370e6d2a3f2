/**
 * Test helper: which processes are really alive (zombies excluded: PID 1 in containers often does
 * not reap orphans, and a zombie still answers kill(pid, 0)).
 */
import { execFileSync } from 'node:child_process';

interface Proc {
  pid: number;
  pgid: number;
  args: string;
}

function liveProcesses(): Proc[] {
  const out = execFileSync('ps', ['-eo', 'pid=,pgid=,stat=,args='], { encoding: 'utf8' });
  const procs: Proc[] = [];
  for (const line of out.split('\n')) {
    const m = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(.*)$/.exec(line);
    if (!m || m[3].startsWith('Z')) continue;
    procs.push({ pid: Number(m[1]), pgid: Number(m[2]), args: m[4] });
  }
  return procs;
}

/** Live processes whose command line contains `marker` (this test process excluded). */
export function livePidsMatching(marker: string): number[] {
  return liveProcesses()
    .filter((p) => p.args.includes(marker) && p.pid !== process.pid && !p.args.startsWith('ps '))
    .map((p) => p.pid);
}

/** Live members of process group `pgid`. */
export function liveGroupMembers(pgid: number): number[] {
  return liveProcesses()
    .filter((p) => p.pgid === pgid)
    .map((p) => p.pid);
}

/** Poll until `probe()` returns an empty list or the time is up; returns the last list. */
export async function waitUntilGone(probe: () => number[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let left = probe();
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, 100));
    left = probe();
  }
  return left;
}
