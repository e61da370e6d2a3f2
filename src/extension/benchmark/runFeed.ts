/**
 * What a panel shows while a run goes: the start (command, recipe step), the tool's output and each
 * iteration, forwarded to the webview. Output is batched (at most one message per LOG_FLUSH_MS), so
 * a chatty tool cannot flood the webview's message queue.
 */
import type { IterationTime } from '../../core/engine';
import type { HostToBenchmark } from '../../shared/benchmarkProtocol';

export const LOG_FLUSH_MS = 100;

export class RunFeed {
  private pending = '';
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly post: (msg: HostToBenchmark) => unknown) {}

  started(title: string, command: string, step?: { index: number; total: number }): void {
    this.flush();
    this.post({ type: 'runStarted', title, command, ...(step ? { step } : {}) });
  }

  log(text: string): void {
    this.pending += text;
    this.timer ??= setTimeout(() => this.flush(), LOG_FLUSH_MS);
  }

  iteration(it: IterationTime): void {
    this.post({ type: 'iteration', index: it.index, ms: it.e2eMs });
  }

  /** Send what is waiting now (before a result, or when the run ends). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.pending) return;
    const text = this.pending;
    this.pending = '';
    this.post({ type: 'log', text });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
