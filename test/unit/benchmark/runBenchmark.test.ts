import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  programFacts,
  recordedModelPath,
  runBenchmark,
  type BenchmarkOptions,
} from '../../../src/core/benchmark/runBenchmark';
import { RecordNotSavedError } from '../../../src/core/benchmark/recordNotSaved';
import { ValidationFailedError } from '../../../src/core/benchmark/validationFailed';
import { larEngine } from '../../../src/core/engines/lar/index';
import { RecordStore } from '../../../src/core/records/recordStore';
import {
  RunnerError,
  type ExecResult,
  type RunOutcome,
  type RunRequest,
  type Runner,
} from '../../../src/core/runners/runner';

const LOG = [
  '[24 02:48:19 @:138] megbrain/lite/load_and_run:\nusing MegBrain 1.9999.0(0) and MegDNN 9.3.0\n',
  '[24 02:48:19 @:51] load model: 9.909ms\n[24 02:48:19 @:116] run testcase: 0 \n',
  '[24 02:48:19 @:67] === prepare: 0.481ms; going to warmup\n[24 02:48:19 @:70] warm up 0  2.615ms\n',
  '[24 02:48:19 @:88] iter 0/2: e2e=0.139 ms (host=0.034 ms)\n[24 02:48:19 @:88] iter 1/2: e2e=0.0',
  '94 ms (host=0.015 ms)\n[24 02:48:19 @:97] === finished test #0: time=0.233 ms avg_time=0.117 ms standard_deviation=0.032 ms min=0.094 ms max=0.139 ms\n',
  '[24 02:48:19 @:129] === total time: 0.233ms\n',
];

/** A scripted runner: replays chunks on stderr and ends as told; records the request. */
class FakeRunner implements Runner {
  readonly target: string;
  requests: RunRequest[] = [];
  execCalls = 0;
  constructor(
    private readonly script: {
      chunks?: string[];
      outcome?: Partial<RunOutcome>;
      throws?: Error;
      waitForAbort?: boolean;
      exec?: boolean;
      target?: string;
    },
  ) {
    this.target = script.target ?? 'local';
    if (script.exec) {
      this.exec = async (): Promise<ExecResult> => {
        this.execCalls++;
        const temp = this.execCalls === 1 ? 45000 : 62000;
        return {
          stdout: `hostname=board\narch=aarch64\ncores=4\nloadavg=0.10 0.20 0.30 1/100 42\ntemp=${temp}\n`,
          stderr: '',
          exitCode: 0,
        };
      };
    }
  }
  exec?: Runner['exec'];
  async run(req: RunRequest): Promise<RunOutcome> {
    this.requests.push(req);
    // A remote wrapper may print its own line before the runner gives up (SSH: "is a folder").
    for (const c of this.script.chunks ?? []) req.onStderr?.(c);
    if (this.script.throws) throw this.script.throws;
    if (this.script.waitForAbort) {
      await new Promise<void>((resolve) =>
        req.signal!.addEventListener('abort', () => resolve(), { once: true }),
      );
      return {
        exitCode: null,
        signal: 'SIGTERM',
        status: 'cancelled',
        durationMs: 5,
        artifacts: [],
        uploadedBytes: 0,
      };
    }
    return {
      exitCode: 0,
      signal: null,
      status: 'exited',
      durationMs: 5,
      artifacts: [],
      uploadedBytes: 0,
      ...this.script.outcome,
    };
  }
  async dispose(): Promise<void> {}
}

describe('runBenchmark', () => {
  let dir: string;
  let store: RecordStore;
  const base = (runner: Runner, over: Partial<BenchmarkOptions> = {}): BenchmarkOptions => ({
    engine: larEngine,
    runner,
    program: '/opt/lar/load_and_run',
    model: 'models/net.mge',
    flags: { cpu: true, iter: 2 },
    workspaceRoot: dir,
    store,
    now: () => new Date('2025-06-07T08:09:10.000Z'),
    ...over,
  });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'lar-bench-'));
    await writeFile(join(dir, 'abc.mge'), 'abc');
    store = RecordStore.forWorkspace(dir);
  });
  afterEach(async () => rm(dir, { recursive: true, force: true }));

  it('runs, feeds the parser live and saves an ok record', async () => {
    const runner = new FakeRunner({ chunks: LOG });
    const iterations: number[] = [];
    const phases: string[] = [];
    const logs: string[] = [];
    const record = await runBenchmark(
      base(runner, {
        model: 'abc.mge',
        flags: { cpu: true, iter: 2, profile: 'out/p.json', input: 'data:[1,3,8,8];x:in put.npy' },
        onIteration: (it) => iterations.push(it.e2eMs),
        onPhase: (p) => phases.push(p),
        onLog: (t, s) => logs.push(`${s}:${t}`),
        label: 'first',
      }),
    );
    assert.equal(record.status, 'ok');
    assert.equal(record.reason, undefined);
    assert.deepEqual(iterations, [0.139, 0.094]);
    assert.deepEqual(phases.slice(-2), ['inference', 'finished']);
    assert.ok(phases.includes('load'));
    assert.equal(logs.length, LOG.length);
    assert.equal(record.log, LOG.join(''));
    assert.equal(record.model.path, 'abc.mge');
    assert.equal(record.model.sha256, 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(record.model.bytes, 3);
    assert.equal(record.startedAt, '2025-06-07T08:09:10.000Z');
    assert.equal(
      record.command,
      "/opt/lar/load_and_run abc.mge --cpu --iter 2 --input 'data:[1,3,8,8];x:in put.npy' --profile out/p.json",
    );
    assert.deepEqual(record.argv.slice(0, 2), ['/opt/lar/load_and_run', 'abc.mge']);
    assert.equal(record.label, 'first');
    assert.equal(record.result!.phases.loadMs, 9.909);
    assert.equal(record.result!.phases.inference!.count, 2);
    assert.match(record.host.tool, /^lar-explorer /);
    // The request: argv without the program, files that travel, cwd for a local target.
    const req = runner.requests[0]!;
    assert.equal(req.program, '/opt/lar/load_and_run');
    assert.deepEqual(req.args, record.argv.slice(1));
    assert.equal(req.cwd, dir);
    assert.deepEqual(
      req.files!.map((f) => [f.localPath, f.direction, f.prefix ?? '']),
      // Resolved against the workspace (cwd), not the process: a remote runner reads them from here.
      [
        [join(dir, 'abc.mge'), 'in', ''],
        [join(dir, 'in put.npy'), 'in', 'x:'],
        [join(dir, 'out/p.json'), 'out', ''],
      ],
    );
    const saved = await store.get(record.id);
    assert.deepEqual(saved, record);
  });

  it('throws ValidationFailedError and runs nothing when the flags break a rule', async () => {
    const runner = new FakeRunner({ chunks: LOG });
    await assert.rejects(
      runBenchmark(base(runner, { flags: { 'fast-run': true, 'full-run': true } })),
      (e: unknown) =>
        e instanceof ValidationFailedError && e.errors.length > 0 && e.errors[0]!.flags.includes('fast-run'),
    );
    assert.equal(runner.requests.length, 0);
    await assert.rejects(readdir(store.dir), /ENOENT/);
  });

  it('passes warnings on and still runs', async () => {
    const warnings: string[] = [];
    const record = await runBenchmark(
      base(new FakeRunner({ chunks: LOG }), { onWarnings: (w) => warnings.push(...w.map((i) => i.rule)) }),
    );
    assert.equal(record.status, 'ok');
    assert.ok(warnings.length > 0, 'iter 2 is a weak mean');
  });

  it('saves a failed record with reason and runner error when the run cannot start', async () => {
    const err = new RunnerError('binary-missing', 'load_and_run was not found at /x.', 'Set the path.', {
      zh: { message: '在 /x 找不到 load_and_run。', hint: '请设置路径。' },
    });
    const record = await runBenchmark(base(new FakeRunner({ throws: err })));
    assert.equal(record.status, 'failed');
    assert.equal(record.reason, 'load_and_run was not found at /x. Set the path.');
    assert.equal(record.reasonZh, '在 /x 找不到 load_and_run。请设置路径。');
    assert.deepEqual(record.runnerError, { code: 'binary-missing', hint: 'Set the path.' });
    assert.equal(record.result, null);
    assert.equal(record.log, '');
    assert.equal(record.model.sha256, null, 'models/net.mge does not exist: no hash, still a record');
    assert.deepEqual(
      (await store.list()).records.map((r) => r.id),
      [record.id],
    );
  });

  it('a run that could not start shows no empty phase table, even when the target printed a line', async () => {
    // Seen over SSH: the wrapper's "lar-explorer: is a folder: /tmp" made an all-dash result table.
    const err = new RunnerError(
      'binary-missing',
      '/tmp on board is a folder, not a program.',
      'Point at it.',
      {
        zh: { message: 'board 上的 /tmp 是文件夹，不是程序。', hint: '请指向程序。' },
      },
    );
    const record = await runBenchmark(
      base(
        new FakeRunner({ throws: err, chunks: ['lar-explorer: is a folder: /tmp\n'], target: 'ssh:board' }),
      ),
    );
    assert.equal(record.status, 'failed');
    assert.equal(record.result, null);
    assert.match(record.log ?? '', /is a folder/, 'the line is kept in the log');
  });

  it('rethrows errors that are not RunnerErrors (bugs) and saves nothing', async () => {
    await assert.rejects(runBenchmark(base(new FakeRunner({ throws: new TypeError('boom') }))), /boom/);
    await assert.rejects(readdir(store.dir), /ENOENT/);
  });

  it('a crash keeps what was measured and says where it died', async () => {
    const record = await runBenchmark(
      base(new FakeRunner({ chunks: LOG.slice(0, 3), outcome: { exitCode: null, signal: 'SIGSEGV' } })),
    );
    assert.equal(record.status, 'failed');
    assert.match(record.reason!, /segmentation fault/);
    assert.equal(record.result!.phases.loadMs, 9.909);
    assert.equal(record.signal, 'SIGSEGV');
  });

  it('cancel: status cancelled, the record is saved', async () => {
    const controller = new AbortController();
    const pending = runBenchmark(
      base(new FakeRunner({ chunks: LOG.slice(0, 2), waitForAbort: true }), { signal: controller.signal }),
    );
    setTimeout(() => controller.abort(), 20);
    const record = await pending;
    assert.equal(record.status, 'cancelled');
    assert.match(record.reason!, /cancelled by the user/);
    assert.ok(await store.get(record.id));
  });

  it('timeout: status timeout with the limit in the reason', async () => {
    const record = await runBenchmark(
      base(
        new FakeRunner({
          chunks: LOG.slice(0, 4),
          outcome: { status: 'timeout', exitCode: null, signal: 'SIGTERM' },
        }),
        { timeoutMs: 1500 },
      ),
    );
    assert.equal(record.status, 'timeout');
    assert.match(record.reason!, /after 1\.5 s; 1 iterations measured before are kept/);
  });

  it('collects device facts before and after through exec, with warnings', async () => {
    const runner = new FakeRunner({ chunks: LOG, exec: true, target: 'ssh:board' });
    const record = await runBenchmark(base(runner));
    assert.equal(runner.execCalls, 2);
    assert.equal(record.target, 'ssh:board');
    assert.equal(record.host.device!.before!.arch, 'aarch64');
    assert.equal(record.host.device!.before!.cores, 4);
    assert.equal(record.host.device!.after!.temperatureC, 62);
    assert.deepEqual(record.host.device!.warnings, [
      'The temperature rose from 45 °C to 62 °C during the run.',
    ]);
    assert.equal(runner.requests[0]!.cwd, undefined, 'a remote target gets no local cwd');
    const none = await runBenchmark(
      base(new FakeRunner({ chunks: LOG, exec: true }), { collectFacts: false }),
    );
    assert.equal(none.host.device, undefined);
  });

  it('a record that cannot be saved comes back inside RecordNotSavedError', async () => {
    const blocked = new RecordStore(join(dir, 'abc.mge', 'runs')); // a file where the folder should be
    await assert.rejects(
      runBenchmark(base(new FakeRunner({ chunks: LOG }), { store: blocked })),
      (e: unknown) => {
        assert.ok(e instanceof RecordNotSavedError);
        assert.equal(e.record.status, 'ok');
        assert.equal(e.record.result!.iterations.length, 2);
        assert.match(e.message, /could not be saved: cannot create run records folder/);
        return true;
      },
    );
  });

  it('hashes a local binary only when the run writes an artifact or reads one with a provenance', async () => {
    // Issue #15: a real load_and_run is tens of MB; hashing it before every run cost time for
    // facts that only artifact provenance keeps.
    const lar = join(dir, 'load_and_run');
    await writeFile(lar, 'binary bytes');
    const sha256 = createHash('sha256').update('binary bytes').digest('hex');
    const local = new FakeRunner({});
    const model = { argIndex: 0, localPath: 'abc.mge', direction: 'in' as const };
    assert.deepEqual(await programFacts(local, lar, dir, [model]), { path: lar });
    const out = { argIndex: 2, localPath: 'prof.json', direction: 'out' as const, flag: '--profile' };
    assert.deepEqual(await programFacts(local, lar, dir, [model, out]), { path: lar, bytes: 12, sha256 });
    await writeFile(join(dir, 'abc.mge.provenance.json'), '{}');
    assert.deepEqual(await programFacts(local, lar, dir, [model]), { path: lar, bytes: 12, sha256 });
  });

  it('records model paths relative to the workspace when inside it', () => {
    assert.equal(recordedModelPath('/ws/models/a b.mge', '/ws'), 'models/a b.mge');
    assert.equal(recordedModelPath('/elsewhere/a.mge', '/ws'), '/elsewhere/a.mge');
    assert.equal(recordedModelPath('/ws2/a.mge', '/ws'), '/ws2/a.mge');
    assert.equal(recordedModelPath('/x/a.mge', undefined), '/x/a.mge');
  });
});
