/**
 * From the form to a study: the candidates the panel offers (the core's guide set and presets),
 * reading a typed or pasted flag set (the engine parses and validates it, as in the Benchmark
 * panel), and turning the user's setup into the core's StudyDefinition. The form's ids and flags
 * are never trusted: candidates are looked up here and custom rows are parsed again at Start.
 */
import * as vscode from 'vscode';
import type { Engine, FlagSet, TargetTraits } from '../../core/engine';
import type { RunRecord } from '../../core/records/runRecord';
import { flagsText } from '../../core/records/runSummary';
import {
  guideCandidatesFor,
  presetCandidates,
  type Candidate,
  type StudyDefinition,
  type StudyTargetSpec,
} from '../../core/study';
import type {
  CandidateCheckView,
  CandidateChoiceView,
  ExploreSetup,
  ExploreSetupView,
} from '../../shared/exploreProtocol';
import { issuesView, type Lang } from '../benchmark/benchmarkView';

export interface CandidateChoices {
  guide: CandidateChoiceView[];
  presets: CandidateChoiceView[];
  byId: Map<string, Candidate>;
}

/** Ticked at first: the guide set's first three (for ONNX: optimisation levels at one thread). */
const FIRST_TICKED = 3;

export function candidateChoices(
  engine: Engine,
  lang: Lang,
  traits?: TargetTraits,
  cores?: number,
): CandidateChoices {
  const byId = new Map<string, Candidate>();
  const view = (source: 'guide' | 'preset', list: Candidate[]): CandidateChoiceView[] =>
    list.map((c, i) => {
      const id = `${source}:${c.label}`;
      byId.set(id, c);
      const prep = c.prepare ? ` (+ ${flagsText(c.prepare.flags)})` : '';
      return {
        id,
        source,
        label: c.label,
        flagsText: (flagsText(c.flags) || vscode.l10n.t('default flags')) + prep,
        ...(c.note ? { note: c.note[lang] } : {}),
        checked: source === 'guide' && i < FIRST_TICKED,
      };
    });
  return {
    guide: view('guide', guideCandidatesFor(engine.id, traits, cores)),
    presets: view('preset', presetCandidates(engine.id)),
    byId,
  };
}

export function defaultSetup(choices: CandidateChoices, targetId: string): ExploreSetupView {
  const checked = choices.guide.filter((c) => c.checked).map((c) => c.id);
  return {
    targetIds: [targetId],
    objective: 'mean',
    costInferences: 1000,
    budgetMinutes: 10,
    maxRounds: 12,
    iterations: 20,
    warmups: 2,
    cooldownSeconds: 0,
    seed: Math.floor(Math.random() * 100000),
    checked,
    custom: [],
    baseline: checked[0] ?? '',
    profileEnd: false,
  };
}

function parseFlags(engine: Engine, text: string): { flags: FlagSet; unknown: string[] } {
  const trimmed = text.trim();
  if (trimmed === '') return { flags: {}, unknown: [] };
  // A bare flag list gets a stand-in model word; a pasted command line has its own.
  const parsed = engine.parseCommandLine(trimmed.startsWith('-') ? `model ${trimmed}` : trimmed);
  return { flags: parsed.flags, unknown: parsed.unknown };
}

export function checkCandidate(
  engine: Engine,
  text: string,
  lang: Lang,
  traits?: TargetTraits,
): CandidateCheckView {
  const { flags, unknown } = parseFlags(engine, text);
  return {
    flagsText: flagsText(flags) || vscode.l10n.t('default flags'),
    issues: issuesView(engine.validate(flags, traits ? { target: traits } : undefined), lang),
    unknown,
  };
}

export class SetupError extends Error {}

/** The core's definition for this setup, or a SetupError saying what is wrong. */
export function definitionOf(
  engine: Engine,
  model: string,
  setup: ExploreSetup,
  choices: CandidateChoices,
  targets: StudyTargetSpec[],
): StudyDefinition {
  const candidates: Array<{ id: string; candidate: Candidate }> = [];
  const labels = new Set<string>();
  const unique = (label: string) => {
    let l = label.trim() || 'candidate';
    for (let n = 2; labels.has(l); n++) l = `${label.trim()}-${n}`;
    labels.add(l);
    return l;
  };
  for (const id of setup.checked) {
    const custom = /^custom:(\d+)$/.exec(id);
    if (custom) {
      const row = setup.custom[Number(custom[1])];
      if (!row) continue;
      const { flags, unknown } = parseFlags(engine, row.text);
      if (unknown.length > 0) throw new SetupError(`${row.label}: ${unknown.join(' ')}`);
      const errors = engine.validate(flags).filter((i) => i.severity === 'error');
      if (errors.length > 0)
        throw new SetupError(`${row.label}: ${errors.map((e) => e.message.en).join(' ')}`);
      candidates.push({ id, candidate: { label: unique(row.label), flags, source: 'explicit' } });
      continue;
    }
    const c = choices.byId.get(id);
    if (c) candidates.push({ id, candidate: { ...c, label: unique(c.label) } });
  }
  if (candidates.length < 2) throw new SetupError(vscode.l10n.t('Tick at least two candidates.'));
  const baseline = candidates.find((c) => c.id === setup.baseline) ?? candidates[0]!;
  // The baseline goes first: the core's default, and the leaderboard reads from it.
  const ordered = [baseline, ...candidates.filter((c) => c !== baseline)].map((c) => c.candidate);
  return {
    model,
    engine: engine.id,
    targets,
    candidates: ordered,
    baseline: baseline.candidate.label,
    objective:
      setup.objective === 'cost'
        ? { kind: 'cost', inferences: setup.costInferences }
        : { kind: setup.objective },
    budget: { wallMs: Math.round(setup.budgetMinutes * 60000), maxRounds: setup.maxRounds },
    iterations: setup.iterations,
    warmups: setup.warmups,
    seed: setup.seed,
    cooldownMs: Math.round(setup.cooldownSeconds * 1000),
    commonFlags: {},
    ...(setup.profileEnd && engine.profile ? { profileEnd: true } : {}),
  };
}

/** Flags a study sets itself (its run plan): taken out of the candidates' own flags. */
const RUN_PLAN_FLAGS = ['iter', 'warmup-iter'];

/**
 * A study of exactly these runs' flag sets (the baseline's first), with the baseline's iteration
 * and warm-up counts: what decides a difference two single runs could not.
 */
export function studyOfRuns(records: readonly RunRecord[], base: RunRecord): StudyDefinition {
  const labels = new Set<string>();
  const ordered = [base, ...records.filter((r) => r !== base)];
  const candidates: Candidate[] = ordered.map((r, i) => {
    // `--fast-run --weight-preprocess` → `fast-run+weight-preprocess`, as the guide set names them.
    const flagsLabel = flagsText(withoutRunPlan(r.flags))
      .split(/\s+/)
      .filter(Boolean)
      .map((w) => w.replace(/^--?/, ''))
      .join('+');
    const stem = (r.label ?? (flagsLabel || 'defaults')).replace(/[^\w.+@=-]+/g, '_').slice(0, 60);
    let label = stem || `run-${i + 1}`;
    for (let n = 2; labels.has(label); n++) label = `${stem}-${n}`;
    labels.add(label);
    return { label, flags: withoutRunPlan(r.flags), source: 'explicit' };
  });
  const num = (v: unknown, fallback: number) => (typeof v === 'number' && v > 0 ? v : fallback);
  return {
    model: base.model.path,
    engine: base.engine,
    targets: [{ name: base.target }],
    candidates,
    baseline: candidates[0]!.label,
    objective: { kind: 'mean' },
    budget: { wallMs: 10 * 60000, maxRounds: 12 },
    iterations: num(base.flags.iter, 20),
    warmups: num(base.flags['warmup-iter'], 2),
    seed: Math.floor(Math.random() * 100000),
    cooldownMs: 0,
    commonFlags: {},
  };
}

function withoutRunPlan(flags: FlagSet): FlagSet {
  return Object.fromEntries(Object.entries(flags).filter(([k]) => !RUN_PLAN_FLAGS.includes(k)));
}
