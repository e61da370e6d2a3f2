/**
 * What a check of a target found, kept between checks (the extension caches it per target; the
 * CLI prints it). `supportedFlags` come from its binary's `--help`. Owned by runners, beside the
 * check that produces it; validation reads it through `traitsOf` (benchmark/runPlan.ts).
 */
import type { Engine } from '../engine';
import type { TargetCheck } from './targetCheck';

export interface TargetFacts {
  checkedAt: string;
  reachable: boolean;
  version?: string;
  arch?: string;
  cores?: number;
  supportedFlags?: Set<string>;
  /** Catalogue flags the binary lacks. */
  missingFlags?: string[];
  /** Why the check failed (unreachable, binary missing...). */
  problem?: string;
  /** The same in Chinese, when known. */
  problemZh?: string;
}

/** A check's findings as facts: the program's version, and which catalogue flags its build lacks. */
export function factsFromCheck(found: TargetCheck, engine: Engine, checkedAt: string): TargetFacts {
  const supported = found.helpText && engine.helpFlags ? engine.helpFlags(found.helpText) : undefined;
  const programName = engine.program.kind === 'binary' ? engine.program.name : engine.displayName;
  return {
    checkedAt,
    reachable: found.reachable,
    ...(found.larVersion ? { version: `${programName} ${found.larVersion}` } : {}),
    ...(found.arch ? { arch: found.arch } : {}),
    ...(found.cores ? { cores: found.cores } : {}),
    ...(supported && supported.size > 0
      ? {
          supportedFlags: supported,
          missingFlags: engine.catalog.flags.map((f) => f.name).filter((n) => !supported.has(n)),
        }
      : {}),
    ...(found.error ? { problem: found.error } : {}),
    ...(found.errorZh ? { problemZh: found.errorZh } : {}),
  };
}
