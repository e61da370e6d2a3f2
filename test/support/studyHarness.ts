/**
 * TEST/BENCH SUPPORT — a study over simulated load_and_run targets in a temp workspace: real
 * scheduler, statistics, runBenchmark, parser and stores; simulated runs on a virtual clock.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { larEngine } from '../../src/core/engines/lar/index';
import { RecordStore } from '../../src/core/records/recordStore';
import { runStudy } from '../../src/core/study/runStudy';
import type { StudyDeps } from '../../src/core/study/studyDeps';
import { StudyStore } from '../../src/core/study/studyStore';
import type { Candidate, StudyDefinition, StudyEvent, StudyRecord } from '../../src/core/study/studyTypes';
import { SimulatedLarRunner, VirtualClock } from './simulatedLar';

export interface SimStudyOptions {
  candidates: Candidate[];
  knobs?: Record<string, string>;
  seed?: number;
  maxRounds?: number;
  wallMs?: number;
  iterations?: number;
  targets?: string[];
  workspace?: string;
  def?: Partial<StudyDefinition>;
  signal?: AbortSignal;
  onEvent?: (e: StudyEvent) => void;
}

export interface SimStudy {
  record: StudyRecord;
  workspace: string;
  clock: VirtualClock;
  runners: SimulatedLarRunner[];
  deps: StudyDeps;
  /** Virtual time the study took, ms. */
  elapsedMs: number;
}

export function simWorkspace(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lar-study-'));
  writeFileSync(path.join(dir, 'model.mge'), 'not a real model, the simulated runner never reads it');
  return dir;
}

export function simDeps(
  o: SimStudyOptions,
  workspace: string,
  clock: VirtualClock,
): { deps: StudyDeps; runners: SimulatedLarRunner[] } {
  const seed = o.seed ?? 1;
  const names = o.targets ?? ['local'];
  const runners = names.map(
    (name, i) =>
      new SimulatedLarRunner({
        target: name,
        clock,
        seed: seed * 7919 + i,
        knobs: { STANDIN_PROFILE: 'x86', ...o.knobs },
      }),
  );
  const deps: StudyDeps = {
    engine: larEngine,
    targets: Object.fromEntries(names.map((n, i) => [n, { runner: runners[i], program: 'load_and_run' }])),
    workspaceRoot: workspace,
    runStore: RecordStore.forWorkspace(workspace),
    studyStore: StudyStore.forWorkspace(workspace),
    collectFacts: false,
    now: clock.now,
    sleep: clock.sleep,
    ...(o.onEvent ? { onEvent: o.onEvent } : {}),
  };
  return { deps, runners };
}

export function simDefinition(o: SimStudyOptions): StudyDefinition {
  return {
    model: 'model.mge',
    engine: 'load_and_run',
    targets: (o.targets ?? ['local']).map((name) => ({ name, program: 'load_and_run' })),
    candidates: o.candidates,
    baseline: o.candidates[0].label,
    objective: { kind: 'mean' },
    budget: {
      ...(o.maxRounds !== undefined ? { maxRounds: o.maxRounds } : {}),
      ...(o.wallMs ? { wallMs: o.wallMs } : {}),
    },
    iterations: o.iterations ?? 10,
    warmups: 1,
    seed: o.seed ?? 1,
    cooldownMs: 0,
    commonFlags: { cpu: true },
    ...o.def,
  };
}

export async function simStudy(o: SimStudyOptions): Promise<SimStudy> {
  const workspace = o.workspace ?? simWorkspace();
  const clock = new VirtualClock();
  const { deps, runners } = simDeps(o, workspace, clock);
  const t0 = clock.nowMs;
  const record = await runStudy(simDefinition(o), deps, o.signal);
  return { record, workspace, clock, runners, deps, elapsedMs: clock.nowMs - t0 };
}

export const c = (
  label: string,
  flags: Candidate['flags'] = {},
  extra: Partial<Candidate> = {},
): Candidate => ({
  label,
  flags,
  ...extra,
});
