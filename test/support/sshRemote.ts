/**
 * A "board" for SSH runner tests: a private sshd plus a remote install of the stand-in
 * load_and_run in its own directory, a remote work directory, and a separate local directory.
 * The remote is this same machine, so remote and local files live in DIFFERENT trees: a file found
 * under the remote work dir can only have got there through the runner's transfer.
 */
import { chmod, copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SshRunner, type SshTargetOptions } from '../../src/core/runners/sshRunner';
import { startSshd, type TestSshd } from './sshd';

// __filename, not __dirname: tsx's tsImport (bench/runner.mjs) defines only the former correctly.
export const STANDIN_DIR = path.resolve(path.dirname(__filename), '../fixtures/standin-load-and-run');

export interface TestBoard {
  sshd: TestSshd;
  /** Where the "remote" files live (bin, work dir). */
  remoteRoot: string;
  /** The stand-in installed on the remote; its directory name has a space, quotes and `$(...)`. */
  remoteLar: string;
  workDir: string;
  /** Local side: models, outputs, control sockets. */
  localDir: string;
  runner(extra?: Partial<SshTargetOptions>): SshRunner;
  stop(): Promise<void>;
}

export async function startBoard(): Promise<TestBoard> {
  const sshd = await startSshd();
  const remoteRoot = await mkdtemp(path.join(os.tmpdir(), 'lar-board-'));
  const localDir = await mkdtemp(path.join(os.tmpdir(), 'lar-host-'));
  const binDir = path.join(remoteRoot, "opt dir/it's $(here)");
  await mkdir(binDir, { recursive: true });
  const remoteLar = path.join(binDir, 'load_and_run');
  await copyFile(path.join(STANDIN_DIR, 'load_and_run'), remoteLar);
  await copyFile(path.join(STANDIN_DIR, 'help.out'), path.join(binDir, 'help.out'));
  await copyFile(path.join(STANDIN_DIR, 'speedModel.js'), path.join(binDir, 'speedModel.js'));
  await chmod(remoteLar, 0o755);
  const workDir = path.join(remoteRoot, 'work');
  const controlDir = path.join(localDir, 'ctl');
  const runners: SshRunner[] = [];
  return {
    sshd,
    remoteRoot,
    remoteLar,
    workDir,
    localDir,
    runner(extra = {}) {
      const r = new SshRunner({
        destination: sshd.destination,
        extraSshArgs: sshd.sshArgs,
        workDir,
        controlDir,
        artifactDir: path.join(localDir, 'artifacts'),
        killGraceMs: 1000,
        ...extra,
      });
      runners.push(r);
      return r;
    },
    async stop() {
      await Promise.all(runners.map((r) => r.dispose().catch(() => undefined)));
      await sshd.stop();
      await rm(remoteRoot, { recursive: true, force: true });
      await rm(localDir, { recursive: true, force: true });
    },
  };
}
