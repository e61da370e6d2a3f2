// Runner benchmarks (not tests): what the Runner layer costs on top of the program it runs.
//   1. Local: wall time through LocalRunner ÷ the same stand-in spawned directly
//      (median of interleaved pairs; goal <= 1.02).
//   2. SSH (a private sshd on 127.0.0.1): per-run latency with connection reuse vs a fresh ssh per
//      run, 20 short runs each, interleaved; bytes uploaded on the 2nd run of an unchanged model (goal 0).
// Usage: node bench/runner.mjs [--pairs N] [--ssh-runs N]
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { tsImport } from 'tsx/esm/api';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '..');
const STANDIN = path.join(root, 'test/fixtures/standin-load-and-run/load_and_run');
const MODEL = path.join(root, 'samples/models/mnist_real.mge');

const argValue = (name, dflt) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
const PAIRS = argValue('--pairs', 21);
const SSH_RUNS = argValue('--ssh-runs', 20);

const { LocalRunner } = await tsImport('../src/core/runners/localRunner.ts', import.meta.url);
const { startBoard } = await tsImport('../test/support/sshRemote.ts', import.meta.url);

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const ms = (x) => `${x.toFixed(1)} ms`;

/** The stand-in spawned directly, output drained, like any caller would. */
function direct(args, env, program = STANDIN) {
  return new Promise((resolve, reject) => {
    const t = performance.now();
    const child = spawn(program, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.resume();
    child.stderr.resume();
    child.on('error', reject);
    child.on('close', () => resolve(performance.now() - t));
  });
}

async function viaRunner(runner, args, env, program = STANDIN) {
  const t = performance.now();
  let bytes = 0;
  await runner.run({ program, args, env, onStderr: (s) => (bytes += s.length), onStdout: () => {} });
  return performance.now() - t;
}

async function benchLocal(dir) {
  const model = path.join(dir, 'model.mge');
  await writeFile(model, await readFile(MODEL));
  const args = [model, '--iter', '50', '--warmup-iter', '1'];
  const env = { STANDIN_ITER_MS: '2', STANDIN_SEED: '1' };
  const runner = new LocalRunner();
  await direct(args, env);
  await viaRunner(runner, args, env);
  const ratios = [];
  const d = [];
  const r = [];
  for (let i = 0; i < PAIRS; i++) {
    // Alternate which goes first so drift and caching favour neither.
    let a;
    let b;
    if (i % 2 === 0) {
      a = await direct(args, env);
      b = await viaRunner(runner, args, env);
    } else {
      b = await viaRunner(runner, args, env);
      a = await direct(args, env);
    }
    d.push(a);
    r.push(b);
    ratios.push(b / a);
  }
  console.log(`Local (${PAIRS} interleaved pairs, stand-in --iter 50, 2 ms per iteration):`);
  console.log(`  direct spawn       median ${ms(median(d))}`);
  console.log(`  LocalRunner        median ${ms(median(r))}`);
  console.log(`  ratio runner/direct (median of pair ratios): ${median(ratios).toFixed(3)}  (goal <= 1.02)`);
  // The fixed cost alone, on a program that does nothing: less exposed to scheduling noise.
  const t0 = [];
  const t1 = [];
  for (let i = 0; i < 40; i++) {
    t0.push(await direct([], {}, '/bin/true'));
    t1.push(await viaRunner(runner, [], {}, '/bin/true'));
  }
  console.log(
    `  fixed cost on /bin/true (40 pairs): direct ${ms(median(t0))}, LocalRunner ${ms(median(t1))}, ` +
      `overhead ${ms(median(t1) - median(t0))} per run`,
  );
}

async function benchSsh() {
  const board = await startBoard();
  try {
    const model = path.join(board.localDir, 'bench.mge');
    await writeFile(model, await readFile(MODEL));
    const req = {
      program: board.remoteLar,
      args: [model, '--iter', '1', '--warmup-iter', '1'],
      env: { STANDIN_ITER_MS: '0' },
      files: [{ argIndex: 0, localPath: model, direction: 'in' }],
    };
    // Upload figures on a fresh work dir.
    const fresh = board.runner({ workDir: path.join(board.remoteRoot, 'work-upload') });
    const first = await fresh.run(req);
    const second = await fresh.run(req);

    const reuse = board.runner();
    const noReuse = board.runner({ reuseConnection: false });
    await reuse.run(req);
    await noReuse.run(req);
    const r = [];
    const f = [];
    for (let i = 0; i < SSH_RUNS; i++) {
      if (i % 2 === 0) {
        r.push(await time(() => reuse.run(req)));
        f.push(await time(() => noReuse.run(req)));
      } else {
        f.push(await time(() => noReuse.run(req)));
        r.push(await time(() => reuse.run(req)));
      }
    }
    const localArgs = [model, '--iter', '1', '--warmup-iter', '1'];
    const baseline = [];
    for (let i = 0; i < 10; i++) baseline.push(await direct(localArgs, { STANDIN_ITER_MS: '0' }));
    const base = median(baseline);
    console.log(
      `\nSSH to a private sshd on 127.0.0.1 (${SSH_RUNS} short runs each, interleaved; stand-in --iter 1):`,
    );
    console.log(`  the stand-in spawned directly      median ${ms(base)}`);
    console.log(
      `  SshRunner, connection reuse        median ${ms(median(r))}  (added ${ms(median(r) - base)} per run)`,
    );
    console.log(
      `  SshRunner, fresh ssh per run       median ${ms(median(f))}  (added ${ms(median(f) - base)} per run)`,
    );
    console.log(`  reuse saves ${ms(median(f) - median(r))} per run`);
    console.log(`\nUpload of an unchanged model (${first.uploadedBytes} bytes):`);
    console.log(
      `  1st run uploaded ${first.uploadedBytes} bytes, 2nd run uploaded ${second.uploadedBytes} bytes  (goal 0)`,
    );
  } finally {
    await board.stop();
  }
}

async function time(fn) {
  const t = performance.now();
  const outcome = await fn();
  if (outcome.exitCode !== 0) throw new Error(`run failed: ${JSON.stringify(outcome)}`);
  return performance.now() - t;
}

const dir = await mkdtemp(path.join(os.tmpdir(), 'lar-bench-runner-'));
try {
  console.log(
    `Runner benchmarks on ${os.cpus()[0]?.model ?? 'unknown CPU'} (${os.cpus().length} CPUs), load ${os.loadavg()[0].toFixed(2)}\n`,
  );
  await benchLocal(dir);
  await benchSsh();
} finally {
  await rm(dir, { recursive: true, force: true });
}
