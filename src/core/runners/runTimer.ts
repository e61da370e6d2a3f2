/**
 * The run time limit as a timer that means what it says. Node's setTimeout takes at most 2^31-1 ms
 * (24.8 days); a longer delay overflows to 1 ms, so a generous `--timeout` would kill the run at
 * once. Long limits are kept as a chain of shorter timers instead.
 */

export const MAX_TIMER_MS = 2 ** 31 - 1;

export interface RunTimer {
  clear(): void;
}

/** Call `onTimeout` after `ms` (any finite length); nothing happens for 0, undefined or non-finite. */
export function startRunTimer(ms: number | undefined, onTimeout: () => void): RunTimer {
  let handle: ReturnType<typeof setTimeout> | undefined;
  const arm = (remaining: number): void => {
    handle = setTimeout(
      () => (remaining > MAX_TIMER_MS ? arm(remaining - MAX_TIMER_MS) : onTimeout()),
      Math.min(remaining, MAX_TIMER_MS),
    );
  };
  if (ms !== undefined && Number.isFinite(ms) && ms > 0) arm(Math.max(1, Math.round(ms)));
  return { clear: () => clearTimeout(handle) };
}
