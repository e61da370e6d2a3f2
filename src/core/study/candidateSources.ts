/**
 * Where a study's candidates come from: the guide's options for load_and_run (picked by the
 * target's architecture), an equivalent set for ONNX Runtime, the engine's presets, or explicit
 * `LABEL: FLAGS` lines. And the screening before anything runs: a candidate that breaks a rule, or
 * needs a flag the target's binary lacks, is left out with the reason.
 */
import type { Engine, EngineId, FlagSet, TargetTraits } from '../engine';
import { ALGO_CACHE, DUMPED_MODEL, LAR_PRESETS } from '../engines/lar/recipes';
import type { Candidate } from './studyTypes';

const BASELINE_LABEL = 'defaults';

function isArm(arch: string | undefined): boolean {
  return arch !== undefined && /^(arm|aarch64)/i.test(arch);
}
function isX86(arch: string | undefined): boolean {
  return arch !== undefined && /^(x86|i[3-6]86|amd64)/i.test(arch);
}

/**
 * The guide's options (lar-inference-optimize.zh.rst) as candidates, baseline first. Layout options
 * follow the arch: nchw44 / nchw44-dot on Arm, nchw88 on x86 (unknown arch: both kinds, the
 * screening and the racing sort them out). `cuda` targets get the CUDA layout transform.
 */
export function guideCandidates(traits: TargetTraits = {}, device: 'cpu' | 'cuda' = 'cpu'): Candidate[] {
  const g = (label: string, flags: FlagSet, extra: Partial<Candidate> = {}): Candidate => ({
    label,
    flags,
    source: 'guide',
    ...extra,
  });
  const out: Candidate[] = [
    g(BASELINE_LABEL, {}),
    g('fast-run', { 'fast-run': true }),
    g('full-run', { 'full-run': true }),
    g('weight-preprocess', { 'weight-preprocess': true }),
    g('fast-run+weight-preprocess', { 'fast-run': true, 'weight-preprocess': true }),
    g(
      'fast-run-cache',
      { 'fast-run-algo-policy': ALGO_CACHE },
      {
        prepare: { kind: 'algo-cache', flags: { 'fast-run': true, 'fast-run-algo-policy': ALGO_CACHE } },
        note: {
          en: 'fast-run searched once (the preparation, kept apart), then every process reads the algo cache',
          zh: 'fast-run 只搜索一次（准备步骤，单独计时），之后每个进程读取算法缓存',
        },
      },
    ),
    g('fake-first', { 'fake-first': true, 'warmup-iter': 2 }),
    g('fuse-conv-bias-nonlinearity', { 'enable-fuse-conv-bias-nonlinearity': true }),
    g('fuse-conv-bias-with-z', { 'enable-fuse-conv-bias-with-z': true }),
    g('record-comp-seq', { 'record-comp-seq': true }),
    g(`layout-transform-${device}`, { 'layout-transform': device }),
    g(
      `layout-transform-${device}-dumped`,
      {},
      {
        prepare: {
          kind: 'dumped-model',
          flags: { 'layout-transform': device, 'layout-transform-dump': DUMPED_MODEL },
        },
        note: {
          en: 'the global layout transform done once and dumped; runs load the dumped model',
          zh: '全局 layout 优化只做一次并 dump；之后加载 dump 出的模型',
        },
      },
    ),
  ];
  const arm = isArm(traits.arch);
  const x86 = isX86(traits.arch);
  if (device === 'cpu' && (arm || !x86)) {
    out.push(
      g('nchw44', { 'enable-nchw44': true }, { platforms: ['arm'] }),
      g('nchw44-dot', { 'enable-nchw44-dot': true }, { platforms: ['arm'] }),
    );
  }
  if (device === 'cpu' && (x86 || !arm))
    out.push(g('nchw88', { 'enable-nchw88': true }, { platforms: ['x86'] }));
  return out;
}

/** ONNX Runtime's equivalent: optimisation level × intra-op threads × execution mode. */
export function onnxGuideCandidates(cores = 2): Candidate[] {
  const threads = Math.max(2, Math.min(cores, 8));
  const g = (label: string, flags: FlagSet): Candidate => ({ label, flags, source: 'guide' });
  return [
    g('all-1t', { 'graph-optimization-level': 'all', 'intra-op-threads': 1 }),
    g('disabled-1t', { 'graph-optimization-level': 'disabled', 'intra-op-threads': 1 }),
    g('basic-1t', { 'graph-optimization-level': 'basic', 'intra-op-threads': 1 }),
    g('extended-1t', { 'graph-optimization-level': 'extended', 'intra-op-threads': 1 }),
    g(`all-${threads}t`, { 'graph-optimization-level': 'all', 'intra-op-threads': threads }),
    g(`all-${threads}t-parallel`, {
      'graph-optimization-level': 'all',
      'intra-op-threads': threads,
      'execution-mode': 'parallel',
    }),
  ];
}

/** The guide set for an engine. */
export function guideCandidatesFor(engine: EngineId, traits: TargetTraits = {}, cores?: number): Candidate[] {
  return engine === 'onnxruntime' ? onnxGuideCandidates(cores) : guideCandidates(traits);
}

/** The engine's one-click presets, each against the defaults. */
export function presetCandidates(engine: EngineId): Candidate[] {
  if (engine === 'onnxruntime') {
    return ['disabled', 'basic', 'extended', 'all'].map((level) => ({
      label: level,
      flags: { 'graph-optimization-level': level },
      source: 'preset' as const,
    }));
  }
  return [
    { label: BASELINE_LABEL, flags: {}, source: 'preset' },
    ...LAR_PRESETS.map((p) => ({ label: p.id, flags: { ...p.flags }, source: 'preset' as const })),
  ];
}

/**
 * `LABEL: FLAGS` (as `--candidate` takes it and candidate files hold it, one per line; `#` starts
 * a comment). The flags are parsed by the engine; unknown words are an error, not ignored.
 */
export function parseCandidateLine(engine: Engine, line: string): Candidate {
  const colon = line.indexOf(':');
  if (colon <= 0) throw new Error(`a candidate is "LABEL: FLAGS" (got "${line}")`);
  const label = line.slice(0, colon).trim();
  const text = line.slice(colon + 1).trim();
  if (!/^[\w.+@-]+$/.test(label))
    throw new Error(`candidate label "${label}" may use letters, digits and . + @ - _ only`);
  const parsed = engine.parseCommandLine(text === '' ? '' : `x ${text}`);
  // parseCommandLine takes a model first; the placeholder `x` stands for it.
  if (parsed.unknown.length > 0)
    throw new Error(`candidate "${label}": not ${engine.displayName} flags: ${parsed.unknown.join(' ')}`);
  return { label, flags: parsed.flags, source: 'explicit' };
}

/** A candidate file: JSON (`[{ "label", "flags" }]`) or `LABEL: FLAGS` lines. */
export function parseCandidateFile(engine: Engine, text: string): Candidate[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    const value: unknown = JSON.parse(trimmed);
    if (!Array.isArray(value)) throw new Error('a candidate file in JSON is an array of { label, flags }');
    return value.map((v, i) => {
      const c = v as Partial<Candidate>;
      if (typeof c.label !== 'string' || typeof c.flags !== 'object' || c.flags === null)
        throw new Error(`candidate ${i + 1}: needs "label" (text) and "flags" (object)`);
      return {
        label: c.label,
        flags: c.flags,
        ...(c.prepare ? { prepare: c.prepare } : {}),
        source: 'file' as const,
      };
    });
  }
  return trimmed
    .split(/\r?\n/)
    .map((l) => l.replace(/#.*$/, '').trim())
    .filter((l) => l !== '')
    .map((l) => ({ ...parseCandidateLine(engine, l), source: 'file' as const }));
}

/** Flags set in a candidate (its own and its preparation's), canonical names. */
function flagsUsed(c: Candidate): string[] {
  return [...Object.keys(c.flags), ...Object.keys(c.prepare?.flags ?? {})];
}

/**
 * Leave out, before anything runs, candidates that break a validation rule with the study's common
 * flags, or that need a flag the target's binary lacks.
 */
export function screenCandidates(
  engine: Engine,
  candidates: Candidate[],
  commonFlags: FlagSet,
  traits: TargetTraits | undefined,
): { usable: Candidate[]; excluded: Array<{ label: string; reason: string }> } {
  const usable: Candidate[] = [];
  const excluded: Array<{ label: string; reason: string }> = [];
  const family = isArm(traits?.arch) ? 'arm' : isX86(traits?.arch) ? 'x86' : null;
  for (const c of candidates) {
    if (family && c.platforms && !c.platforms.includes(family)) {
      excluded.push({
        label: c.label,
        reason: `an option for ${c.platforms.map((p) => (p === 'arm' ? 'Arm' : 'x86')).join('/')} only; this target is ${traits!.arch}`,
      });
      continue;
    }
    const lacking = traits?.supportedFlags ? flagsUsed(c).filter((f) => !traits.supportedFlags!.has(f)) : [];
    if (lacking.length > 0) {
      excluded.push({ label: c.label, reason: `the target's binary lacks --${lacking.join(', --')}` });
      continue;
    }
    const errors = [c.flags, ...(c.prepare ? [c.prepare.flags] : [])].flatMap((f) =>
      engine.validate({ ...commonFlags, ...f }, traits).filter((i) => i.severity === 'error'),
    );
    if (errors.length > 0) {
      excluded.push({ label: c.label, reason: errors.map((e) => e.message.en).join('; ') });
      continue;
    }
    usable.push(c);
  }
  return { usable, excluded };
}
