/**
 * Where an artifact came from. Every file a run produces (algo cache, dumped model, profile,
 * optimised ONNX model) gets a small sidecar `<file>.provenance.json`: the target and its device,
 * the program (path, size, sha256, version line), the model's sha256 and the flags that made it.
 * Before a run, every file it will READ that has such a sidecar is checked against the run about
 * to start: a fast-run cache made on another device, by another binary or for another model is
 * worse than none, and silently so; this turns it into a warning with the difference (en + zh).
 * Pure data + small file reads; no UI. Callers: runBenchmark (write after, check before).
 */
import { createHash } from 'node:crypto';
import { createReadStream, promises as fs } from 'node:fs';
import { resolve } from 'node:path';
import type { FlagSet, ValidationIssue } from '../engine';
import { replaceFileAtomic } from '../records/atomicFile';

export const PROVENANCE_SCHEMA = 1;
export const PROVENANCE_SUFFIX = '.provenance.json';

export interface ArtifactProvenance {
  schema: typeof PROVENANCE_SCHEMA;
  /** Flag that named the file (e.g. `--fast-run-algo-policy`). */
  flag?: string;
  createdAt: string;
  runId: string;
  target: string;
  device?: { arch?: string; cpuModel?: string; hostname?: string };
  /** `note` says why there is no sha256 (e.g. no hashing tool on the board). */
  binary: { path: string; bytes?: number; sha256?: string; version?: string; note?: string };
  model: { path: string; sha256: string | null };
  flags: FlagSet;
}

/** What a run about to start is: compared field by field with an artifact's provenance. */
export interface RunConditions {
  target: string;
  device?: { arch?: string; cpuModel?: string };
  binary: { path: string; sha256?: string };
  model: { sha256: string | null };
}

export function provenancePath(artifact: string): string {
  return `${artifact}${PROVENANCE_SUFFIX}`;
}

/** sha256 and size of a local binary; undefined when it cannot be read (remote, missing). */
export async function describeBinary(path: string): Promise<{ bytes: number; sha256: string } | undefined> {
  try {
    const st = await fs.stat(path);
    if (!st.isFile()) return undefined;
    const hash = createHash('sha256');
    for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) hash.update(chunk);
    return { bytes: st.size, sha256: hash.digest('hex') };
  } catch {
    return undefined;
  }
}

/** Whether any of these files has a provenance sidecar (a stat each, no read). */
export async function anyProvenance(paths: readonly string[]): Promise<boolean> {
  for (const p of paths)
    if (
      await fs.stat(provenancePath(p)).then(
        (s) => s.isFile(),
        () => false,
      )
    )
      return true;
  return false;
}

/** Write (or replace) the sidecar of `artifact`; best effort, a failure only loses the provenance. */
export async function writeProvenance(artifact: string, p: ArtifactProvenance): Promise<boolean> {
  try {
    await replaceFileAtomic(provenancePath(artifact), JSON.stringify(p, null, 2) + '\n');
    return true;
  } catch {
    return false;
  }
}

export async function readProvenance(artifact: string): Promise<ArtifactProvenance | null> {
  try {
    const value = JSON.parse(await fs.readFile(provenancePath(artifact), 'utf8')) as ArtifactProvenance;
    return value && value.schema === PROVENANCE_SCHEMA && typeof value.target === 'string' ? value : null;
  } catch {
    return null;
  }
}

interface Difference {
  en: string;
  zh: string;
}

/** What differs between the run that made an artifact and the run about to reuse it. */
export function provenanceDifferences(p: ArtifactProvenance, now: RunConditions): Difference[] {
  const diffs: Difference[] = [];
  if (p.target !== now.target)
    diffs.push({ en: `target ${p.target} → ${now.target}`, zh: `目标 ${p.target} → ${now.target}` });
  const was = p.device?.cpuModel ?? p.device?.arch;
  const is = now.device?.cpuModel ?? now.device?.arch;
  if (was && is && was !== is) diffs.push({ en: `device ${was} → ${is}`, zh: `设备 ${was} → ${is}` });
  if (p.binary.sha256 && now.binary.sha256 && p.binary.sha256 !== now.binary.sha256)
    diffs.push({
      en: `the program changed (${p.binary.path}, sha256 ${p.binary.sha256.slice(0, 12)} → ${now.binary.sha256.slice(0, 12)})`,
      zh: `程序已变化（${p.binary.path}，sha256 ${p.binary.sha256.slice(0, 12)} → ${now.binary.sha256.slice(0, 12)}）`,
    });
  else if (!p.binary.sha256 || !now.binary.sha256) {
    if (p.binary.path !== now.binary.path)
      diffs.push({
        en: `the program ${p.binary.path} → ${now.binary.path}`,
        zh: `程序 ${p.binary.path} → ${now.binary.path}`,
      });
  }
  if (p.model.sha256 && now.model.sha256 && p.model.sha256 !== now.model.sha256)
    diffs.push({
      en: `another model (made for ${p.model.path}, sha256 ${p.model.sha256.slice(0, 12)})`,
      zh: `模型不同（生成时的模型为 ${p.model.path}，sha256 ${p.model.sha256.slice(0, 12)}）`,
    });
  return diffs;
}

/** A file the run will read, with the provenance found beside it (null: none, or unreadable). */
export interface ReusedFile {
  localPath: string;
  flag?: string;
  provenance: ArtifactProvenance | null;
}

/**
 * The provenance beside every file the run will read, read side by side. Never rejects. Separate
 * from the comparison so a run reads it while it hashes the model and reads the device (issue
 * #15: one more file read between the user's Enter and the tool's start).
 */
export function readReusedProvenance(
  reads: ReadonlyArray<{ localPath: string; flag?: string }>,
  baseDir: string,
): Promise<ReusedFile[]> {
  return Promise.all(
    reads.map(async (file) => ({
      ...file,
      provenance: await readProvenance(resolve(baseDir, file.localPath)),
    })),
  );
}

/**
 * Warnings for every file the run will read that a different run produced. `files` are the local
 * paths (relative to the run's base folder) of input and input-output files, with the flag naming
 * each and their provenance (readReusedProvenance); the model itself is included (a dumped model
 * is an artifact too, but its own model hash is not compared with itself).
 */
export function artifactReuseIssues(files: readonly ReusedFile[], now: RunConditions): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const file of files) {
    const p = file.provenance;
    if (!p) continue;
    const isModel = file.flag === undefined;
    const diffs = provenanceDifferences(p, isModel ? { ...now, model: { sha256: null } } : now);
    if (diffs.length === 0) continue;
    const what = file.flag ? `${file.flag} ${file.localPath}` : file.localPath;
    issues.push({
      severity: 'warning',
      rule: 'stale-artifact',
      flags: file.flag ? [file.flag.replace(/^--/, '')] : [],
      message: {
        en: `${what} was made under other conditions (run ${p.runId.slice(0, 8)}, ${p.createdAt}): ${diffs.map((d) => d.en).join('; ')}.`,
        zh: `${what} 是在不同条件下生成的（运行 ${p.runId.slice(0, 8)}，${p.createdAt}）：${diffs.map((d) => d.zh).join('；')}。`,
      },
      fix: {
        en: `Regenerate it for this run (e.g. give ${file.flag ?? 'the flag'} a new file name), or ignore this if the difference does not matter.`,
        zh: `请为本次运行重新生成（例如为 ${file.flag ?? '该参数'} 指定新的文件名），若差异无关紧要可忽略此提示。`,
      },
    });
  }
  return issues;
}

/** The provenance of one artifact of a finished run, from its record and the binary described before it. */
export function provenanceOf(
  record: {
    id: string;
    target: string;
    flags: FlagSet;
    model: { path: string; sha256: string | null };
    host: { device?: { before?: { arch?: string; cpuModel?: string; hostname?: string } } };
    result: { tool: { megbrain: string | null; megdnn: string | null } } | null;
  },
  artifact: { flag?: string; createdAt: string },
  binary: { path: string; bytes?: number; sha256?: string; note?: string },
): ArtifactProvenance {
  const tool = record.result?.tool;
  const version = tool?.megbrain
    ? `MegBrain ${tool.megbrain}${tool.megdnn ? `, MegDNN ${tool.megdnn}` : ''}`
    : undefined;
  const d = record.host.device?.before;
  return {
    schema: PROVENANCE_SCHEMA,
    ...(artifact.flag ? { flag: artifact.flag } : {}),
    createdAt: artifact.createdAt,
    runId: record.id,
    target: record.target,
    ...(d ? { device: { arch: d.arch, cpuModel: d.cpuModel, hostname: d.hostname } } : {}),
    binary: { ...binary, ...(version ? { version } : {}) },
    model: { path: record.model.path, sha256: record.model.sha256 },
    flags: record.flags,
  };
}
