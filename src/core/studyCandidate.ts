/**
 * What a study compares: one candidate set of flags, and where it came from. A neutral module
 * (neither `study/` nor `engines/`) because both sides name it: an engine proposes its guide set
 * (`Engine.study`), the study runs it. Engines importing `study/` would invert the layer arrows.
 */
import type { FlagSet, LocalizedText } from './engine';

/** The study's reference candidate: the engine's defaults, no flags. */
export const BASELINE_LABEL = 'defaults';

/** Placeholders a preparation's (and a recipe's) flags use for the file it writes; filled per target. */
export const DUMPED_MODEL = '${dumpedModel}';
export const ALGO_CACHE = '${algoCache}';

/** What one preparation step produces; the candidate's flags name it with a placeholder. */
export type PreparedKind = 'algo-cache' | 'dumped-model';

/** A one-time step a candidate needs before its measured runs (the guide's three-step recipes). */
export interface Preparation {
  kind: PreparedKind;
  /** Flags of the preparation run; `${algoCache}` / `${dumpedModel}` name the file it writes. */
  flags: FlagSet;
}

export type CandidateSource = 'explicit' | 'preset' | 'guide' | 'file';

export interface Candidate {
  /** Unique within the study; the CLI and the panel show it. */
  label: string;
  /** The engine's flags; `${algoCache}` / `${dumpedModel}` are filled per target from `prepare`. */
  flags: FlagSet;
  prepare?: Preparation;
  source?: CandidateSource;
  /** Only for these CPU families (nchw44 is an Arm layout, nchw88 an x86 one); absent = any. */
  platforms?: Array<'arm' | 'x86'>;
  /** Why the guide suggests it. */
  note?: LocalizedText;
}

/** `uname -m` of an Arm CPU (armv7l, aarch64...). */
export function isArm(arch: string | undefined): boolean {
  return arch !== undefined && /^(arm|aarch64)/i.test(arch);
}

/** `uname -m` of an x86 CPU (x86_64, i686, amd64...). */
export function isX86(arch: string | undefined): boolean {
  return arch !== undefined && /^(x86|i[3-6]86|amd64)/i.test(arch);
}
