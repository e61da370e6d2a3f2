/**
 * The comparison of runs against a baseline: per phase each run's value, its difference and ratio
 * to the baseline, and — where the phase has samples (the timed iterations) — a 95% interval of the
 * ratio and whether the difference is significant (stats.ts `compareSamples`: Welch, plus
 * Mann-Whitney under 10 iterations). Single values (load, configuration, first warm-up) get a ratio
 * only and are marked not testable: one number cannot tell noise from change. Also which flags
 * differ between the runs, and notes when the runs are not like for like. This is the data the
 * compare panel and `lar-explorer compare` render; it decides nothing about presentation.
 */
import type { EngineId, FlagSet, FlagValue, LocalizedText } from '../engine';
import { compareSamples, HIGH_CV_THRESHOLD, type SampleComparison } from '../stats';
import type { RunRecord, RunStatus } from './runRecord';
import { isProfiledRun } from '../profile/recordProfile';
import { shellJoin, shellQuote } from '../shellQuote';

export type ComparePhaseId = 'load' | 'config' | 'warmup' | 'inference';

export const COMPARE_PHASES: ReadonlyArray<{ id: ComparePhaseId; label: string }> = [
  { id: 'load', label: 'load' },
  { id: 'config', label: 'configuration' },
  { id: 'warmup', label: 'first warm-up' },
  { id: 'inference', label: 'inference (mean)' },
];

export interface CompareRunInfo {
  id: string;
  label: string | null;
  startedAt: string;
  status: RunStatus;
  model: string;
  modelSha256: string | null;
  target: string;
  engine: EngineId;
  command: string;
  isBaseline: boolean;
}

/**
 * - `baseline`: the baseline's own cell;
 * - `faster` / `slower`: tested and significant;
 * - `no-difference`: tested, not significant;
 * - `untested`: a value exists but cannot be tested (single value, or too few iterations);
 * - `missing`: this run or the baseline has no value for the phase.
 */
export type CompareVerdict = 'baseline' | 'faster' | 'slower' | 'no-difference' | 'untested' | 'missing';

/** What run-to-run noise can do to the ratio of two single runs on a target (issue #10, item 9). */
export interface RunToRunBand {
  lo: number;
  hi: number;
  /** `study`: measured by a study's A/A pairs on this target; `assumed`: no study measured it yet. */
  basis: 'study' | 'assumed';
  studyId?: string;
}

/**
 * Without a measured noise floor, a difference between single runs is called only beyond ×1.5
 * either way: 12 identical runs of the demo model on an ordinarily busy machine spread ×0.65–×1.5,
 * and Arm boards swing 13–20% between runs. Anything smaller needs a study to decide.
 */
export const ASSUMED_RUN_TO_RUN: RunToRunBand = { lo: 1 / 1.5, hi: 1.5, basis: 'assumed' };

export interface CompareOptions {
  /** The latest measured noise floor per target (from a study), used for runs on that target. */
  noiseFloors?: Record<string, { lo: number; hi: number; studyId?: string }>;
}

export interface PhaseCell {
  runId: string;
  /** The phase's value: load / config / first warm-up time, or the mean of the iterations (ms). */
  valueMs: number | null;
  /** valueMs − baseline's valueMs. */
  deltaMs: number | null;
  /** valueMs / baseline's valueMs: below 1 is faster than the baseline. */
  ratio: number | null;
  /** 95% interval of the ratio (Fieller); null when untestable or unbounded. */
  ratioCi95: { low: number; high: number } | null;
  /** Two-sided p-value of the test that decided (Welch's t-test); null when untested. */
  pValue: number | null;
  /** Mann-Whitney's p-value, reported alongside (it must agree under 10 iterations). */
  rankPValue: number | null;
  /** Null when the phase could not be tested. */
  significant: boolean | null;
  testable: boolean;
  /** How many values stand behind `valueMs` (iterations for inference; 1 or 0 otherwise). */
  samples: number;
  /** Either side's CV is above the high-CV threshold: a significant result deserves a re-run. */
  highCv: boolean;
  verdict: CompareVerdict;
  /** The run-to-run band the inference verdict was held against (null when not tested). */
  runToRun?: RunToRunBand | null;
  /**
   * What the iteration test alone said, when run-to-run noise overruled it (the verdict is then
   * `no-difference`: one run each cannot tell this difference from noise).
   */
  iterationTestSaid?: 'faster' | 'slower';
}

export interface PhaseComparison {
  phase: ComparePhaseId;
  label: string;
  /** Which test decided significance, when this phase is testable (e.g. `welch+mann-whitney`). */
  test: SampleComparison['decidedBy'] | null;
  /** One cell per run, in `RecordComparison.runs` order. */
  cells: PhaseCell[];
}

export interface FlagDifference {
  flag: string;
  /** One value per run, in run order; null = not given (a `false` boolean counts as not given). */
  values: Array<FlagValue | null>;
}

export interface RecordComparison {
  baselineId: string;
  runs: CompareRunInfo[];
  phases: PhaseComparison[];
  /** Flags whose value is not the same in every run, sorted by name. */
  flagDifferences: FlagDifference[];
  /** Flags every run gives with the same value. */
  commonFlags: FlagSet;
  /** Why the comparison may mislead (different models or targets, failed runs, few iterations). */
  notes: LocalizedText[];
  /** Set when a difference was not called because single runs cannot tell it from run-to-run noise. */
  undecided?: { runIds: string[]; suggestion: LocalizedText };
}

export class CompareError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CompareError';
  }
}

/**
 * Compare runs (in the given order) to a baseline: `baselineId` when given (it must be among the
 * runs), else the run pinned as baseline, else the first.
 */
export function compareRecords(
  records: readonly RunRecord[],
  baselineId?: string,
  options: CompareOptions = {},
): RecordComparison {
  if (records.length === 0) throw new CompareError('nothing to compare: no runs given');
  let baseline: RunRecord | undefined;
  if (baselineId !== undefined) {
    baseline = records.find((r) => r.id === baselineId);
    if (!baseline) throw new CompareError(`the baseline ${baselineId} is not one of the runs compared`);
  } else {
    baseline = records.find((r) => r.baseline) ?? records[0]!;
  }
  const base = baseline;

  const runs: CompareRunInfo[] = records.map((r) => ({
    id: r.id,
    label: r.label ?? null,
    startedAt: r.startedAt,
    status: r.status,
    model: r.model.path,
    modelSha256: r.model.sha256,
    target: r.target,
    engine: r.engine,
    command: r.command,
    isBaseline: r.id === base.id,
  }));

  const phases = COMPARE_PHASES.map(({ id, label }) => comparePhase(id, label, records, base, options));
  const { flagDifferences, commonFlags } = diffFlags(records);
  const comparison: RecordComparison = {
    baselineId: base.id,
    runs,
    phases,
    flagDifferences,
    commonFlags,
    notes: notesFor(records, base),
  };
  const overruled = phases.flatMap((p) => p.cells.filter((c) => c.iterationTestSaid)).map((c) => c.runId);
  if (overruled.length > 0) comparison.undecided = undecidedNote(records, base, overruled);
  return comparison;
}

/** The band a pair of runs is held against: the target's measured noise floor, else the assumed one. */
function bandFor(base: RunRecord, r: RunRecord, options: CompareOptions): RunToRunBand {
  const measured = r.target === base.target ? options.noiseFloors?.[base.target] : undefined;
  return measured
    ? {
        lo: measured.lo,
        hi: measured.hi,
        basis: 'study',
        ...(measured.studyId ? { studyId: measured.studyId } : {}),
      }
    : ASSUMED_RUN_TO_RUN;
}

function undecidedNote(
  records: readonly RunRecord[],
  base: RunRecord,
  ids: string[],
): RecordComparison['undecided'] {
  const others = records.filter((r) => ids.includes(r.id));
  // A command the user can paste: labels as `--candidate` accepts them (letters, digits, . + @ - _;
  // a label with none of those, e.g. all Chinese, falls back to its run's id), distinct, and every
  // word quoted for the shell.
  const taken = new Set<string>();
  const labelOf = (r: RunRecord) => {
    const plain = (r.label ?? '').replace(/[^\w.+@-]+/g, '-').replace(/^-+|-+$/g, '');
    const first = plain === '' ? r.id.slice(0, 8) : plain;
    let label = first;
    for (let n = 2; taken.has(label); n++) label = `${first}-${n}`;
    taken.add(label);
    return label;
  };
  const candidate = (r: RunRecord) =>
    `--candidate ${shellQuote(
      `${labelOf(r)}: ${shellJoin(r.argv.slice(2).filter((a) => a !== r.model.path))}`.trimEnd(),
    )}`;
  const cmd = [
    `lar-explorer explore ${shellQuote(base.model.path)}`,
    candidate(base),
    ...others.map(candidate),
    '--save',
  ].join(' ');
  const all = ids.length === 1 ? 'this difference' : 'these differences';
  return {
    runIds: ids,
    suggestion: {
      en: `One run each cannot decide ${all}: the iteration test says it is significant, but runs of identical settings differ this much from run to run. A study decides it (interleaved repeated runs with a measured noise floor): ${cmd}`,
      zh: `每种设置只运行一次无法判定该差异：迭代检验认为显著，但相同设置的多次运行之间就会相差这么多。用实验（交错重复运行并测量噪声底）来判定：${cmd}`,
    },
  };
}

function singleValue(record: RunRecord, phase: ComparePhaseId): number | null {
  const p = record.result?.phases;
  if (!p) return null;
  const v =
    phase === 'load'
      ? p.loadMs
      : phase === 'config'
        ? p.configMs
        : phase === 'warmup'
          ? p.warmupMs[0]
          : p.inference?.meanMs;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

/** The timed iterations' end-to-end times (finite values only). */
export function iterationSamples(record: RunRecord): number[] {
  return (record.result?.iterations ?? []).map((it) => it.e2eMs).filter((x) => Number.isFinite(x));
}

function comparePhase(
  phase: ComparePhaseId,
  label: string,
  records: readonly RunRecord[],
  base: RunRecord,
  options: CompareOptions,
): PhaseComparison {
  const baseValue = singleValue(base, phase);
  const baseSamples = phase === 'inference' ? iterationSamples(base) : [];
  let test: PhaseComparison['test'] = null;
  const cells = records.map((r): PhaseCell => {
    const value = singleValue(r, phase);
    const samples = phase === 'inference' ? iterationSamples(r) : [];
    const cell: PhaseCell = {
      runId: r.id,
      valueMs: value,
      deltaMs: value !== null && baseValue !== null ? value - baseValue : null,
      ratio: value !== null && baseValue !== null && baseValue !== 0 ? value / baseValue : null,
      ratioCi95: null,
      pValue: null,
      rankPValue: null,
      significant: null,
      testable: false,
      samples: phase === 'inference' ? samples.length : value === null ? 0 : 1,
      highCv: false,
      verdict: r.id === base.id ? 'baseline' : value === null || baseValue === null ? 'missing' : 'untested',
    };
    if (r.id === base.id || phase !== 'inference' || value === null || baseValue === null) return cell;
    // Profiling slows every operator: a profiled run against a plain one is not tested (the notes say why).
    if (isProfiledRun(r) !== isProfiledRun(base)) return cell;

    const cmp = compareSamples(baseSamples, samples);
    if (cmp.decidedBy === 'insufficient-data') return cell;
    test = cmp.decidedBy;
    cell.testable = true;
    cell.significant = cmp.significant;
    cell.pValue = cmp.welch?.p ?? null;
    cell.rankPValue = cmp.mannWhitney?.p ?? null;
    cell.highCv = cmp.highCv;
    // The interval is of the means of the samples; the cell's value is the tool's own mean. They agree
    // to the printed precision, and the ratio shown must match its interval, so take both from stats.
    if (cmp.ratio) {
      cell.ratio = cmp.ratio.estimate;
      if (cmp.ratio.low !== null && cmp.ratio.high !== null)
        cell.ratioCi95 = { low: cmp.ratio.low, high: cmp.ratio.high };
    }
    cell.verdict = !cmp.significant ? 'no-difference' : (cell.ratio ?? 1) < 1 ? 'faster' : 'slower';
    // The iterations of one run are not independent evidence of a difference between runs: the
    // shift from run to run is not in their variance. Call a difference only beyond that shift.
    const band = bandFor(base, r, options);
    cell.runToRun = band;
    // The band is where the ratio of two identical single runs falls (95% when a study measured it;
    // the widest swing seen without one), so the ratio itself must lie outside it. The iteration
    // interval is not required to: under load it widens and would hide a real ×0.5 as well.
    if (cell.verdict === 'faster' || cell.verdict === 'slower') {
      const ratio = cell.ratio ?? 1;
      const beyond = cell.verdict === 'faster' ? ratio < band.lo : ratio > band.hi;
      if (!beyond) {
        cell.iterationTestSaid = cell.verdict;
        cell.verdict = 'no-difference';
      }
    }
    return cell;
  });
  return { phase, label, test, cells };
}

function diffFlags(records: readonly RunRecord[]): {
  flagDifferences: FlagDifference[];
  commonFlags: FlagSet;
} {
  const given = (flags: FlagSet, name: string): FlagValue | null => {
    const v = flags[name];
    return v === undefined || v === false ? null : v;
  };
  const names = [...new Set(records.flatMap((r) => Object.keys(r.flags)))].sort();
  const flagDifferences: FlagDifference[] = [];
  const commonFlags: FlagSet = {};
  for (const name of names) {
    const values = records.map((r) => given(r.flags, name));
    if (values.every((v) => v === values[0])) {
      if (values[0] !== null) commonFlags[name] = values[0]!;
    } else {
      flagDifferences.push({ flag: name, values });
    }
  }
  return { flagDifferences, commonFlags };
}

function notesFor(records: readonly RunRecord[], base: RunRecord): LocalizedText[] {
  const notes: LocalizedText[] = [];
  const note = (en: string, zh: string) => notes.push({ en, zh });
  const short = (r: RunRecord): string => r.label ?? r.id.slice(0, 8);
  const names = (rs: RunRecord[]): string => rs.map(short).join(', ');
  const sameModel = (r: RunRecord): boolean =>
    r.model.sha256 && base.model.sha256
      ? r.model.sha256 === base.model.sha256
      : r.model.path === base.model.path;
  const otherModel = records.filter((r) => !sameModel(r));
  if (otherModel.length > 0) {
    note(
      `different model than the baseline: ${names(otherModel)} (compare with care: the work differs)`,
      `与基线的模型不同：${names(otherModel)}（计算量不同，请谨慎比较）`,
    );
  } else if (records.some((r) => r.model.sha256 && base.model.sha256 && r.model.path !== base.model.path)) {
    note(
      'the model paths differ but the files are identical (same sha256)',
      '模型路径不同，但文件内容相同（sha256 一致）',
    );
  }
  const otherTarget = records.filter((r) => r.target !== base.target);
  if (otherTarget.length > 0) {
    const list = otherTarget.map((r) => `${short(r)} @ ${r.target}`).join(', ');
    note(
      `ran on a different target than the baseline (${base.target}): ${list}`,
      `与基线（${base.target}）在不同的目标设备上运行：${list}`,
    );
  }
  const otherEngine = records.filter((r) => r.engine !== base.engine);
  if (otherEngine.length > 0)
    note(
      `different engine than the baseline: ${names(otherEngine)}`,
      `与基线的推理引擎不同：${names(otherEngine)}`,
    );
  for (const r of records) {
    if (r.status !== 'ok') {
      const why = r.reason ? ` (${r.reason})` : '';
      note(
        `${short(r)} is ${r.status}${why}: its numbers may be incomplete`,
        `${short(r)} 的状态为 ${r.status}${why}：其数据可能不完整`,
      );
    }
  }
  // Profiling slows every operator: a profiled run's timings only compare with other profiled runs.
  const profiled = records.filter(isProfiledRun);
  if (profiled.length > 0 && profiled.length < records.length) {
    const plain = records.filter((r) => !isProfiledRun(r));
    note(
      `profiled runs (${names(profiled)}) against runs without profiling (${names(plain)}): profiling slows every run, so their timings are not comparable`,
      `开启性能分析的运行（${names(profiled)}）与未开启的运行（${names(plain)}）比较：性能分析会拖慢运行，其耗时不可比`,
    );
  }
  // Schema 2: a long run's iterations live in a table beside its record; without it, no test.
  for (const r of records) {
    if (r.iterationsProblem) {
      note(
        `${short(r)}: its iterations could not be read, so its mean is shown but not tested (${r.iterationsProblem})`,
        `${short(r)}：无法读取其逐次迭代数据，只显示均值、不做检验（${r.iterationsProblem}）`,
      );
    }
  }
  const few = records.filter((r) => {
    const n = iterationSamples(r).length;
    return n > 0 && n < 10;
  });
  if (few.length > 0)
    note(
      `fewer than 10 iterations in ${names(few)}: significance needs the rank test to agree; use --iter 10 or more`,
      `${names(few)} 的迭代少于 10 次：显著性需要秩检验同时成立；请使用 --iter 10 或更多`,
    );
  const noisy = records.filter((r) => {
    const inf = r.result?.phases.inference;
    return inf && inf.meanMs > 0 && Number.isFinite(inf.sdMs) && inf.sdMs / inf.meanMs > HIGH_CV_THRESHOLD;
  });
  if (noisy.length > 0) {
    const cv = HIGH_CV_THRESHOLD * 100;
    note(
      `high variation (CV > ${cv}%) in ${names(noisy)}: the machine was busy or throttling; re-run before trusting a small difference`,
      `${names(noisy)} 的波动较大（变异系数 > ${cv}%）：设备繁忙或降频；在相信较小的差异之前请重新运行`,
    );
  }
  return notes;
}
