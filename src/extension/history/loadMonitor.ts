/**
 * Measures a run-history load in the real extension host (issue #15): wall time and the event-loop
 * delay while it ran (`perf_hooks.monitorEventLoopDelay`: how late the loop's timers fired, i.e. how
 * long the host was unable to answer anything — other extensions, tree requests, commands). One
 * line goes to the extension's log, e.g.
 *   `run history loaded: 10,000 records from 1 folder in 812 ms; event-loop delay max 95 ms, p99 40 ms`
 * which `bench:host` reads back. Measuring only: the load itself is RunHistory's.
 */
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';

export interface LoadFigures {
  ms: number;
  /** Longest stall of the event loop during the load (ms). */
  maxDelayMs: number;
  p99DelayMs: number;
}

export interface LoadLog {
  info(message: string): void;
}

/** Sampling step of the delay histogram (ms): fine enough to tell 50 ms stalls from 200 ms ones. */
const RESOLUTION_MS = 10;

/** Run `load`, time it, watch the event loop meanwhile; the figures go to `log` and to the caller. */
export async function monitorLoad(
  what: string,
  log: LoadLog,
  load: () => Promise<void>,
  count: () => { records: number; folders: number },
): Promise<LoadFigures> {
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const t0 = performance.now();
  let ms: number;
  try {
    await load();
    ms = performance.now() - t0;
    // What the load ran last (a tree rebuild, say) may have run in the same macrotask as its
    // resolution: let the histogram's timer fire once more, or that stall is never recorded.
    await new Promise((r) => setTimeout(r, RESOLUTION_MS));
  } finally {
    histogram.disable();
  }
  const figures = {
    ms,
    // The histogram counts in ns and includes the sampling step itself; a load shorter than one
    // step has no sample (max 0).
    maxDelayMs: histogram.count > 0 ? histogram.max / 1e6 : 0,
    p99DelayMs: histogram.count > 0 ? histogram.percentile(99) / 1e6 : 0,
  };
  log.info(loadLine(what, count(), figures));
  return figures;
}

/** `run history loaded: 10,000 records from 1 folder in 812 ms; event-loop delay max 95 ms, p99 40 ms` */
export function loadLine(what: string, n: { records: number; folders: number }, f: LoadFigures): string {
  const num = (x: number) => Math.round(x).toLocaleString('en-US');
  const records = n.records === 1 ? '1 record' : `${num(n.records)} records`;
  const folders = n.folders === 1 ? '1 folder' : `${num(n.folders)} folders`;
  return `${what}: ${records} from ${folders} in ${num(f.ms)} ms; event-loop delay max ${num(f.maxDelayMs)} ms, p99 ${num(f.p99DelayMs)} ms`;
}

/** What RunHistory offers the monitor: its records and its folders' stores, counted after the load. */
export interface CountedHistory {
  all(): readonly unknown[];
  stores(): readonly unknown[];
}

/** `monitorLoad` of a RunHistory's full load (the one line `RunHistory.reload` calls). */
export function monitorHistoryLoad(log: LoadLog, history: CountedHistory, load: () => Promise<void>) {
  return monitorLoad('run history loaded', log, load, () => ({
    records: history.all().length,
    folders: history.stores().length,
  }));
}
