/**
 * The Benchmark panel's view models: the engine's catalogue, presets, recipes, validation issues
 * and run results turned into the already-localized shapes of `benchmarkProtocol.ts`, plus the
 * panel's UI strings. Pure data shaping and `vscode.l10n.t`; no panel, no I/O.
 */
import * as vscode from 'vscode';
import type { Engine, FlagSet, LocalizedText, ModelFacts, ValidationIssue } from '../../core/engine';
import type { RunRecord } from '../../core/records/runRecord';
import type {
  FlagGroupView,
  GateView,
  HostAction,
  HostToBenchmark,
  IssueView,
  PresetView,
  RecipeView,
  RunResultView,
  SupportView,
  TargetView,
} from '../../shared/benchmarkProtocol';
import type { UiStrings } from '../../shared/protocol';
import { deviceWarnings } from '../../core/runners/deviceFacts';
import type { SavedPreset } from '../presets/savedPresets';
import type { TargetFacts } from '../targets/targetRegistry';
import type { TargetRef } from '../targets/targetRef';
import type { RunBlock } from './runGate';
import { blockAction, blockMessage, fixLabel, type RunProblem } from './runService';

export type Lang = 'en' | 'zh';

/** VS Code's display language as the catalogue's: any Chinese → zh (the catalogue has Simplified only). */
export function uiLang(language: string = vscode.env.language): Lang {
  return language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}

export function flagGroupsView(engine: Engine, lang: Lang): FlagGroupView[] {
  const groups = engine.catalog.groups.map((g) => ({
    id: g.id,
    label: g.label[lang],
    flags: [] as FlagGroupView['flags'],
  }));
  const byId = new Map(groups.map((g) => [g.id, g]));
  for (const f of engine.catalog.flags) {
    const group = byId.get(f.group);
    // The input flag is edited as rows (the Inputs section), never as a field of the form.
    if (!group || f.name === engine.inputs?.flag) continue;
    group.flags.push({
      name: f.name,
      kind: f.kind,
      description: f.description[lang],
      ...(f.platformHint ? { hint: f.platformHint[lang] } : {}),
      ...(f.values ? { values: f.values } : {}),
      ...(f.default !== undefined && f.default !== false ? { default: String(f.default) } : {}),
      ...(f.name === engine.iterationAdvice?.flag ? { advice: engine.iterationAdvice.reason[lang] } : {}),
      advanced: f.advanced === true,
    });
  }
  return groups.filter((g) => g.flags.length > 0);
}

/** Saved presets (a study's winners) share the preset list under ids with this prefix. */
const SAVED_PRESET_PREFIX = 'saved:';

/** A saved preset's flags by its list id; undefined when it is gone, null when the id is the engine's. */
export function savedPresetFlags(
  presetId: string,
  saved: readonly SavedPreset[] | undefined,
): FlagSet | undefined | null {
  if (!presetId.startsWith(SAVED_PRESET_PREFIX)) return null;
  const label = presetId.slice(SAVED_PRESET_PREFIX.length);
  return saved?.find((p) => p.label === label)?.flags;
}

/** The engine's presets, then the user's saved ones (`saved:<label>`). */
export function presetsView(engine: Engine, lang: Lang, saved: readonly SavedPreset[] = []): PresetView[] {
  return [
    ...engine.presets.map((p) => ({ id: p.id, label: p.label[lang], flags: p.flags })),
    ...saved.map((p) => ({ id: `${SAVED_PRESET_PREFIX}${p.label}`, label: p.label, flags: p.flags })),
  ];
}

export function recipesView(engine: Engine, lang: Lang, model: ModelFacts = {}): RecipeView[] {
  const blocked = engine.recipesBlocked?.(model) ?? null;
  return engine.recipes.map((r) => ({
    id: r.id,
    label: r.label[lang],
    steps: r.steps.map((s) => ({ label: s.label[lang], ...(s.note ? { note: s.note[lang] } : {}) })),
    ...(blocked ? { disabledReason: blocked[lang] } : {}),
  }));
}

export function issuesView(issues: ValidationIssue[], lang: Lang): IssueView[] {
  return issues.map((i) => ({
    severity: i.severity,
    flags: i.flags,
    message: i.message[lang],
    fix: i.fix[lang],
  }));
}

export function targetsView(targets: TargetRef[]): TargetView[] {
  return targets.map((t) => ({
    id: t.id,
    label: t.label,
    detail: t.kind === 'local' ? vscode.l10n.t('this machine') : t.destination,
  }));
}

export function supportView(
  targetId: string,
  facts: TargetFacts | undefined,
  checking: boolean,
  lang: Lang,
): SupportView {
  if (checking) return { targetId, state: 'checking', unsupported: {} };
  if (!facts) return { targetId, state: 'unknown', unsupported: {} };
  if (!facts.reachable || facts.problem) {
    return {
      targetId,
      state: 'failed',
      unsupported: {},
      note: (lang === 'zh' ? facts.problemZh : undefined) ?? facts.problem ?? vscode.l10n.t('unreachable'),
    };
  }
  const reason: LocalizedText = {
    en: "This target's load_and_run does not have this flag (from its --help).",
    zh: '目标上的 load_and_run 没有这个选项（据其 --help）。',
  };
  const unsupported = Object.fromEntries((facts.missingFlags ?? []).map((f) => [f, reason[lang]]));
  const note = [facts.version, facts.arch, facts.cores ? vscode.l10n.t('{0} cores', facts.cores) : undefined]
    .filter(Boolean)
    .join(' · ');
  return { targetId, state: 'known', unsupported, ...(note ? { note } : {}) };
}

export function runResultView(record: RunRecord, lang: Lang): RunResultView {
  const r = record.result;
  // Engines give coded reasons in both languages; the record keeps the Chinese beside the English.
  const reason = lang === 'zh' && record.reasonZh ? record.reasonZh : record.reason;
  return {
    recordId: record.id,
    status: record.status,
    ...(reason ? { reason } : {}),
    target: record.target,
    command: record.command,
    // What spoilt the numbers on the device (governor, throttling, load) reads like the tool's warnings.
    messages: [
      ...(r?.messages ?? []),
      ...deviceWarnings(record.host.device?.before, record.host.device?.after).map((w) => ({
        level: 'warn' as const,
        text: w[lang],
      })),
    ],
    phases: r?.phases ?? { loadMs: null, configMs: null, warmupMs: [], inference: null },
    iterationsMs: r?.iterations.map((it) => it.e2eMs) ?? [],
    totalMs: r?.totalMs ?? null,
  };
}

/**
 * Every string the panel shows, localized here (the webview never localizes). Placeholders are
 * passed back as themselves so the webview fills `{0}` when it knows the value.
 */
/** The panel's strings; the paste field's hint and example follow the model's engine. */
export function benchmarkStrings(engine?: Engine): UiStrings {
  // A runner we ship is pasted from this panel's own Copy; an installed tool from the user's scripts.
  const ownRunner = engine?.program.kind === 'embedded';
  const t = (message: string, ...args: string[]): string => vscode.l10n.t(message, ...args);
  return {
    heading: t('Benchmark'),
    target: t('Target'),
    checkTarget: t('Check connection'),
    checking: t('Checking the target…'),
    checkFailed: t('Check failed'),
    presets: t('Presets'),
    presetsHint: t('Common single options: each click adds its flags.'),
    recipes: t('Three-step recipes from the guide'),
    recipesHint: t(
      'Runs the three steps one after another: the model dumped by step 1 and the algorithm cache of step 2 feed the next steps. Files go to .lar-explorer/artifacts/.',
    ),
    runRecipe: t('Run the recipe'),
    flags: t('Flags'),
    advanced: t('Advanced'),
    defaultIs: t('default: {0}', '{0}'),
    notSet: t('(not set)'),
    inputs: t('Inputs'),
    inputsHint: engine?.capabilities.randomInputs
      ? t(
          "Without inputs here, ONNX Runtime is fed seeded random data in the model's own input shapes, free (symbolic) dimensions set to 1 (--free-dimension-override sets them). To use your own data, pick .npy or .json files, or type a shape per input name, e.g. [1,3,224,224]. Remembered for this model.",
        )
      : t(
          'Models dumped without a test case need --input. Pick data files (.npy, .json, .ppm) or type a shape per input name, e.g. {1,1,28,28}. Remembered for this model.',
        ),
    inputName: t('Input name'),
    inputValue: t('File or shape'),
    addInput: t('Add an input'),
    pickFiles: t('Pick data files…'),
    remove: t('Remove'),
    paste: t('Paste a command line'),
    pasteHint: ownRunner
      ? t('Fills the flags from a command line of this panel (Copy) or one you wrote.')
      : t('Fills the flags from a load_and_run command you already use.'),
    pastePlaceholder: engine?.exampleCommand ?? '',
    apply: t('Fill the flags'),
    notUnderstood: t('Not understood: {0}', '{0}'),
    otherModel: t('The pasted command names another model ({0}); only its flags were taken.', '{0}'),
    command: t('Command'),
    copy: t('Copy'),
    copied: t('Copied'),
    run: t('Run'),
    cancel: t('Cancel'),
    reset: t('Clear flags'),
    issues: t('Check before running'),
    fix: t('Fix: {0}', '{0}'),
    running: t('Running…'),
    step: t('Step {0} of {1}', '{0}', '{1}'),
    log: t('Log'),
    liveChart: t('Iteration times (live)'),
    results: t('Results'),
    noResult: t('No run yet: choose the flags and press Run.'),
    phaseChart: t('Phases'),
    iterationChart: t('Iterations'),
    phase: t('Phase'),
    timeMs: t('Time (ms)'),
    timeMsLog: t('Time (ms, logarithmic scale)'),
    load: t('load'),
    configuration: t('configuration'),
    warmup: t('warm-up {0}', '{0}'),
    inferenceMean: t('inference (mean)'),
    minMax: t('min–max'),
    mean: t('mean'),
    sd: t('sd'),
    min: t('min'),
    max: t('max'),
    median: t('median'),
    count: t('iterations'),
    // load_and_run's total covers its test cases; our ONNX runner's, the whole run in the process.
    total:
      engine?.capabilities.totalScope === 'runner' ? t('total in the runner') : t('total of the test cases'),
    iteration: t('iteration'),
    status: t('Status'),
    'status.ok': t('ok'),
    'status.failed': t('failed'),
    'status.cancelled': t('cancelled'),
    'status.timeout': t('timed out'),
    'status.partial': t('partial'),
    messages: t('Warnings from the tool and the device'),
    openRecord: t('Open the saved record'),
    targetLabel: t('Target: {0}', '{0}'),
  };
}

/** Why runs are blocked, with the button that fixes it. */
export function gateView(block: RunBlock, target: TargetRef, engine?: Engine): GateView {
  // The path setting fixes a missing binary, not a local-only engine's model on a remote target.
  const fixable = !(block === 'no-program' && engine?.capabilities.localOnly);
  const action = fixable ? blockAction(block) : undefined;
  const id: HostAction | undefined =
    block === 'untrusted' ? 'manage-trust' : block === 'no-program' ? 'set-lar-path' : undefined;
  return {
    reason: block,
    message: blockMessage(block, target, engine),
    ...(action && id ? { action: { id, label: action.label } } : {}),
  };
}

/** A run that did not start, as the panel shows it. */
export function problemMessage(p: RunProblem, target: TargetRef, lang: Lang): HostToBenchmark {
  if (p.kind === 'blocked') {
    const g = gateView(p.block, target);
    return { type: 'runProblem', message: p.message, ...(g.action ? { action: g.action } : {}) };
  }
  if (p.kind === 'invalid')
    return { type: 'runProblem', message: p.message, issues: issuesView(p.issues, lang) };
  return {
    type: 'runProblem',
    message: p.message,
    ...(p.fix ? { action: { id: p.fix, label: fixLabel(p.fix) } } : {}),
  };
}
