/**
 * What a panel shows while a run goes: the start (command, recipe step), the tool's output and each
 * iteration, forwarded to the webview. Output and iterations are batched (at most one message each
 * per FLUSH_MS): a chatty tool cannot flood the webview, and on a local target the live chart
 * redraws a few times a second instead of per iteration, so the panel does not compete for the CPU
 * with the run it measures.
 */
import type { IterationTime } from '../../core/engine';
import type { HostToBenchmark } from '../../shared/benchmarkProtocol';

export const FLUSH_MS = 250;

export class RunFeed {
  private pending = '';
  private points: Array<{ index: number; ms: number }> = [];
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly post: (msg: HostToBenchmark) => unknown) {}

  started(title: string, command: string, step?: { index: number; total: number }): void {
    this.flush();
    this.post({ type: 'runStarted', title, command, ...(step ? { step } : {}) });
  }

  log(text: string): void {
    this.pending += text;
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  iteration(it: IterationTime): void {
    this.points.push({ index: it.index, ms: it.e2eMs });
    this.timer ??= setTimeout(() => this.flush(), FLUSH_MS);
  }

  /** Send what is waiting now (before a result, or when the run ends). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending) {
      const text = this.pending;
      this.pending = '';
      this.post({ type: 'log', text });
    }
    if (this.points.length > 0) {
      const points = this.points;
      this.points = [];
      this.post({ type: 'iterations', points });
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
