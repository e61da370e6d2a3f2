// In-process CLI runs for the tests: a temp workspace, the stand-in load_and_run, a tiny model.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { capturedIo, type CapturedIo } from '../../../src/cli/cliIo';
import { main } from '../../../src/cli/program';

export const STANDIN = resolve('test/fixtures/standin-load-and-run/load_and_run');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  io: CapturedIo;
}

export class CliWorkspace {
  private constructor(readonly dir: string) {}

  static async create(): Promise<CliWorkspace> {
    const ws = new CliWorkspace(await mkdtemp(join(tmpdir(), 'lar-cli-')));
    await writeFile(join(ws.dir, 'my model 模型.mge'), Buffer.from('not really a graph dump'));
    return ws;
  }

  /** Run the CLI in the workspace (cwd = the workspace). `during` gets the io while the command runs. */
  async run(
    argv: string[],
    init: { stdin?: string; env?: Record<string, string>; during?: (io: CapturedIo) => void } = {},
  ): Promise<CliResult> {
    const io = capturedIo({ cwd: this.dir, env: init.env ?? {}, stdin: init.stdin });
    const pending = main(argv, io);
    init.during?.(io);
    const code = await pending;
    return { code, stdout: io.stdout, stderr: io.stderr, io };
  }

  async dispose(): Promise<void> {
    await rm(this.dir, { recursive: true, force: true });
  }
}

export const MODEL = 'my model 模型.mge';

/** A `during` that presses Ctrl-C once the CLI's stderr holds `marker` (checked every 20 ms). */
export const interruptAt =
  (marker: string) =>
  (io: CapturedIo): void => {
    const poll = setInterval(() => {
      if (io.stderr.includes(marker)) {
        clearInterval(poll);
        io.interrupt();
      }
    }, 20);
  };
