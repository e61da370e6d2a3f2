/**
 * Run a study (or resume one): write the study record first, then run every target's session side
 * by side (one run at a time per target), rewriting the record atomically after every run, and end
 * with why it stopped. Cancelling keeps everything measured; `resumeStudy` continues where it stopped.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { sha256File } from '../fileHash';
import { isProfiledRun } from '../profile/recordProfile';
import type { RunRecord } from '../records/runRecord';
import { TOOL_LABEL } from '../version';
import { runClosingProfiles } from './closingProfiles';
import { benchmarkExecutor, saveStudyRun } from './studyRunAdapter';
import type { StudyDeps } from './studyDeps';
import { STUDY_METHOD } from './studyStatistics';
import { TargetSession, type StudyLedger } from './targetSession';
import {
  STUDY_SCHEMA_VERSION,
  type Budget,
  type StopReason,
  type StudyDefinition,
  type StudyRecord,
} from './studyTypes';

import { StudyDefinitionError } from './studyDefinitionError';

export { StudyDefinitionError } from './studyDefinitionError';

/** Checks what no run can fix: unique labels, a known baseline, targets with runners, a budget. */
export function checkDefinition(def: StudyDefinition, deps: Pick<StudyDeps, 'targets'>): void {
  const labels = new Set<string>();
  for (const c of def.candidates) {
    if (labels.has(c.label))
      throw new StudyDefinitionError(
        `two candidates are labelled "${c.label}"`,
        `有两个候选的标签都是“${c.label}”`,
      );
    labels.add(c.label);
  }
  if (!labels.has(def.baseline))
    throw new StudyDefinitionError(
      `the baseline "${def.baseline}" is not one of the candidates`,
      `基线“${def.baseline}”不在候选之中`,
    );
  if (def.candidates.length < 2)
    throw new StudyDefinitionError(
      'a study needs the baseline and at least one candidate',
      '实验需要基线和至少一个其他候选',
    );
  if (def.targets.length === 0)
    throw new StudyDefinitionError('a study needs at least one target', '实验至少需要一个目标');
  const names = new Set(def.targets.map((t) => t.name));
  if (names.size !== def.targets.length)
    throw new StudyDefinitionError('a target is listed twice', '有一个目标被列了两次');
  for (const t of def.targets)
    if (!deps.targets[t.name])
      throw new StudyDefinitionError(`no runner for target ${t.name}`, `目标 ${t.name} 没有运行器`);
  if (def.budget.maxRounds !== undefined && def.budget.maxRounds < 1)
    throw new StudyDefinitionError('the budget needs at least one round', '预算至少要有一轮');
  if (!(def.iterations >= 1))
    throw new StudyDefinitionError('iterations per run must be at least 1', '每次运行的迭代数至少为 1');
  // Profiling slows every operator: profiled and plain runs in one study would not be comparable.
  const profiled = def.candidates.filter((c) =>
    isProfiledRun({ engine: def.engine, flags: { ...def.commonFlags, ...c.flags } }),
  );
  if (profiled.length > 0 && profiled.length < def.candidates.length)
    throw new StudyDefinitionError(
      `profiling slows every run, so ${profiled.map((c) => c.label).join(', ')} (profiled) would not compare with the others: ` +
        'profile all candidates or none (to see where the winner gains, profile the baseline and the winner at the end)',
      `性能分析会拖慢每次运行，所以 ${profiled.map((c) => c.label).join(', ')}（开启了性能分析）无法与其他候选比较：` +
        '要么所有候选都做性能分析，要么都不做（想知道胜出者快在哪里，请在结束时对基线和胜出者做性能分析）',
    );
}

export async function runStudy(
  def: StudyDefinition,
  deps: StudyDeps,
  signal?: AbortSignal,
): Promise<StudyRecord> {
  checkDefinition(def, deps);
  const now = deps.now ?? (() => new Date());
  const digest = await sha256File(resolve(deps.workspaceRoot, def.model)).catch(() => null);
  const at = now().toISOString();
  const record: StudyRecord = {
    schema: STUDY_SCHEMA_VERSION,
    kind: 'study',
    id: randomUUID(),
    createdAt: at,
    updatedAt: at,
    tool: TOOL_LABEL,
    definition: def,
    method: STUDY_METHOD,
    schedule: [],
    preparations: [],
    targets: [],
    elapsedMs: 0,
    modelSha256: digest?.sha256 ?? null,
  };
  const path = await deps.studyStore.create(record);
  deps.onEvent?.({ type: 'study-started', studyId: record.id, path, resumed: false });
  return drive(record, deps, signal, new Map());
}

/**
 * Continue a stopped study: its finished runs are kept (runs saved just before a kill are adopted
 * from the run store), the round in progress is completed, then rounds go on within `budget`
 * (default: the study's own budget, counted from its start).
 */
export async function resumeStudy(
  idOrPrefix: string,
  deps: StudyDeps,
  signal?: AbortSignal,
  budget?: Budget,
): Promise<StudyRecord> {
  const record = await deps.studyStore.resolve(idOrPrefix);
  if (budget) record.definition = { ...record.definition, budget };
  checkDefinition(record.definition, deps);
  const digest = await sha256File(resolve(deps.workspaceRoot, record.definition.model)).catch(() => null);
  if (record.modelSha256 && digest && digest.sha256 !== record.modelSha256)
    throw new StudyDefinitionError(
      `the model ${record.definition.model} changed since the study started: start a new study instead`,
      `模型 ${record.definition.model} 在实验开始后已改变：请另开一个新实验`,
    );
  const known = new Map<string, RunRecord>();
  // The study's runs found on the heads (the summary cache), then only those read in full.
  const { heads } = await deps.runStore.heads();
  for (const h of heads) {
    if (h.study?.id !== record.id) continue;
    const full = await deps.runStore.readFull(h.id);
    if (full) known.set(full.id, full);
  }
  delete record.stoppedBecause;
  deps.onEvent?.({
    type: 'study-started',
    studyId: record.id,
    path: deps.studyStore.pathOf(record),
    resumed: true,
  });
  return drive(record, deps, signal, known);
}

async function drive(
  record: StudyRecord,
  deps: StudyDeps,
  outerSignal: AbortSignal | undefined,
  known: Map<string, RunRecord>,
): Promise<StudyRecord> {
  const controller = new AbortController();
  const forward = () => controller.abort();
  outerSignal?.addEventListener('abort', forward, { once: true });
  if (outerSignal?.aborted) controller.abort();
  const now = deps.now ?? (() => new Date());
  const sessionStart = now().getTime();
  const base = record.elapsedMs;
  const elapsedMs = () => base + (now().getTime() - sessionStart);

  // Saves are queued: targets finish runs concurrently, the file must go through them in order.
  let queue: Promise<void> = Promise.resolve();
  const save = (): Promise<void> => {
    record.updatedAt = now().toISOString();
    record.elapsedMs = elapsedMs();
    const json = structuredClone(record);
    queue = queue.then(() => deps.studyStore.save(json));
    return queue;
  };
  const execute = deps.execute ?? benchmarkExecutor(deps);
  const ledger: StudyLedger = {
    record,
    deps,
    signal: controller.signal,
    save,
    elapsedMs,
    execute,
    keep: (req, r) => saveStudyRun(deps, req, r),
    known,
    artifactDir: deps.studyStore.artifactDir(record),
    modelSha256: record.modelSha256,
  };
  try {
    const sessions = record.definition.targets.map((_, i) => new TargetSession(ledger, i));
    const reasons = await Promise.all(
      sessions.map(async (session, i) => {
        try {
          return await session.run();
        } catch (err) {
          // A store or runner bug on one target must not lose the others' work.
          const t = record.targets.find((x) => x.name === record.definition.targets[i].name);
          if (t) {
            t.stoppedBecause = 'failed';
            t.excluded.push({ label: '(target)', reason: (err as Error).message });
          }
          return 'failed' as StopReason;
        }
      }),
    );
    if (record.definition.profileEnd && !controller.signal.aborted) {
      const byName = new Map(record.definition.targets.map((t, i) => [t.name, sessions[i]!]));
      await runClosingProfiles(
        ledger,
        (target, candidate) => byName.get(target)?.setupFor(candidate) ?? null,
      );
    }
    record.stoppedBecause = overall(reasons, controller.signal.aborted);
    await save();
    deps.onEvent?.({ type: 'study-stopped', stoppedBecause: record.stoppedBecause, record });
    return record;
  } finally {
    outerSignal?.removeEventListener('abort', forward);
  }
}

function overall(reasons: StopReason[], cancelled: boolean): StopReason {
  if (cancelled || reasons.includes('cancelled')) return 'cancelled';
  if (reasons.every((r) => r === 'failed')) return 'failed';
  const working = reasons.filter((r) => r !== 'failed');
  return working.every((r) => r === 'settled') ? 'settled' : 'budget';
}
