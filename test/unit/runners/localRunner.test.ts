import assert from 'node:assert/strict';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LocalRunner } from '../../../src/core/runners/localRunner';
import { RunnerError } from '../../../src/core/runners/runner';
import { liveGroupMembers, livePidsMatching, waitUntilGone } from './processProbe';

const STANDIN = path.resolve(__dirname, '../../fixtures/standin-load-and-run/load_and_run');
const MODEL = path.resolve(__dirname, '../../../samples/models/mnist_real.mge');

describe('LocalRunner', function () {
  this.timeout(20_000);
  let dir: string;
  let model: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lar-local-'));
    model = path.join(dir, 'model.mge');
    await writeFile(model, await readFile(MODEL).catch(() => Buffer.from('fake model bytes')));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('streams stderr while the program runs and reports the exit code', async () => {
    const chunks: Array<{ at: number; text: string }> = [];
    const runner = new LocalRunner();
    const outcome = await runner.run({
      program: STANDIN,
      args: [model, '--iter', '6', '--warmup-iter', '1'],
      env: { STANDIN_ITER_MS: '120', STANDIN_SEED: '1' },
      onStderr: (text) => chunks.push({ at: Date.now(), text }),
    });
    const end = Date.now();
    assert.equal(outcome.status, 'exited');
    assert.equal(outcome.exitCode, 0);
    assert.equal(outcome.signal, null);
    const log = chunks.map((c) => c.text).join('');
    assert.match(log, /\[\d\d \d\d:\d\d:\d\d @:88\] iter 5\/6: e2e=\d+\.\d{3} ms \(host=\d+\.\d{3} ms\)/);
    assert.match(log, /=== finished test #0: time=/);
    // The first line arrived well before the end: output is streamed, not buffered.
    assert.ok(end - chunks[0].at > 400, `first chunk only ${end - chunks[0].at} ms before the end`);
    assert.ok(outcome.durationMs >= 6 * 120, `durationMs ${outcome.durationMs}`);
  });

  it('keeps UTF-8 characters whole when their bytes arrive in separate chunks', async () => {
    const script = path.join(dir, 'split-utf8');
    // '€' is E2 82 AC; write it byte by byte with pauses so the pipe delivers separate chunks.
    await writeFile(
      script,
      '#!/bin/sh\nprintf "\\342"; sleep 0.1; printf "\\202"; sleep 0.1; printf "\\254 ok\\n"\n',
    );
    await chmod(script, 0o755);
    const chunks: string[] = [];
    const outcome = await new LocalRunner().run({
      program: script,
      args: [],
      onStdout: (t) => chunks.push(t),
    });
    assert.equal(outcome.exitCode, 0);
    assert.equal(chunks.join(''), '€ ok\n');
    assert.ok(!chunks.join('').includes('\uFFFD'));
  });

  it('reports a crash as a signal and gflags errors as exit code 1', async () => {
    const runner = new LocalRunner();
    const crash = await runner.run({ program: STANDIN, args: [model], env: { STANDIN_CRASH: 'iter:2' } });
    assert.equal(crash.signal, 'SIGSEGV');
    assert.equal(crash.exitCode, null);
    assert.equal(crash.status, 'exited');
    let err = '';
    const bad = await runner.run({
      program: STANDIN,
      args: [model, '--no-such-flag'],
      onStderr: (t) => (err += t),
    });
    assert.equal(bad.exitCode, 1);
    assert.equal(err, "ERROR: unknown command line flag 'no-such-flag'\n");
  });

  it('names the missing binary and the setting to change', async () => {
    const missing = path.join(dir, 'nope', 'load_and_run');
    // The hint is the shell's (a setting, a flag): core passes on what it was given.
    const hint = 'Set lar-explorer.loadAndRun.path to your load_and_run binary.';
    await assert.rejects(
      new LocalRunner({ programHint: hint }).run({ program: missing, args: [model] }),
      (e: unknown) =>
        e instanceof RunnerError &&
        e.code === 'binary-missing' &&
        e.message.includes(missing) &&
        e.hint === hint,
    );
    await assert.rejects(
      new LocalRunner().run({ program: 'lar-no-such-program-on-path', args: [] }),
      (e: unknown) => e instanceof RunnerError && e.code === 'binary-missing',
    );
  });

  it('says when the working directory is missing (not a missing binary)', async () => {
    const nowhere = path.join(dir, 'no-such-cwd');
    await assert.rejects(
      new LocalRunner().run({ program: STANDIN, args: [model], cwd: nowhere }),
      (e: unknown) => e instanceof RunnerError && e.code === 'spawn-failed' && e.message.includes(nowhere),
    );
  });

  it('refuses a file that is not executable', async () => {
    const plain = path.join(dir, 'not-exec');
    await writeFile(plain, '#!/bin/sh\necho hi\n');
    await chmod(plain, 0o644);
    await assert.rejects(
      new LocalRunner().run({ program: plain, args: [] }),
      (e: unknown) =>
        e instanceof RunnerError && e.code === 'binary-not-executable' && e.message.includes(plain),
    );
  });

  it('times out a hanging run and leaves no process behind', async () => {
    const marker = path.join(dir, 'timeout-marker.mge');
    await writeFile(marker, 'm');
    const outcome = await new LocalRunner({ killGraceMs: 500 }).run({
      program: STANDIN,
      args: [marker],
      env: { STANDIN_HANG: '1' },
      timeoutMs: 400,
    });
    assert.equal(outcome.status, 'timeout');
    assert.equal(outcome.signal, 'SIGTERM');
    assert.ok(outcome.durationMs >= 400 && outcome.durationMs < 3000, `durationMs ${outcome.durationMs}`);
    assert.deepEqual(await waitUntilGone(() => livePidsMatching(marker), 2000), []);
  });

  it('cancels mid-run: SIGTERM to the group, SIGKILL to what ignores it', async () => {
    const script = path.join(dir, 'stubborn');
    // Leader and child both ignore SIGTERM; only the group SIGKILL after the grace period ends them.
    await writeFile(script, '#!/bin/sh\ntrap \'\' TERM\necho "pgid $$"\nsleep 3600 &\nwait\nwait\n');
    await chmod(script, 0o755);
    const ac = new AbortController();
    let pgid = 0;
    const started = Date.now();
    const outcome = await new LocalRunner({ killGraceMs: 300 }).run({
      program: script,
      args: [],
      signal: ac.signal,
      onStdout: (t) => {
        const m = /pgid (\d+)/.exec(t);
        if (m) {
          pgid = Number(m[1]);
          setTimeout(() => ac.abort(), 100);
        }
      },
    });
    assert.ok(pgid > 0);
    assert.equal(outcome.status, 'cancelled');
    assert.equal(outcome.signal, 'SIGKILL');
    assert.ok(Date.now() - started < 5000);
    assert.deepEqual(await waitUntilGone(() => liveGroupMembers(pgid), 2000), []);
  });

  it('cancels the stand-in mid-run and the process is gone', async () => {
    const marker = path.join(dir, 'cancel-marker.mge');
    await writeFile(marker, 'm');
    const ac = new AbortController();
    const outcome = await new LocalRunner().run({
      program: STANDIN,
      args: [marker, '--iter', '100000'],
      env: { STANDIN_ITER_MS: '5' },
      signal: ac.signal,
      onStderr: (t) => {
        if (t.includes('iter 3/')) ac.abort();
      },
    });
    assert.equal(outcome.status, 'cancelled');
    assert.equal(outcome.signal, 'SIGTERM');
    assert.deepEqual(await waitUntilGone(() => livePidsMatching(marker), 2000), []);
  });

  it('returns a cancelled outcome without starting when the signal is already aborted', async () => {
    const argvLog = path.join(dir, 'never.jsonl');
    const outcome = await new LocalRunner().run({
      program: STANDIN,
      args: [model],
      env: { STANDIN_ARGV_LOG: argvLog },
      signal: AbortSignal.abort(),
    });
    assert.equal(outcome.status, 'cancelled');
    await assert.rejects(readFile(argvLog));
  });

  it('reports output files as artifacts and places outputs with no user path in the store', async () => {
    const profile = path.join(dir, 'out', 'profile.json');
    const store = path.join(dir, 'store');
    const args = [
      model,
      '--iter',
      '2',
      '--profile',
      profile,
      '--fast-run',
      '--fast-run-algo-policy',
      'algo.cache',
    ];
    const outcome = await new LocalRunner({ artifactDir: store }).run({
      program: STANDIN,
      args,
      files: [
        { argIndex: 0, localPath: model, direction: 'in' },
        { argIndex: 4, localPath: profile, direction: 'out' },
        { argIndex: 7, localPath: '', direction: 'out' },
      ],
    });
    assert.equal(outcome.exitCode, 0);
    const byFlag = new Map(outcome.artifacts.map((a) => [a.flag, a]));
    assert.equal(byFlag.get('--profile')?.localPath, profile);
    assert.ok((byFlag.get('--profile')?.bytes ?? 0) > 10);
    const cache = byFlag.get('--fast-run-algo-policy');
    assert.equal(cache?.localPath, path.join(store, 'local', 'model.mge', 'algo.cache'));
    assert.equal(cache?.target, 'local');
    assert.match(await readFile(cache!.localPath, 'latin1'), /tuned=true/);
  });

  it('exec captures the output of a short command', async () => {
    const r = await new LocalRunner().exec(STANDIN, ['--version']);
    assert.equal(r.exitCode, 0);
    assert.match(r.stdout, /^load_and_run version /);
    const help = await new LocalRunner().exec(STANDIN, ['--help']);
    assert.equal(help.exitCode, 1);
    assert.match(help.stdout, /-fast_run \(whether to use fast-run/);
  });
});
