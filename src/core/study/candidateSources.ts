/**
 * Where a study's candidates come from: the engine's guide set (`Engine.study`: load_and_run's
 * picked by the target's architecture, ONNX Runtime's equivalent), its presets, or explicit
 * `LABEL: FLAGS` lines. And the screening before anything runs: a candidate that breaks a rule, or
 * needs a flag the target's binary lacks, is left out with the reason.
 */
import type { Engine, EngineId, FlagSet, TargetTraits } from '../engine';
import { engineById } from '../engines/registry';
import { BASELINE_LABEL, isArm, isX86 } from '../studyCandidate';
import { StudyDefinitionError } from './studyDefinitionError';
import type { Candidate } from './studyTypes';

/** The guide set for an engine (`Engine.study.guide`); an engine without one offers its presets. */
export function guideCandidatesFor(engine: EngineId, traits: TargetTraits = {}, cores?: number): Candidate[] {
  const study = engineById(engine)?.study;
  return study ? study.guide(traits, cores) : presetCandidates(engine);
}

/** The engine's one-click set: its own (`Engine.study.presets`), else each preset against the defaults. */
export function presetCandidates(engine: EngineId): Candidate[] {
  const found = engineById(engine);
  if (found?.study?.presets) return found.study.presets();
  return [
    { label: BASELINE_LABEL, flags: {}, source: 'preset' },
    ...(found?.presets ?? []).map((p) => ({ label: p.id, flags: { ...p.flags }, source: 'preset' as const })),
  ];
}

/**
 * `LABEL: FLAGS` (as `--candidate` takes it and candidate files hold it, one per line; `#` starts
 * a comment). The flags are parsed by the engine; unknown words are an error, not ignored.
 */
export function parseCandidateLine(engine: Engine, line: string): Candidate {
  const colon = line.indexOf(':');
  if (colon <= 0)
    throw new StudyDefinitionError(
      `a candidate is "LABEL: FLAGS" (got "${line}")`,
      `候选的写法是 "LABEL: FLAGS"（收到的是“${line}”）`,
    );
  const label = line.slice(0, colon).trim();
  const text = line.slice(colon + 1).trim();
  if (!/^[\w.+@-]+$/.test(label))
    throw new StudyDefinitionError(
      `candidate label "${label}" may use letters, digits and . + @ - _ only`,
      `候选标签“${label}”只能使用字母、数字和 . + @ - _`,
    );
  const parsed = engine.parseCommandLine(text === '' ? '' : `x ${text}`);
  // parseCommandLine takes a model first; the placeholder `x` stands for it.
  if (parsed.unknown.length > 0)
    throw new StudyDefinitionError(
      `candidate "${label}": not ${engine.displayName} flags: ${parsed.unknown.join(' ')}`,
      `候选“${label}”：不是 ${engine.displayName} 的参数：${parsed.unknown.join(' ')}`,
    );
  return { label, flags: parsed.flags, source: 'explicit' };
}

/** A candidate file: JSON (`[{ "label", "flags" }]`) or `LABEL: FLAGS` lines. */
export function parseCandidateFile(engine: Engine, text: string): Candidate[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    const value: unknown = JSON.parse(trimmed);
    if (!Array.isArray(value))
      throw new StudyDefinitionError(
        'a candidate file in JSON is an array of { label, flags }',
        'JSON 格式的候选文件应是 { label, flags } 的数组',
      );
    return value.map((v, i) => {
      const c = v as Partial<Candidate>;
      if (typeof c.label !== 'string' || typeof c.flags !== 'object' || c.flags === null)
        throw new StudyDefinitionError(
          `candidate ${i + 1}: needs "label" (text) and "flags" (object)`,
          `第 ${i + 1} 个候选：需要 "label"（文本）和 "flags"（对象）`,
        );
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
      engine
        .validate({ ...commonFlags, ...f }, traits ? { target: traits } : undefined)
        .filter((i) => i.severity === 'error'),
    );
    if (errors.length > 0) {
      excluded.push({ label: c.label, reason: errors.map((e) => e.message.en).join('; ') });
      continue;
    }
    usable.push(c);
  }
  return { usable, excluded };
}
