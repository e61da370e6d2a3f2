/**
 * Long synchronous work in time slices: reading thousands of small record files, stat-ing them,
 * parsing or writing the summary cache's lines. Each is faster done synchronously than through the
 * thread pool (bench:history), but done in one piece it would stall a host's event loop; calling
 * `maybeYield()` between items hands the loop back once a slice's time is up.
 */
import { performance } from 'node:perf_hooks';

export class TimeSlices {
  private start = performance.now();

  /** `ms`: how long work may run between yields (0 yields at every call: tests use it). */
  constructor(private readonly ms: number) {}

  /** Yield to the event loop (`setImmediate`) if `ms` have passed since the last yield. */
  async maybeYield(): Promise<void> {
    if (performance.now() - this.start < this.ms) return;
    await new Promise((r) => setImmediate(r));
    this.start = performance.now();
  }
}
