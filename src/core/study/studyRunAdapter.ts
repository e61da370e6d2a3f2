/**
 * The one place a study meets the benchmark service: a study run becomes an ordinary
 * `runBenchmark` call on the target's Runner, and its record (tagged with the study, round and
 * candidate) is saved in the run store, so it shows in the history like any run. Kept apart so the
 * engine-contract work (one run plan) can re-point it without touching the scheduler.
 */
import { runBenchmark } from '../benchmark/runBenchmark';
import type { RunRecord } from '../records/runRecord';
import type { StudyDeps, StudyRunExecutor, StudyRunRequest } from './studyDeps';

/** Run one study run through runBenchmark (unsaved) and return its record with the study tag. */
export function benchmarkExecutor(deps: StudyDeps): StudyRunExecutor {
  return async (req: StudyRunRequest, signal: AbortSignal): Promise<RunRecord> => {
    const target = deps.targets[req.target];
    if (!target) throw new Error(`no runner for target ${req.target}`);
    return runBenchmark({
      engine: deps.engine,
      runner: target.runner,
      program: target.program,
      argsPrefix: target.argsPrefix,
      model: req.model,
      flags: req.flags,
      workspaceRoot: deps.workspaceRoot,
      cwd: deps.workspaceRoot,
      label: req.label,
      signal,
      timeoutMs: target.timeoutMs,
      env: target.env,
      collectFacts: req.collectFacts && deps.collectFacts !== false,
      ...(deps.onIteration ? { onIteration: (it) => deps.onIteration!(req.target, it) } : {}),
      ...(deps.now ? { now: deps.now } : {}),
    });
  };
}

/** Tag a finished run with its study and save it; the stored record is returned. */
export async function saveStudyRun(
  deps: StudyDeps,
  req: StudyRunRequest,
  record: RunRecord,
): Promise<RunRecord> {
  const tagged: RunRecord = {
    ...record,
    study: {
      id: req.studyId,
      round: req.round,
      candidate: req.candidate,
      role: req.role,
      ...(req.slot ? { slot: req.slot } : {}),
    },
  };
  return deps.runStore.save(tagged);
}
