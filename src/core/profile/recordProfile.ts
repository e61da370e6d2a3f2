/**
 * The profile a saved run brought back: the artifact its engine's profiling flag wrote (the
 * engine's `profile.flags`), and how to read it (the engine's `profile.readOptions`: an ONNX
 * Runtime run's warm-up count is in its flags).
 * A run with a profile was slowed by profiling: `isProfiledRun` lets comparisons say so.
 */
import { basename, extname, isAbsolute, resolve } from 'node:path';
import type { RunRecord } from '../records/runRecord';
import type { ProfileReadOptions } from '../engine';
import { engineById } from '../engines/registry';

/** Where profiles the product asks for (a toggle, a study's closing runs) go, workspace-relative. */
export const PROFILE_DIR = '.lar-explorer/profiles';

/**
 * The profiling flags of the run's engine; a record of an engine this build does not know falls
 * back to the names every engine so far uses (`profile`, load_and_run's `profile-host`).
 */
function profileFlagsOf(engine: string | undefined): string[] {
  const known = engine === undefined ? undefined : engineById(engine)?.profile?.flags;
  return known ?? ['profile', 'profile-host'];
}

/** True when the run was made with one of its engine's profiling flags on (its timings are slowed). */
export function isProfiledRun(record: Pick<RunRecord, 'flags'> & { engine?: string }): boolean {
  return profileFlagsOf(record.engine).some((name) => {
    const p = record.flags[name];
    return typeof p === 'string' && p.trim() !== '';
  });
}

/** Absolute path of the run's profile file, or null when it has none. `baseDir`: the workspace. */
export function profilePathOf(
  record: Pick<RunRecord, 'artifacts' | 'flags'> & { engine?: string },
  baseDir: string,
): string | null {
  // The engine's main flag first (--profile); --profile-host writes the same format, host times only.
  const artifact = profileFlagsOf(record.engine)
    .map((flag) => record.artifacts?.find((a) => a.flag === `--${flag}`))
    .find((a) => a !== undefined);
  if (artifact)
    return isAbsolute(artifact.localPath) ? artifact.localPath : resolve(baseDir, artifact.localPath);
  return null;
}

/** Whether the run brought a profile back (the Models view offers "Show Profile" only then). */
export function hasProfile(record: Pick<RunRecord, 'artifacts' | 'flags'> & { engine?: string }): boolean {
  return profilePathOf(record, '/') !== null;
}

/**
 * A fresh profile file for a run of `model` started at `when`: `.lar-explorer/profiles/<stem>-<time>.json`
 * (workspace-relative, so the run's artifact is too). `tag` tells runs of one moment apart.
 */
export function profileFileFor(model: string, when: Date, tag = ''): string {
  const stem = basename(model, extname(model)).replace(/[^A-Za-z0-9._-]/g, '_') || 'model';
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  const time =
    `${when.getFullYear()}${p(when.getMonth() + 1)}${p(when.getDate())}-` +
    `${p(when.getHours())}${p(when.getMinutes())}${p(when.getSeconds())}${p(when.getMilliseconds(), 3)}`;
  const suffix = tag ? `-${tag.replace(/[^A-Za-z0-9._-]/g, '_')}` : '';
  return `${PROFILE_DIR}/${stem}-${time}${suffix}.json`;
}

/** How to read the run's profile, as its engine says from the run's flags. */
export function profileReadOptionsOf(record: Pick<RunRecord, 'engine' | 'flags'>): ProfileReadOptions {
  return engineById(record.engine)?.profile?.readOptions?.(record.flags) ?? {};
}
