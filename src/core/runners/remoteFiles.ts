/**
 * Files that travel with a remote run. Inputs are content-addressed: `<work>/blobs/<sha256>/<name>`
 * is written once (temp name, then rename) and reused by every later run, so an unchanged 100 MB
 * model is never sent twice. Outputs live in `<work>/runs/<runId>/` and are downloaded back to the
 * local path their flag names. This module plans paths and moves bytes; it does not run programs.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { sha256File } from '../fileHash';
import { artifactIfFresh, flagOf, rewriteArg } from './artifacts';
import {
  CLEANUP_SCRIPT,
  FETCH_MISSING,
  FETCH_SCRIPT,
  LIST_FILES_SCRIPT,
  UPLOAD_SCRIPT,
  remoteCommand,
} from './remoteScripts';
import { bilingualError, type Artifact, type TransferSpec } from './runner';
import type { SshConnection } from './sshConnection';
import { classifySshFailure } from './sshErrors';

export interface PlannedFile {
  spec: TransferSpec;
  /** Absolute local path. */
  localPath: string;
  remotePath: string;
  /** blob: content-addressed input; upload: inout file sent before the run; output/outdir: fetched after. */
  kind: 'blob' | 'upload' | 'output' | 'outdir';
  flag?: string;
  bytes?: number;
}

export interface TransferPlan {
  args: string[];
  files: PlannedFile[];
  /** Remote directories to create before the run. */
  dirs: string[];
  /** Distinct blob paths the run needs (the wrapper checks these exist). */
  blobs: PlannedFile[];
}

/** Remember hashes by path+size+mtime: a sweep re-hashes nothing. */
const hashCache = new Map<string, string>();

async function sha256Of(localPath: string): Promise<{ sha256: string; bytes: number }> {
  const st = await stat(localPath);
  const key = `${localPath}\0${st.size}\0${st.mtimeMs}`;
  const known = hashCache.get(key);
  if (known) return { sha256: known, bytes: st.size };
  const d = await sha256File(localPath);
  hashCache.set(key, d.sha256);
  return d;
}

/** Map every file spec to its remote path and rewrite the arguments that name them. */
export async function planTransfers(
  args: readonly string[],
  specs: readonly TransferSpec[],
  o: { workDir: string; runDir: string; localCwd: string },
): Promise<TransferPlan> {
  const out = [...args];
  const files: PlannedFile[] = [];
  const usedNames = new Set<string>();
  const runPath = (name: string) => {
    let candidate = name;
    for (let i = 2; usedNames.has(candidate); i++) candidate = `${i}-${name}`;
    usedNames.add(candidate);
    return path.posix.join(o.runDir, candidate);
  };
  for (const spec of specs) {
    const localPath = path.resolve(o.localCwd, spec.localPath);
    const name = path.basename(localPath) || 'file';
    const flag = flagOf(spec, args);
    let planned: PlannedFile;
    if (spec.direction === 'in') {
      let digest;
      try {
        digest = await sha256Of(localPath);
      } catch (cause) {
        throw bilingualError(
          'transfer-failed',
          { en: `The input file ${localPath} cannot be read.`, zh: `无法读取输入文件 ${localPath}。` },
          { en: 'Check the path of the model or input file.', zh: '请检查模型或输入文件的路径。' },
          cause,
        );
      }
      const remotePath = path.posix.join(o.workDir, 'blobs', digest.sha256, name);
      planned = { spec, localPath, remotePath, kind: 'blob', flag, bytes: digest.bytes };
    } else if (spec.direction === 'inout') {
      const exists = await stat(localPath).then(
        (s) => s.isFile(),
        () => false,
      );
      planned = { spec, localPath, remotePath: runPath(name), kind: exists ? 'upload' : 'output', flag };
    } else {
      planned = {
        spec,
        localPath,
        remotePath: runPath(name),
        kind: spec.direction === 'outdir' ? 'outdir' : 'output',
        flag,
      };
    }
    out[spec.argIndex] = rewriteArg(out[spec.argIndex] ?? '', spec, planned.remotePath);
    files.push(planned);
  }
  const blobs = [...new Map(files.filter((f) => f.kind === 'blob').map((f) => [f.remotePath, f])).values()];
  const dirs = [o.runDir, ...files.filter((f) => f.kind === 'outdir').map((f) => f.remotePath)];
  return { args: out, files, dirs, blobs };
}

/** Send one local file to `remotePath` (temp name, then rename). Returns the bytes sent. */
export async function uploadFile(
  conn: SshConnection,
  localPath: string,
  remotePath: string,
  signal?: AbortSignal,
): Promise<number> {
  const st = await stat(localPath);
  const dir = path.posix.dirname(remotePath);
  const tmp = path.posix.join(
    dir,
    `.${path.posix.basename(remotePath)}.${randomBytes(6).toString('hex')}.part`,
  );
  const r = await conn.capture(remoteCommand(UPLOAD_SCRIPT, [dir, tmp, remotePath, String(st.size)]), {
    inputFile: localPath,
    signal,
  });
  if (r.exitCode !== 0) {
    const ctx = {
      destination: conn.destination,
      exitCode: r.exitCode,
      action: `uploading ${path.basename(localPath)}`,
      actionZh: `上传 ${path.basename(localPath)}`,
    };
    throw (
      classifySshFailure(r.stderr, ctx) ??
      bilingualError(
        'transfer-failed',
        {
          en: `Uploading ${localPath} failed: ${r.stderr.trim()}`,
          zh: `上传 ${localPath} 失败：${r.stderr.trim()}`,
        },
        {
          en: 'Check the disk and permissions of the target work directory.',
          zh: '请检查目标工作目录所在磁盘的空间和权限。',
        },
      )
    );
  }
  return st.size;
}

/**
 * Bring the outputs of a finished run home. A file the program did not write is skipped; a file
 * that fails to come back is reported in `problems` (the run's numbers stay valid). `marker` is the
 * run folder's in-use marker, re-stamped by each download (remoteSweep.ts).
 */
export async function downloadOutputs(
  conn: SshConnection,
  files: readonly PlannedFile[],
  target: string,
  marker = '',
): Promise<{ artifacts: Artifact[]; problems: string[] }> {
  const artifacts: Artifact[] = [];
  const problems: string[] = [];
  for (const f of files) {
    if (f.kind === 'blob') continue;
    try {
      if (f.kind === 'outdir') {
        const list = await conn.capture(remoteCommand(LIST_FILES_SCRIPT, [f.remotePath]));
        const rels = list.stdout.split('\n').filter((l) => l.startsWith('./'));
        for (const rel of rels)
          await fetchFile(conn, path.posix.join(f.remotePath, rel), path.join(f.localPath, rel), marker);
        const a = await artifactIfFresh(f.localPath, f.flag, target, 0);
        if (a && rels.length > 0) artifacts.push(a);
      } else if (await fetchFile(conn, f.remotePath, f.localPath, marker)) {
        const a = await artifactIfFresh(f.localPath, f.flag, target, 0);
        if (a) artifacts.push(a);
      }
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
    }
  }
  return { artifacts, problems };
}

/** Download one file via a temp name; false when the remote file does not exist. */
async function fetchFile(
  conn: SshConnection,
  remotePath: string,
  localPath: string,
  marker: string,
): Promise<boolean> {
  await mkdir(path.dirname(localPath), { recursive: true });
  const tmp = `${localPath}.${randomBytes(6).toString('hex')}.part`;
  const r = await conn.capture(remoteCommand(FETCH_SCRIPT, [remotePath, marker]), { stdoutFile: tmp });
  if (r.exitCode === 0) {
    await rename(tmp, localPath);
    return true;
  }
  await rm(tmp, { force: true });
  if (r.exitCode === FETCH_MISSING) return false;
  const ctx = {
    destination: conn.destination,
    exitCode: r.exitCode,
    action: `downloading ${path.basename(localPath)}`,
    actionZh: `下载 ${path.basename(localPath)}`,
  };
  throw (
    classifySshFailure(r.stderr, ctx) ??
    bilingualError(
      'transfer-failed',
      {
        en: `Downloading ${remotePath} failed: ${r.stderr.trim()}`,
        zh: `下载 ${remotePath} 失败：${r.stderr.trim()}`,
      },
      { en: 'Check the connection and try again.', zh: '请检查连接后重试。' },
    )
  );
}

/** Remove a run directory on the remote (best effort). */
export async function removeRunDir(conn: SshConnection, runDir: string): Promise<void> {
  await conn.capture(remoteCommand(CLEANUP_SCRIPT, [runDir]), { timeoutMs: 15_000 }).catch(() => undefined);
}
