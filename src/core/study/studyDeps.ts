/**
 * What a study needs from its host (the CLI or the extension): the engine, one Runner per target,
 * where run records and study records go, and a listener for progress. Built by the host, passed
 * to `runStudy` / `resumeStudy`; nothing here starts a process by itself.
 */
import type { Engine, IterationTime } from '../engine';
import type { RecordStore } from '../records/recordStore';
import type { RunRecord } from '../records/runRecord';
import type { Runner } from '../runners/runner';
import type { StudyStore } from './studyStore';
import type { StudyEvent } from './studyTypes';

export interface StudyTargetDeps {
  runner: Runner;
  /** The engine's program on that target (load_and_run path, or `node` for the ONNX runner). */
  program: string;
  /** Arguments before the model (the ONNX Runtime runner script). */
  argsPrefix?: string[];
  env?: Record<string, string>;
  /** Per-run time limit, ms. */
  timeoutMs?: number;
  /** What is known of the target now (arch, the flags its binary has): screens candidates. Not recorded. */
  traits?: import('../engine').TargetTraits;
}

/** One run of a study, as the scheduler asks for it; `studyRunAdapter.ts` turns it into a benchmark. */
export interface StudyRunRequest {
  studyId: string;
  target: string;
  round: number;
  candidate: string;
  /** `profile`: a closing profiled run after the verdict (never in the statistics). */
  role: 'baseline' | 'candidate' | 'preparation' | 'profile';
  slot?: 'a' | 'b' | 'only';
  /** The model this run loads (a prepared, dumped model for some candidates). */
  model: string;
  flags: import('../engine').FlagSet;
  label: string;
  /** Read device facts around this run (the study reads them on a target's first run only: they cost ~100 ms a run). */
  collectFacts: boolean;
}

export type StudyRunExecutor = (req: StudyRunRequest, signal: AbortSignal) => Promise<RunRecord>;

export interface StudyDeps {
  engine: Engine;
  /** By target name, one entry per target of the definition. */
  targets: Record<string, StudyTargetDeps>;
  /** Run records are saved relative to it; artifacts live under its `.lar-explorer/studies/`. */
  workspaceRoot: string;
  /** Every study run is an ordinary run record, saved here (it shows in the history). */
  runStore: RecordStore;
  studyStore: StudyStore;
  onEvent?(event: StudyEvent): void;
  /** Each measured iteration of the run going on a target (the Explore panel's live chart). */
  onIteration?(target: string, iteration: IterationTime): void;
  /** Device facts before/after each run (default true). */
  collectFacts?: boolean;
  /** Test/bench seams: the clock, the pause, and the run itself (default: runBenchmark). */
  now?: () => Date;
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
  execute?: StudyRunExecutor;
}

/** The default pause between runs: ends early when the study is cancelled. */
export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
