// Fault 5, the remote half: a run whose client died (link dropped, CLI killed, window crashed)
// left `<work dir>/runs/<id>` on the board for good. The next connection now sweeps it, and only
// it: never a live run's folder, never a young one, never anything that is not ours.
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync, utimesSync } from 'node:fs';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { FRESH_MINUTES, UNMARKED_MINUTES } from '../../src/core/runners/remoteSweep';
import { RUN_MARKER } from '../../src/core/runners/remoteScripts';
import type { RunRequest } from '../../src/core/runners/runner';
import { startBoard, type TestBoard } from '../support/sshRemote';
import { livePidsMatching, waitUntilGone } from '../unit/runners/processProbe';

const require = createRequire(path.resolve('package.json'));
const TSX = pathToFileURL(require.resolve('tsx')).href;
const CHILD = path.resolve('test/reliability/sshRunChild.ts');

/** Make everything under `p` (and `p`) look `minutes` old. */
function age(p: string, minutes: number): void {
  const t = new Date(Date.now() - minutes * 60_000);
  if (statSync(p).isDirectory())
    for (const e of readdirSync(p, { recursive: true, encoding: 'utf8' })) utimesSync(path.join(p, e), t, t);
  utimesSync(p, t, t);
}

describe('reliability: run folders left on the board by dead runs', function () {
  this.timeout(60_000);
  let board: TestBoard;
  let runs: string;
  before(async () => {
    board = await startBoard();
    runs = path.join(board.workDir, 'runs');
  });
  after(() => board?.stop());

  const runFolders = () => (existsSync(runs) ? readdirSync(runs) : []);

  /** A long run with an output file (so its folder waits for a download) and a unique marker. */
  async function longRun(tag: string): Promise<{ marker: string; req: RunRequest }> {
    const marker = `lar-sweep-${tag}-${process.pid}-${Date.now()}`;
    const model = path.join(board.localDir, `${marker}.mge`);
    await writeFile(model, `model for ${marker}`);
    const profile = path.join(board.localDir, `${marker}.profile.json`);
    return {
      marker,
      req: {
        program: board.remoteLar,
        args: [model, '--iter', '1000000', '--profile', profile],
        env: { STANDIN_ITER_MS: '5' },
        files: [
          { argIndex: 0, localPath: model, direction: 'in' },
          { argIndex: 4, localPath: profile, direction: 'out', flag: '--profile' },
        ],
      },
    };
  }

  /** Run in a separate client process and SIGKILL it once the program prints: nothing tidies up. */
  async function killedRun(): Promise<string> {
    const { marker, req } = await longRun('killed');
    const before = new Set(runFolders());
    const target = {
      destination: board.sshd.destination,
      extraSshArgs: board.sshd.sshArgs,
      workDir: board.workDir,
      controlDir: path.join(board.localDir, 'ctl-killed'),
      killGraceMs: 1000,
    };
    const child = spawn(process.execPath, ['--import', TSX, CHILD, JSON.stringify({ target, req })], {
      env: { ...process.env, NODE_OPTIONS: '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await new Promise<void>((resolve, reject) => {
      let text = '';
      child.stderr!.setEncoding('utf8').on('data', (t: string) => {
        text += t;
        if (text.includes('iter 3/')) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.on('close', () => reject(new Error(`the client ended before it was killed: ${text}`)));
    });
    // The remote program dies (its watcher sees the session end); the folder stays.
    assert.deepEqual(await waitUntilGone(() => livePidsMatching(marker).filter(isNode), 8000), []);
    const left = runFolders().filter((n) => !before.has(n));
    assert.equal(left.length, 1, 'the killed run left its folder behind');
    return left[0]!;
  }

  it('sweeps the folder of a killed run on the next connection, once it is old enough', async () => {
    const id = await killedRun();
    const dir = path.join(runs, id);
    assert.ok(existsSync(path.join(dir, RUN_MARKER)), 'the run folder carries the in-use marker');

    // Young: between two steps of a live client looks the same, so it is kept.
    const first = board.runner({ controlDir: path.join(board.localDir, 'ctl-a') });
    await first.exec('true', []);
    assert.deepEqual(first.sweptRunDirs, []);
    assert.ok(existsSync(dir));

    age(dir, FRESH_MINUTES + 5);
    const next = board.runner({ controlDir: path.join(board.localDir, 'ctl-b') });
    await next.exec('true', []);
    assert.deepEqual(next.sweptRunDirs, [id]);
    assert.ok(!existsSync(dir), 'the dead run folder is gone');
  });

  it("never sweeps a live run's folder, however old its files look", async () => {
    const { marker, req } = await longRun('live');
    const live = board.runner({ controlDir: path.join(board.localDir, 'ctl-live') });
    const controller = new AbortController();
    let started!: () => void;
    const printing = new Promise<void>((r) => (started = r));
    const before = new Set(runFolders());
    const run = live.run({
      ...req,
      signal: controller.signal,
      onStderr: (t) => t.includes('iter 3/') && started(),
    });
    await printing;
    const id = runFolders().find((n) => !before.has(n))!;
    age(path.join(runs, id), UNMARKED_MINUTES + 60);

    const other = board.runner({ controlDir: path.join(board.localDir, 'ctl-other') });
    await other.exec('true', []);
    assert.deepEqual(other.sweptRunDirs, []);
    assert.ok(existsSync(path.join(runs, id)));
    assert.ok(livePidsMatching(marker).filter(isNode).length > 0, 'the live run still runs');
    controller.abort();
    assert.equal((await run).status, 'cancelled');
  });

  it('never touches what is not a dead run folder of ours', async () => {
    await mkdir(runs, { recursive: true });
    const outside = path.join(board.remoteRoot, 'precious');
    await mkdir(outside, { recursive: true });
    await writeFile(path.join(outside, 'keep.txt'), 'mine');
    const foreign = {
      notOurName: path.join(runs, 'my-notes'),
      symlink: path.join(runs, 'mlink0zz-0badf00d'),
      file: path.join(runs, 'mfile0zz-0badf00d'),
      youngUnmarked: path.join(runs, 'myoung0z-0badf00d'),
    };
    await mkdir(foreign.notOurName);
    await writeFile(path.join(foreign.notOurName, 'a.txt'), 'notes');
    await symlink(outside, foreign.symlink);
    await writeFile(foreign.file, 'a file, not a folder');
    await mkdir(foreign.youngUnmarked);
    await writeFile(path.join(foreign.youngUnmarked, 'upload.part'), 'still uploading');
    age(foreign.youngUnmarked, FRESH_MINUTES + 5);
    for (const p of [foreign.notOurName, outside, foreign.file]) age(p, UNMARKED_MINUTES * 3);
    // A folder of ours from a version before the marker, untouched for days: swept.
    const oldUnmarked = path.join(runs, 'mold00zz-0badf00d');
    await mkdir(oldUnmarked);
    await writeFile(path.join(oldUnmarked, 'out.bin'), 'x');
    age(oldUnmarked, UNMARKED_MINUTES + 60);

    const r = board.runner({ controlDir: path.join(board.localDir, 'ctl-foreign') });
    await r.exec('true', []);
    assert.deepEqual(r.sweptRunDirs, ['mold00zz-0badf00d']);
    assert.equal(await readFile(path.join(foreign.notOurName, 'a.txt'), 'utf8'), 'notes');
    assert.equal(await readFile(path.join(foreign.symlink, 'keep.txt'), 'utf8'), 'mine');
    assert.equal(await readFile(path.join(outside, 'keep.txt'), 'utf8'), 'mine');
    assert.ok(statSync(foreign.file).isFile());
    assert.ok(existsSync(path.join(foreign.youngUnmarked, 'upload.part')));
  });

  it('a finished run with outputs leaves nothing behind (the sweep is for dead runs only)', async () => {
    const { req } = await longRun('done');
    const before = new Set(runFolders());
    const outcome = await board
      .runner()
      .run({ ...req, args: req.args.map((a) => (a === '1000000' ? '5' : a)) });
    assert.equal(outcome.exitCode, 0);
    assert.equal(outcome.artifacts.length, 1);
    assert.deepEqual(
      runFolders().filter((n) => !before.has(n)),
      [],
    );
  });
});

/** The remote stand-in (node), not the local ssh client whose command line names the same model. */
function isNode(pid: number): boolean {
  try {
    return /^node /.test(execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim());
  } catch {
    return false;
  }
}
