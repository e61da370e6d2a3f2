/**
 * What a panel shows while a run goes: the start (command, recipe step), the tool's output and each
 * iteration, forwarded to the webview. Output and iterations are batched (at most one message each
 * per FLUSH_MS): a chatty tool cannot flood the webview, and on a local target the live chart
 * redraws a few times a second instead of per iteration, so the panel does not compete for the CPU
 * with the run it measures.
 */
import type { Engine, IterationTime, ValidationIssue } from '../../core/engine';
import type { HostToBenchmark } from '../../shared/benchmarkProtocol';
import type { RunProblem } from './runService';

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

  /**
   * The run service's callbacks for one run (or each step of a recipe): start, output and
   * iterations come to this feed; problems and stale artifacts go to the panel's own messages.
   */
  callbacks(o: {
    title: string;
    engine: Engine | undefined;
    step: () => { index: number; total: number } | undefined;
    onProblem: (p: RunProblem) => void;
    onStaleArtifacts: (issues: ValidationIssue[]) => void;
  }) {
    // The ONNX runner's JSON event lines become sentences in the Log pane (the record keeps them raw).
    const readable = o.engine?.readableLog?.((text) => this.log(text));
    return {
      onStart: ({ command }: { command: string }) => this.started(o.title, command, o.step()),
      onLog: (text: string) => (readable ? readable.push(text) : this.log(text)),
      onIteration: (it: IterationTime) => this.iteration(it),
      onProblem: o.onProblem,
      onStaleArtifacts: o.onStaleArtifacts,
    };
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
