/**
 * Prepared artifacts (issue #10, item 2): where a candidate's one-time product lives (a fast-run
 * algo cache, a layout-transform dump), how its placeholders are filled, when an earlier one may be
 * reused (made for this very target, binary, model and flags, and still on disk), and the entry a
 * preparation run leaves in the study record, its cost kept apart from the candidate's runs.
 */
import { existsSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import type { Engine, FlagValue } from '../engine';
import type { RunRecord } from '../records/runRecord';
import { ALGO_CACHE, DUMPED_MODEL } from '../studyCandidate';
import type { Candidate, PreparedArtifact } from './studyTypes';

/**
 * `<study artifacts>/<target>/<label>.cache|<model ext>`: one file per target and candidate, never
 * shared. A model without an extension dumps to the engine's first one (`modelExtensions[0]`).
 */
export function artifactPath(
  artifactDir: string,
  target: string,
  model: string,
  c: Candidate,
  engine: Pick<Engine, 'modelExtensions'>,
): string {
  const slug = target.replace(/[^\w.-]+/g, '_');
  const ext =
    c.prepare?.kind === 'algo-cache' ? '.cache' : extname(model) || (engine.modelExtensions[0] ?? '');
  return join(artifactDir, slug, `${c.label}${ext}`);
}

/** `${algoCache}` / `${dumpedModel}` → the candidate's artifact on this target. */
export function fillArtifact(v: FlagValue, c: Candidate, path: string): FlagValue {
  if (typeof v !== 'string' || !v.includes('${') || !c.prepare) return v;
  return v.split(ALGO_CACHE).join(path).split(DUMPED_MODEL).join(path);
}

function sameKey(a: PreparedArtifact['key'], b: PreparedArtifact['key']): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** An earlier preparation this candidate may reuse, if any. */
export function reusablePreparation(
  preparations: PreparedArtifact[],
  target: string,
  c: Candidate,
  key: PreparedArtifact['key'],
  path: string,
): PreparedArtifact | undefined {
  return preparations.find(
    (p) =>
      p.target === target &&
      p.candidate === c.label &&
      p.status === 'ok' &&
      sameKey(p.key, key) &&
      existsSync(path),
  );
}

/** The record entry of a finished preparation run (its wall time is the one-time cost). */
export function preparedFrom(
  record: RunRecord,
  target: string,
  c: Candidate,
  key: PreparedArtifact['key'],
  artifactDir: string,
  path: string,
): PreparedArtifact {
  const ok = record.status === 'ok';
  return {
    target,
    candidate: c.label,
    kind: c.prepare!.kind,
    path: basename(artifactDir) + '/' + path.slice(artifactDir.length + 1),
    key,
    runId: record.id,
    status: ok ? 'ok' : 'failed',
    costMs: Date.parse(record.endedAt ?? record.startedAt) - Date.parse(record.startedAt),
    ...(ok ? {} : { reason: record.reason || record.status }),
  };
}
