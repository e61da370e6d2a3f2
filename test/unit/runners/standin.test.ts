import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const STANDIN = path.resolve(__dirname, '../../fixtures/standin-load-and-run/load_and_run');
const LOGS = path.resolve(__dirname, '../../fixtures/real-logs');
const MODEL = path.resolve(__dirname, '../../../samples/models/mnist_real.mge');

function standin(args: string[], env: Record<string, string> = {}) {
  return spawnSync(STANDIN, args, {
    encoding: 'utf8',
    env: { ...process.env, STANDIN_ITER_MS: '0', ...env },
  });
}

/** A log with timestamps, numbers and file names made neutral: what is left is the format. */
function shape(log: string): string {
  return log
    .replace(/^\[\d\d \d\d:\d\d:\d\d @:/gm, '[DD HH:MM:SS @:')
    .replace(/\d+\.\d{3}/g, 'N.NNN')
    .replace(/\S+\.mge\b/g, 'MODEL');
}

const real = (name: string, ext: string) => readFileSync(path.join(LOGS, `${name}.${ext}`), 'utf8');

describe('stand-in load_and_run (test fixture)', () => {
  it('prints exactly the current-generation format of real-logs/04_defaults.err', () => {
    const r = standin([MODEL]);
    assert.equal(r.status, 0);
    assert.equal(r.stdout, '');
    assert.equal(shape(r.stderr), shape(real('04_defaults', 'err')));
  });

  it('matches the real format of fake-first with two warm-ups and of --iter 0', () => {
    assert.equal(
      shape(standin([MODEL, '--fake-first', '--warmup-iter', '2']).stderr),
      shape(real('19_fake_first_warmup2', 'err')),
    );
    assert.equal(shape(standin([MODEL, '--iter', '0']).stderr), shape(real('43_iter0', 'err')));
    assert.equal(shape(standin([MODEL, '--fast-run']).stderr), shape(real('09_fast_run', 'err')));
  });

  it('fails like the real tool: unknown flag, bad int, missing model', () => {
    const unknown = standin([MODEL, '--no-such-flag']);
    assert.equal(unknown.status, 1);
    assert.equal(unknown.stderr, real('29_unknown_flag', 'err'));
    const bad = standin([MODEL, '--iter', 'abc']);
    assert.equal(bad.status, 1);
    assert.equal(bad.stderr, real('44_bad_int_value', 'err'));
    const missing = spawnSync(STANDIN, ['does_not_exist.mge'], { encoding: 'utf8' });
    assert.equal(missing.signal, 'SIGABRT');
    assert.equal(shape(missing.stderr), shape(real('28_nonexistent_model', 'err')));
  });

  it('prints the real --help on stdout with exit 1, and a version', () => {
    const help = standin(['--help']);
    assert.equal(help.status, 1);
    assert.equal(help.stdout, real('02_help', 'out'));
    assert.match(standin(['--version']).stdout, /^load_and_run version 1\.9999\.0/);
  });

  it('accepts every gflags spelling', () => {
    const r = standin([MODEL, '-iter', '2', '--warmup_iter=1', '--fast_run', '--nofake-first', '--cpu=true']);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /iter 1\/2:/);
    assert.doesNotMatch(r.stderr, /iter 2\/2/);
  });

  it('is deterministic for a seed, and --fast-run makes iterations ~20% faster', () => {
    const avg = (log: string) => Number(/avg_time=(\d+\.\d+)/.exec(log)?.[1]);
    const a = standin([MODEL, '--iter', '20'], { STANDIN_SEED: '7' }).stderr;
    const b = standin([MODEL, '--iter', '20'], { STANDIN_SEED: '7' }).stderr;
    assert.equal(avg(a), avg(b));
    const fast = standin([MODEL, '--iter', '20', '--fast-run'], { STANDIN_SEED: '7' }).stderr;
    const ratio = avg(fast) / avg(a);
    assert.ok(ratio > 0.7 && ratio < 0.9, `fast-run ratio ${ratio}`);
  });

  it('crashes on request with SIGSEGV after printing up to the requested point', () => {
    const warm = standin([MODEL], { STANDIN_CRASH: 'warmup' });
    assert.equal(warm.signal, 'SIGSEGV');
    assert.match(warm.stderr, /=== prepare: \d+\.\d{3}ms; going to warmup\n$/);
    const iter = standin([MODEL], { STANDIN_CRASH: 'iter:3' });
    assert.equal(iter.signal, 'SIGSEGV');
    assert.match(iter.stderr, /iter 2\/10: .*\n$/);
  });

  it('writes the argv it received as JSON when asked', () => {
    const log = path.join(os.tmpdir(), `standin-argv-${process.pid}.jsonl`);
    const args = [MODEL, '--input', "data:/x y/$(z) `w` ;'q'.npy"];
    standin(args, { STANDIN_ARGV_LOG: log, STANDIN_CRASH: 'warmup' });
    assert.deepEqual(JSON.parse(readFileSync(log, 'utf8').trim().split('\n').pop()!), args);
    rmSync(log);
  });
});
