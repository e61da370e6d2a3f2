import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { RunRequest } from '../../../src/core/runners/runner';
import { startBoard, type TestBoard } from '../../support/sshRemote';
import { livePidsMatching, waitUntilGone } from './processProbe';

/** Local ssh client processes vs the remote stand-in: both carry the marker in their command line. */
const remoteStandins = (marker: string) =>
  livePidsMatching(marker).filter((pid) => /^node /.test(argsOf(pid)));
const localSshClients = (marker: string) =>
  livePidsMatching(marker).filter((pid) => /^ssh /.test(argsOf(pid)));

function argsOf(pid: number): string {
  try {
    return execFileSync('ps', ['-o', 'args=', '-p', String(pid)], { encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
}

function findFiles(dir: string): string[] {
  try {
    return readdirSync(dir, { recursive: true, encoding: 'utf8' });
  } catch {
    return [];
  }
}

describe('SshRunner cancellation and dropped links', function () {
  this.timeout(40_000);
  let board: TestBoard;
  before(async () => {
    board = await startBoard();
  });
  after(() => board?.stop());

  /** A long run whose remote model path carries a unique marker (for pgrep -f). */
  async function longRun(
    tag: string,
    extra: Partial<RunRequest> = {},
  ): Promise<{ marker: string; req: RunRequest }> {
    const marker = `lar-${tag}-${process.pid}-${Date.now()}`;
    const model = path.join(board.localDir, `${marker}.mge`);
    await writeFile(model, `model for ${marker}`);
    return {
      marker,
      req: {
        program: board.remoteLar,
        args: [model, '--iter', '1000000'],
        env: { STANDIN_ITER_MS: '5' },
        files: [{ argIndex: 0, localPath: model, direction: 'in' }],
        ...extra,
      },
    };
  }

  it('cancel mid-run kills the remote process within seconds', async () => {
    const ac = new AbortController();
    let abortedAt = 0;
    const { marker, req } = await longRun('cancel', {
      signal: ac.signal,
      onStderr: (t) => {
        if (!abortedAt && t.includes('iter 3/')) {
          abortedAt = Date.now();
          ac.abort();
        }
      },
    });
    const outcome = await board.runner().run(req);
    assert.ok(abortedAt > 0);
    assert.equal(outcome.status, 'cancelled');
    assert.equal(outcome.signal, 'SIGTERM');
    assert.ok(Date.now() - abortedAt < 5000, `cancel took ${Date.now() - abortedAt} ms`);
    assert.deepEqual(await waitUntilGone(() => remoteStandins(marker), 3000), []);
    assert.deepEqual(await readdir(path.join(board.workDir, 'runs')), []);
  });

  it('cancel during a large upload: cancelled outcome, no blob and no temp file left on the board', async () => {
    const big = path.join(board.localDir, 'big.mge');
    await writeFile(big, randomBytes(96 * 1024 * 1024));
    const ac = new AbortController();
    const blobs = path.join(board.workDir, 'blobs');
    // Abort as soon as the temp file shows up on the "board" (same machine).
    const poll = setInterval(() => {
      const part = findFiles(blobs).find((f) => f.endsWith('.part'));
      if (part) {
        clearInterval(poll);
        ac.abort();
      }
    }, 5);
    const outcome = await board.runner().run({
      program: board.remoteLar,
      args: [big],
      signal: ac.signal,
      files: [{ argIndex: 0, localPath: big, direction: 'in' }],
    });
    clearInterval(poll);
    assert.equal(ac.signal.aborted, true, 'the upload was seen in progress');
    assert.equal(outcome.status, 'cancelled');
    assert.equal(outcome.uploadedBytes, 0);
    const left = await waitUntilGone(
      () =>
        findFiles(blobs)
          .filter((f) => f.includes('big.mge'))
          .map(() => 1),
      3000,
    );
    assert.deepEqual(left, [], `left on the board: ${findFiles(blobs).join(', ')}`);
  });

  it('a remote process that ignores SIGTERM is killed after the grace period', async () => {
    const ac = new AbortController();
    const script = path.join(board.remoteRoot, 'stubborn');
    let sawSleep = false;
    // A unique sleep duration is the marker; `exec` keeps SIG_IGN for TERM, as a stubborn binary would.
    const duration = `3600.${String(process.pid).slice(-3)}${String(Date.now()).slice(-6)}`;
    await writeFile(script, `#!/bin/sh\ntrap '' TERM\necho started\nexec sleep "$1"\n`, { mode: 0o755 });
    const sleeps = () => livePidsMatching(duration).filter((pid) => argsOf(pid).startsWith('sleep '));
    const outcome = await board.runner({ killGraceMs: 1000 }).run({
      program: script,
      args: [duration],
      signal: ac.signal,
      onStdout: (t) => {
        if (t.includes('started')) {
          setTimeout(() => {
            sawSleep = sleeps().length === 1;
            ac.abort();
          }, 300);
        }
      },
    });
    assert.equal(outcome.status, 'cancelled');
    assert.equal(outcome.signal, 'SIGKILL');
    assert.ok(sawSleep, 'the remote sleep was running before the cancel');
    assert.deepEqual(await waitUntilGone(sleeps, 3000), []);
  });

  it('a timeout kills the remote process and says so', async () => {
    const { marker, req } = await longRun('timeout', { env: { STANDIN_HANG: '1' }, timeoutMs: 1500 });
    const started = Date.now();
    const outcome = await board.runner().run(req);
    assert.equal(outcome.status, 'timeout');
    assert.ok(Date.now() - started < 8000);
    assert.deepEqual(await waitUntilGone(() => remoteStandins(marker), 3000), []);
  });

  it('SIGKILL of the local ssh client mid-run: the remote process dies too', async () => {
    let killed = false;
    let marker = '';
    const run = await longRun('linkdrop', {
      onStderr: (t) => {
        if (!killed && t.includes('iter 3/')) {
          killed = true;
          const clients = localSshClients(marker);
          assert.equal(clients.length, 1, 'exactly one local ssh client runs the command');
          process.kill(clients[0], 'SIGKILL');
        }
      },
    });
    marker = run.marker;
    const outcome = await board.runner().run(run.req);
    assert.ok(killed);
    assert.equal(outcome.status, 'exited');
    assert.equal(outcome.exitCode, null);
    assert.match(outcome.reason ?? '', /lost/);
    assert.deepEqual(await waitUntilGone(() => remoteStandins(marker), 5000), []);
  });

  it('SIGKILL of the control master mid-run: the remote process dies too', async () => {
    const controlDir = path.join(board.localDir, 'ctl-master-test');
    let killed = false;
    const run = await longRun('masterdrop', {
      onStderr: (t) => {
        if (!killed && t.includes('iter 3/')) {
          killed = true;
          const masters = livePidsMatching(controlDir).filter((pid) => argsOf(pid).includes('[mux]'));
          assert.equal(masters.length, 1, 'one control master for this control dir');
          process.kill(masters[0], 'SIGKILL');
        }
      },
    });
    const outcome = await board.runner({ controlDir }).run(run.req);
    assert.ok(killed);
    assert.equal(outcome.exitCode, null);
    assert.deepEqual(await waitUntilGone(() => remoteStandins(run.marker), 5000), []);
  });
});
