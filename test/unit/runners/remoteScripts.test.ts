import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseTrailer, type RemoteStatus } from '../../../src/core/runners/exitTrailer';
import { RUN_SCRIPT, UPLOAD_SCRIPT, remoteCommand } from '../../../src/core/runners/remoteScripts';

const MARK = '\u001elar-explorer-status:test';
// sshd runs the command line with the user's login shell: try the common POSIX ones.
const SHELLS = ['/bin/sh', '/bin/bash', '/bin/dash'].filter((s) => existsSync(s));

/**
 * What sshd does with a command line: `$SHELL -c LINE`, stdin an open pipe (as the ssh session's).
 * `closeStdinAfterMs` closes it, as a dropped link would.
 */
function asLoginShell(shell: string, line: string, closeStdinAfterMs?: number) {
  const child = spawn(shell, ['-c', line], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  if (closeStdinAfterMs !== undefined) setTimeout(() => child.stdin.end(), closeStdinAfterMs);
  return new Promise<{ stdout: string; stderr: string; status: RemoteStatus | null }>((resolve) => {
    child.on('close', () => {
      const at = stderr.indexOf(MARK);
      resolve({
        stdout,
        stderr: at >= 0 ? stderr.slice(0, at) : stderr,
        status: at >= 0 ? parseTrailer(stderr.slice(at + MARK.length)) : null,
      });
    });
  });
}

function wrapper(
  opts: { dirs?: string[]; required?: string[]; env?: string[]; cwd?: string },
  argv: string[],
) {
  const dirs = opts.dirs ?? [];
  const req = opts.required ?? [];
  return remoteCommand(RUN_SCRIPT, [
    '',
    opts.cwd ?? '',
    MARK,
    '1',
    '',
    String(dirs.length),
    ...dirs,
    String(req.length),
    ...req,
    ...(opts.env ?? []),
    '--',
    ...argv,
  ]);
}

describe('remote scripts, run by a local POSIX shell as sshd would', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lar-scripts-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  for (const shell of SHELLS) {
    it(`${shell}: hands every argument over unchanged, env values too`, async () => {
      const nasty = [
        'a b',
        "it's",
        '"dq"',
        '$(touch x)',
        '`touch y`',
        '; rm -rf z',
        '-n',
        '模型 é',
        '',
        '\\',
        '*',
      ];
      const r = await asLoginShell(
        shell,
        wrapper({ env: ["LAR_V=$(touch w) `id` 'q'"] }, [
          'sh',
          '-c',
          'printf "%s\\n" "$@"; printf "%s\\n" "$LAR_V"',
          'x',
          ...nasty,
        ]),
      );
      assert.deepEqual(r.status, { kind: 'exit', code: 0 });
      assert.deepEqual(r.stdout.split('\n').slice(0, -1), [...nasty, "$(touch w) `id` 'q'"]);
    });
  }

  it('reports the exit code and a signal by name', async () => {
    assert.deepEqual((await asLoginShell('/bin/sh', wrapper({}, ['sh', '-c', 'exit 7']))).status, {
      kind: 'exit',
      code: 7,
    });
    assert.deepEqual((await asLoginShell('/bin/sh', wrapper({}, ['sh', '-c', 'exit 255']))).status, {
      kind: 'exit',
      code: 255,
    });
    assert.deepEqual((await asLoginShell('/bin/sh', wrapper({}, ['sh', '-c', 'kill -SEGV $$']))).status, {
      kind: 'signal',
      signal: 'SIGSEGV',
    });
  });

  it('lists missing required files by index and does not start the program', async () => {
    const present = path.join(dir, 'present');
    await writeFile(present, 'x');
    const marker = path.join(dir, 'started');
    const r = await asLoginShell(
      '/bin/sh',
      wrapper({ required: [path.join(dir, 'a'), present, path.join(dir, 'b c')] }, ['touch', marker]),
    );
    assert.deepEqual(r.status, { kind: 'need', indexes: [0, 2] });
    assert.equal(existsSync(marker), false);
  });

  it('creates directories and runs in the working directory', async () => {
    const made = path.join(dir, 'made dir', 'sub');
    const r = await asLoginShell('/bin/sh', wrapper({ dirs: [made], cwd: made }, ['pwd']));
    assert.deepEqual(r.status, { kind: 'exit', code: 0 });
    assert.equal(r.stdout.trim(), made);
  });

  it('says when the program is missing or not executable, before starting anything', async () => {
    const missing = await asLoginShell('/bin/sh', wrapper({}, [path.join(dir, 'nope')]));
    assert.deepEqual(missing.status, { kind: 'missing' });
    assert.match(missing.stderr, /lar-explorer: no such program: .*nope/);
    assert.deepEqual((await asLoginShell('/bin/sh', wrapper({}, ['no-such-command-anywhere']))).status, {
      kind: 'missing',
    });
    const plain = path.join(dir, 'plain');
    await writeFile(plain, 'x', { mode: 0o644 });
    assert.deepEqual((await asLoginShell('/bin/sh', wrapper({}, [plain]))).status, { kind: 'notexec' });
    // A folder is named as a folder (reliability issue 12: no "chmod +x" advice for it).
    const folder = await asLoginShell('/bin/sh', wrapper({}, [dir]));
    assert.deepEqual(folder.status, { kind: 'notexec' });
    assert.match(folder.stderr, /lar-explorer: is a folder: /);
  });

  it('runs the program in its own process group, and the group dies when stdin closes', async () => {
    // stdin closes after 700 ms, as when the link drops: the watcher kills the whole group.
    const started = Date.now();
    const r = await asLoginShell(
      '/bin/sh',
      wrapper({}, ['sh', '-c', 'ps -o pgid= -p $$; ps -o pid= -p $$; sleep 30']),
      700,
    );
    const [pgid, pid] = r.stdout.trim().split(/\s+/).map(Number);
    assert.equal(pgid, pid, 'the program leads its own group');
    assert.deepEqual(r.status, { kind: 'signal', signal: 'SIGTERM' });
    assert.ok(Date.now() - started < 10_000);
  });

  it('upload writes a temp name, then renames; nothing is left on failure', async () => {
    const final = path.join(dir, 'blobs', 'abc', 'model name.mge');
    const tmp = path.join(dir, 'blobs', 'abc', '.model name.mge.part');
    const ok = spawnSync(
      '/bin/sh',
      ['-c', remoteCommand(UPLOAD_SCRIPT, [path.dirname(final), tmp, final, '5'])],
      {
        input: 'bytes',
      },
    );
    assert.equal(ok.status, 0);
    assert.equal(await readFile(final, 'utf8'), 'bytes');
    assert.equal(existsSync(tmp), false);
    const blocked = path.join(dir, 'file-not-dir');
    await writeFile(blocked, '');
    const bad = spawnSync(
      '/bin/sh',
      ['-c', remoteCommand(UPLOAD_SCRIPT, [blocked, `${blocked}/t`, `${blocked}/f`, '1'])],
      { input: 'x' },
    );
    assert.notEqual(bad.status, 0);
  });

  it('upload cut short (the link dropped: cat sees a clean EOF) leaves neither the file nor the temp', async () => {
    const final = path.join(dir, 'blobs', 'def', 'big.mge');
    const tmp = path.join(dir, 'blobs', 'def', '.big.mge.part');
    const cut = spawnSync(
      '/bin/sh',
      ['-c', remoteCommand(UPLOAD_SCRIPT, [path.dirname(final), tmp, final, '1000'])],
      {
        input: 'only a part',
        encoding: 'utf8',
      },
    );
    assert.equal(cut.status, 1);
    assert.match(cut.stderr, /upload incomplete: 11 of 1000 bytes/);
    assert.equal(existsSync(final), false);
    assert.equal(existsSync(tmp), false);
  });
});
