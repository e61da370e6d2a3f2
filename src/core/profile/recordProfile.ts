/**
 * The profile a saved run brought back: the artifact its `--profile` flag wrote (both engines name
 * the flag `profile`), and how to read it (the engine's `profile.readOptions`: an ONNX Runtime
 * run's warm-up count is in its flags).
 * A run with a profile was slowed by profiling: `isProfiledRun` lets comparisons say so.
 */
import { isAbsolute, resolve } from 'node:path';
import type { RunRecord } from '../records/runRecord';
import type { ProfileReadOptions } from '../engine';
import { engineById } from '../engines/registry';

/** True when the run was made with the engine's profiling flag on. */
export function isProfiledRun(record: Pick<RunRecord, 'flags'>): boolean {
  // load_and_run's --profile-host profiles too (host time, for backends such as OpenCL).
  return ['profile', 'profile-host'].some((name) => {
    const p = record.flags[name];
    return typeof p === 'string' && p.trim() !== '';
  });
}

/** Absolute path of the run's profile file, or null when it has none. `baseDir`: the workspace. */
export function profilePathOf(
  record: Pick<RunRecord, 'artifacts' | 'flags'>,
  baseDir: string,
): string | null {
  // --profile first; --profile-host writes the same format with host times only.
  const artifact = ['--profile', '--profile-host']
    .map((flag) => record.artifacts?.find((a) => a.flag === flag))
    .find((a) => a !== undefined);
  if (artifact)
    return isAbsolute(artifact.localPath) ? artifact.localPath : resolve(baseDir, artifact.localPath);
  return null;
}

/** How to read the run's profile, as its engine says from the run's flags. */
export function profileReadOptionsOf(record: Pick<RunRecord, 'engine' | 'flags'>): ProfileReadOptions {
  return engineById(record.engine)?.profile?.readOptions?.(record.flags) ?? {};
}
