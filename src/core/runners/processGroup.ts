/**
 * Signals to a whole local process group (a child started with `detached: true` leads its own
 * group), and the SIGTERM → grace → SIGKILL escalation used for cancel and timeout.
 */

/** Send `sig` to the group led by `pgid`; false when the group is gone. */
export function signalGroup(pgid: number, sig: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, sig);
    return true;
  } catch {
    return false;
  }
}

/** True while any process of the group is alive (zombies included, until reaped). */
export function groupAlive(pgid: number): boolean {
  return signalGroup(pgid, 0);
}

/**
 * SIGTERM the group now, SIGKILL whatever is left after `graceMs`. The returned function cancels
 * the pending SIGKILL (call it once the group is known to be gone).
 */
export function terminateGroup(pgid: number, graceMs: number): () => void {
  if (!signalGroup(pgid, 'SIGTERM')) return () => {};
  const timer = setTimeout(() => signalGroup(pgid, 'SIGKILL'), graceMs);
  // Never keep the host process alive just to deliver the SIGKILL.
  timer.unref();
  return () => clearTimeout(timer);
}
