/**
 * The one place the extension turns its targets into what a study needs per target: the core's
 * target spec (record name, traits, program) and the Runner + program to start. Everything else in
 * the Explore panel goes through here, so a new engine contract or runner factory is re-pointed in
 * this file only.
 */
import { traitsOf as traitsOfFacts } from '../../core/benchmark/runPlan';
import type { Engine, TargetTraits } from '../../core/engine';
import type { StudyTargetDeps, StudyTargetSpec } from '../../core/study';
import type { RunService } from '../benchmark/runService';
import type { TargetRegistry } from '../targets/targetRegistry';
import { recordTargetOf, type TargetRef } from '../targets/targetRef';

export interface StudyTarget {
  ref: TargetRef;
  spec: StudyTargetSpec;
  deps: StudyTargetDeps;
}

/** What the last "Check connection" learned, as the engine's traits (nothing when unknown). */
export function traitsOf(registry: TargetRegistry, target: TargetRef): TargetTraits | undefined {
  const facts = registry.factsOf(target.id);
  return facts?.problem ? undefined : traitsOfFacts(facts);
}

/** Study targets for these refs; a target with no program set is returned in `missing`. */
export function studyTargetsFor(
  engine: Engine,
  refs: TargetRef[],
  registry: TargetRegistry,
  runs: RunService,
): { targets: StudyTarget[]; missing: TargetRef[] } {
  const targets: StudyTarget[] = [];
  const missing: TargetRef[] = [];
  for (const ref of refs) {
    const tool = runs.toolFor(engine, ref);
    if (!tool) {
      missing.push(ref);
      continue;
    }
    const traits = traitsOf(registry, ref);
    targets.push({
      ref,
      spec: { name: recordTargetOf(ref), program: tool.program, ...(traits ? { traits } : {}) },
      deps: {
        runner: registry.runnerFor(ref),
        program: tool.program,
        argsPrefix: tool.argsPrefix,
        ...(tool.env ? { env: tool.env } : {}),
      },
    });
  }
  return { targets, missing };
}
