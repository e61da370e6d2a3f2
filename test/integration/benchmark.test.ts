import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { engineForModel } from '../../src/core/engines/registry';
import type { RunRecord } from '../../src/core/records/runRecord';
import { runResultView } from '../../src/extension/benchmark/benchmarkView';
import { recipeFiles, runRecipe } from '../../src/extension/benchmark/recipeChain';
import { runBlockOf } from '../../src/extension/benchmark/runGate';
import { RunService, type RunProblem } from '../../src/extension/benchmark/runService';
import { activateExtension, waitFor, workspaceRoot } from './support';

const repo = () => process.env.LAR_TEST_REPO ?? path.resolve(__dirname, '..', '..', '..');
const standin = () => path.join(repo(), 'test/fixtures/standin-load-and-run/load_and_run');
const runsDir = () => path.join(workspaceRoot().fsPath, '.lar-explorer', 'runs');
const recordFiles = () =>
  existsSync(runsDir()) ? readdirSync(runsDir()).filter((f) => f.endsWith('.json')) : [];
const modelUri = (rel: string) => vscode.Uri.joinPath(workspaceRoot(), rel);

async function setLarPath(value: string | undefined): Promise<void> {
  await vscode.workspace
    .getConfiguration('lar-explorer')
    .update('loadAndRun.path', value, vscode.ConfigurationTarget.Global);
  await waitFor('the load_and_run path setting to apply', () =>
    (vscode.workspace.getConfiguration('lar-explorer').get<string>('loadAndRun.path') ?? '') === (value ?? '')
      ? true
      : undefined,
  );
}

describe('Benchmark: run service and panel (real extension host)', () => {
  const before0 = new Set<string>();

  before(async () => {
    for (const f of recordFiles()) before0.add(f);
    await setLarPath(standin());
  });

  after(async () => {
    // Leave the workspace as the other suites expect it: only the records they wrote.
    for (const f of recordFiles()) if (!before0.has(f)) rmSync(path.join(runsDir(), f), { force: true });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await setLarPath(undefined);
  });

  it('runs the stand-in through the RunService and stores a record with the flags and parsed numbers', async () => {
    const api = await activateExtension();
    await api.targets.whenLoaded();
    const local = api.targets.get('local')!;
    const saved: RunRecord[] = [];
    const sub = api.runs.onDidSaveRecord((r) => saved.push(r));
    const iterations: number[] = [];
    let logText = '';
    let barWhileRunning = '';
    const record = await api.runs.run({
      modelUri: modelUri('models/mnist_real.mge'),
      engineId: 'load_and_run',
      target: local,
      flags: { 'fast-run': true, iter: 7, 'warmup-iter': 2 },
      onIteration: (it) => {
        iterations.push(it.e2eMs);
        barWhileRunning ||= `${api.statusBar.running} ${api.statusBar.text}`;
      },
      onLog: (t) => (logText += t),
    });
    sub.dispose();
    assert.ok(record, 'a record');
    assert.equal(record.status, 'ok', record.reason);
    assert.equal(record.target, 'local');
    assert.equal(record.engine, 'load_and_run');
    assert.deepEqual(record.flags, { 'fast-run': true, iter: 7, 'warmup-iter': 2 });
    assert.equal(record.model.path, 'models/mnist_real.mge');
    assert.equal(record.argv[0], standin());
    assert.equal(record.argv[1], 'models/mnist_real.mge');
    assert.deepEqual(record.argv.slice(2).sort(), ['--fast-run', '--iter', '--warmup-iter', '2', '7'].sort());
    const inf = record.result?.phases.inference;
    assert.ok(inf, 'an inference summary');
    assert.equal(inf.count, 7);
    assert.ok(inf.meanMs > 0 && inf.minMs <= inf.meanMs && inf.meanMs <= inf.maxMs);
    assert.equal(record.result!.phases.warmupMs.length, 2);
    assert.equal(record.result!.iterations.length, 7);
    assert.equal(iterations.length, 7, 'iterations streamed live');
    assert.match(logText, /going to run|iter|===/);
    assert.deepEqual(
      saved.map((r) => r.id),
      [record.id],
      'onDidSaveRecord fired once with it',
    );

    // The file on disk is the same record.
    const file = recordFiles().find((f) => f.includes(record.id.slice(0, 8)));
    assert.ok(file, `record file for ${record.id} in ${recordFiles().join(', ')}`);
    const onDisk = JSON.parse(readFileSync(path.join(runsDir(), file), 'utf8')) as RunRecord;
    assert.equal(onDisk.id, record.id);
    assert.deepEqual(onDisk.flags, record.flags);
    assert.equal(onDisk.result?.phases.inference?.count, 7);
    assert.match(barWhileRunning, /^1 .*mnist_real\.mge/, 'a status bar item while the run goes');
    assert.equal(api.statusBar.running, 0, 'the status bar item is gone after the run');
  });

  it("runs the guide's x86 recipe as one chain: step 1's dump and step 2's cache feed the next steps", async () => {
    const api = await activateExtension();
    const uri = modelUri('models/mnist_real.mge');
    const local = api.targets.get('local')!;
    const steps: number[] = [];
    const engine = engineForModel(uri.fsPath)!;
    const records = await runRecipe(api.runs, {
      modelUri: uri,
      engine,
      target: local,
      recipeId: 'x86-cpu',
      flags: { iter: 3, 'fast-run': true /* not carried: the recipe decides */ },
      lang: 'en',
      onStep: (st) => steps.push(st.index),
    });
    assert.deepEqual(steps, [0, 1, 2]);
    assert.equal(records.length, 3, records.map((r) => `${r.status} ${r.reason ?? ''}`).join('; '));
    for (const r of records) assert.equal(r.status, 'ok', r.reason);
    const files = recipeFiles(
      engine.recipes.find((r) => r.id === 'x86-cpu')!,
      uri,
      local,
    )!;
    const dump = path.join(workspaceRoot().fsPath, files.dumpedModel);
    const cache = path.join(workspaceRoot().fsPath, files.algoCache);
    assert.match(files.dumpedModel, /^\.lar-explorer\/artifacts\/local\/mnist_real\.mge\//);
    assert.ok(existsSync(dump), `the dumped model ${dump}`);
    assert.ok(existsSync(cache), `the algo cache ${cache}`);
    const [s1, s2, s3] = records;
    assert.equal(s1!.flags['layout-transform-dump'], files.dumpedModel);
    assert.equal(s1!.model.path, 'models/mnist_real.mge');
    assert.equal(s2!.model.path, files.dumpedModel, 'step 2 runs the dumped model');
    assert.equal(s2!.flags['fast-run-algo-policy'], files.algoCache);
    assert.equal(s2!.flags['fast-run'], true);
    assert.equal(s3!.flags['fast-run'], undefined, 'step 3 reads the cache without searching');
    assert.equal(s3!.flags['fast-run-algo-policy'], files.algoCache);
    for (const r of records) assert.equal(r.flags.iter, 3, 'the iteration count is carried');
    assert.match(s3!.label ?? '', /x86 CPU.*3\./);
    rmSync(path.join(workspaceRoot().fsPath, '.lar-explorer', 'artifacts'), { recursive: true, force: true });
  });

  it('opens one Benchmark panel per model, titled with the model name, and reveals it when asked again', async () => {
    const api = await activateExtension();
    const uri = modelUri('models/mnist_real.mge');
    await vscode.commands.executeCommand('lar-explorer.benchmark', uri);
    const panel = await waitFor('the panel', () => api.benchmarks.get(uri));
    assert.equal(panel.panel.title, 'Benchmark: mnist_real.mge');
    assert.equal(panel.panel.viewType, 'lar-explorer.benchmark');
    await vscode.commands.executeCommand('lar-explorer.benchmark', uri);
    assert.equal(api.benchmarks.all().filter((p) => p.modelUri.toString() === uri.toString()).length, 1);
    assert.equal(api.benchmarks.get(uri), panel, 'the same panel');
  });

  it("rejects and counts messages that do not match the panel's protocol, and acts on none of them", async () => {
    const api = await activateExtension();
    const uri = modelUri('models/mnist_real.mge');
    const panel = api.benchmarks.open(uri);
    const files = recordFiles().length;
    const rejected = panel.messenger.rejected;
    const bad: unknown[] = [
      { type: 'run', flags: 42 },
      { type: 'run', targetId: 'local', flags: 42 },
      { type: 'definitely-not-a-message' },
      { type: 'editFlags', flags: {} },
      { type: 'paste', line: 'load_and_run m.mge', requestId: -1 },
      { type: 'runRecipe', targetId: 'local', flags: {} },
      { type: 'run', targetId: 'local', flags: { iter: { nested: true } } },
      { type: 'run', targetId: 'local', flags: {}, extra: '<script>' },
      { type: 'openRecord' },
      'run',
      null,
      42,
    ];
    for (const m of bad) await panel.messenger.receive(m);
    assert.equal(panel.messenger.rejected - rejected, bad.length);
    // Nothing ran: no run going, no status bar item, no new record.
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(api.runs.running, 0);
    assert.equal(api.statusBar.running, 0);
    assert.equal(panel.running, false);
    assert.equal(recordFiles().length, files);

    // A valid message is accepted (not counted).
    await panel.messenger.receive({ type: 'selectTarget', targetId: 'local' });
    assert.equal(panel.messenger.rejected - rejected, bad.length);
  });

  it('runs from a valid panel message and keeps the record the panel showed', async () => {
    const api = await activateExtension();
    const uri = modelUri('models/mnist_real.mge');
    const panel = api.benchmarks.open(uri);
    const files = recordFiles().length;
    // The host owns the flags: an edit, then "run" (which names no target and no flags).
    await panel.messenger.receive({ type: 'editFlags', seq: 1, flags: { iter: 4 } });
    await panel.messenger.receive({ type: 'run' });
    const record = await waitFor('the panel run to finish', () => panel.lastRecord);
    assert.equal(record.status, 'ok', record.reason);
    assert.deepEqual(record.flags, { iter: 4 });
    assert.equal(record.result?.phases.inference?.count, 4);
    assert.equal(recordFiles().length, files + 1);
  });

  it('runs nothing in an untrusted workspace (the gate decides before anything else)', async () => {
    const ok = { trusted: true, workspaceRoot: '/ws', engineId: 'load_and_run', program: '/bin/lar' };
    assert.equal(runBlockOf(ok), null);
    assert.equal(runBlockOf({ ...ok, trusted: false }), 'untrusted');
    assert.equal(runBlockOf({ ...ok, trusted: false, program: '' }), 'untrusted', 'trust is checked first');
    assert.equal(runBlockOf({ ...ok, program: '  ' }), 'no-program');
    assert.equal(runBlockOf({ ...ok, workspaceRoot: undefined }), 'no-workspace');
    assert.equal(runBlockOf({ ...ok, engineId: undefined }), 'no-engine');

    // The real service with trust withheld: nothing starts, nothing is stored.
    const api = await activateExtension();
    const log = vscode.window.createOutputChannel('lar-explorer untrusted test', { log: true });
    const service = new RunService({
      log,
      getConfig: () => ({ modelInclude: [], modelExclude: [], loadAndRunPath: standin(), targets: [] }),
      targets: api.targets,
      statusBar: api.statusBar,
      distDir: path.join(process.env.LAR_TEST_REPO ?? '', 'dist'),
      isTrusted: () => false,
    });
    const files = recordFiles().length;
    const problems: RunProblem[] = [];
    const record = await service.run({
      modelUri: modelUri('models/mnist_real.mge'),
      engineId: 'load_and_run',
      target: api.targets.get('local')!,
      flags: { iter: 2 },
      onProblem: (p) => problems.push(p),
    });
    assert.equal(record, undefined);
    assert.equal(problems.length, 1);
    assert.equal(problems[0]!.kind, 'blocked');
    assert.equal(problems[0]!.kind === 'blocked' && problems[0]!.block, 'untrusted');
    assert.match(problems[0]!.message, /not trusted/);
    assert.equal(recordFiles().length, files);
    assert.equal(api.statusBar.running, 0);
    service.dispose();
    log.dispose();
  });

  it('explains a missing load_and_run path and starts nothing', async () => {
    const api = await activateExtension();
    await setLarPath('');
    try {
      const files = recordFiles().length;
      const problems: RunProblem[] = [];
      const record = await api.runs.run({
        modelUri: modelUri('models/mnist_real.mge'),
        engineId: 'load_and_run',
        target: api.targets.get('local')!,
        flags: {},
        onProblem: (p) => problems.push(p),
      });
      assert.equal(record, undefined);
      assert.equal(problems[0]?.kind === 'blocked' && problems[0].block, 'no-program');
      assert.match(problems[0]!.message, /lar-explorer\.loadAndRun\.path/);
      assert.equal(recordFiles().length, files);
    } finally {
      await setLarPath(standin());
    }
  });

  it('a wrong load_and_run path: nothing is saved, and the problem offers Set path…', async () => {
    const api = await activateExtension();
    await setLarPath(path.join(repo(), 'no-such-dir', 'load_and_run'));
    try {
      const files = recordFiles().length;
      const problems: RunProblem[] = [];
      const record = await api.runs.run({
        modelUri: modelUri('models/mnist_real.mge'),
        engineId: 'load_and_run',
        target: api.targets.get('local')!,
        flags: { iter: 2 },
        onProblem: (p) => problems.push(p),
      });
      assert.equal(record, undefined, 'a run that never started is not a run');
      assert.equal(problems.length, 1);
      assert.equal(problems[0]!.kind, 'error');
      assert.equal(problems[0]!.kind === 'error' && problems[0]!.fix, 'set-lar-path');
      assert.match(problems[0]!.message, /load_and_run was not found at .*no-such-dir/);
      assert.equal(recordFiles().length, files, 'no record in the history');
    } finally {
      await setLarPath(standin());
    }
  });

  it("refuses the guide's recipes on a model with an embedded test case, with the reason", async () => {
    const api = await activateExtension();
    const uri = modelUri('models/mnist_real.mge');
    const panel = api.benchmarks.open(uri);
    const files = recordFiles().length;
    const posted: Array<{ type: string; message?: string }> = [];
    const post = panel.messenger.post.bind(panel.messenger);
    panel.messenger.post = (msg) => (posted.push(msg as { type: string }), post(msg));
    await panel.messenger.receive({ type: 'runRecipe', recipeId: 'x86-cpu' });
    assert.equal(panel.running, false);
    const refusal = posted.find((m) => m.type === 'runProblem');
    assert.match(refusal?.message ?? '', /embedded test case|测试用例/, 'the host says why');
    assert.equal(recordFiles().length, files, 'step 1 never ran');
  });

  it('refuses flags that break a rule before starting anything', async () => {
    const api = await activateExtension();
    const files = recordFiles().length;
    const problems: RunProblem[] = [];
    const record = await api.runs.run({
      modelUri: modelUri('models/mnist_real.mge'),
      engineId: 'load_and_run',
      target: api.targets.get('local')!,
      flags: { cpu: true, cuda: true },
      onProblem: (p) => problems.push(p),
    });
    assert.equal(record, undefined);
    assert.equal(problems[0]?.kind, 'invalid');
    assert.ok(problems[0]?.kind === 'invalid' && problems[0].issues.some((i) => i.flags.includes('cuda')));
    assert.equal(recordFiles().length, files);
  });

  it('previews and runs against the same facts: a reachable target whose binary check failed', async () => {
    const api = await activateExtension();
    const uri = modelUri('models/mnist_real.mge');
    const panel = api.benchmarks.open(uri);
    await panel.messenger.receive({ type: 'selectTarget', targetId: 'local' });
    // Reachable, its --help listed flags, yet the check reported a problem: the preview used to ignore
    // such facts while the run used them, so only the run refused --fast-run.
    api.targets.setFacts('local', {
      checkedAt: new Date().toISOString(),
      reachable: true,
      arch: 'x86_64',
      supportedFlags: new Set(['iter', 'cpu']),
      problem: 'the version check timed out',
    });
    try {
      const flags = { 'fast-run': true, iter: 2 };
      const preview = panel.preview(flags);
      const problems: RunProblem[] = [];
      const record = await api.runs.run({
        modelUri: uri,
        engineId: 'load_and_run',
        target: api.targets.get('local')!,
        flags,
        onProblem: (p) => problems.push(p),
      });
      assert.equal(record, undefined, 'the run did not start');
      const run = problems[0];
      assert.ok(run?.kind === 'invalid', `an invalid-flags problem, got ${JSON.stringify(problems)}`);
      assert.ok(preview.issues.some((i) => i.severity === 'error' && i.flags.includes('fast-run')));
      assert.deepEqual(
        preview.issues.map((i) => [i.severity, i.flags.join(','), i.message]),
        run.issues.map((i) => [i.severity, i.flags.join(','), i.message[uiLangOf()]]),
        'the preview shows exactly the problems the run refused with',
      );
    } finally {
      api.targets.setFacts('local', undefined);
    }
  });

  it('shows an ONNX failure with its coded reason in the panel, in both languages', async () => {
    const api = await activateExtension();
    const rel = 'models/broken-for-test.onnx';
    const file = path.join(workspaceRoot().fsPath, rel);
    writeFileSync(file, 'not a protobuf');
    try {
      const uri = modelUri(rel);
      const panel = api.benchmarks.open(uri);
      await panel.messenger.receive({ type: 'editFlags', seq: 1, flags: { iter: 2 } });
      await panel.messenger.receive({ type: 'run' });
      const record = await waitFor('the ONNX run to finish', () => panel.lastRecord);
      assert.equal(record.engine, 'onnxruntime');
      assert.equal(record.status, 'failed');
      assert.match(record.reason!, /^ONNX Runtime could not load the model: /);
      assert.equal(runResultView(record, 'en').reason, record.reason);
      assert.match(runResultView(record, 'zh').reason!, /^ONNX Runtime 无法加载该模型：/);
      panel.dispose();
    } finally {
      rmSync(file, { force: true });
    }
  });

  it('owns the panel state: opening costs one evaluation; intents change the state; the engine composes --input', async function () {
    this.timeout(150000);
    const api = await activateExtension();
    await api.targets.whenLoaded();
    const uri = modelUri('models/mnist_real.mge');
    // Known facts: opening starts no target check, so nothing but the opening is evaluated.
    api.targets.setFacts('local', { checkedAt: new Date().toISOString(), reachable: true, arch: 'x86_64' });
    api.benchmarks.get(uri)?.dispose();
    await vscode.commands.executeCommand('lar-explorer.benchmark', uri);
    const panel = await waitFor('the panel', () => api.benchmarks.get(uri));
    try {
      // A webview starts in the browser page: with other suites on a 2-core machine (load 9–14) it
      // took over 20 s in 4 of 10 runs. The time is not what this test is about; the counts are.
      await waitFor('the webview to be initialized', () => (panel.evaluations > 0 ? true : undefined), 90000);
      await new Promise((r) => setTimeout(r, 1500));
      assert.equal(panel.evaluations, 1, 'opening the panel costs one evaluation');

      await panel.messenger.receive({ type: 'applyPreset', presetId: 'fast-run' });
      assert.equal(panel.evaluations, 2, 'one evaluation per change');
      await panel.messenger.receive({
        type: 'editInputs',
        seq: 1,
        rows: [
          { name: 'data', value: '{1,1,28,28}' },
          { name: '', value: '' },
        ],
      });
      await panel.messenger.receive({ type: 'run' });
      const record = await waitFor('the run to finish', () => panel.lastRecord);
      assert.equal(record.status, 'ok', record.reason);
      assert.deepEqual(
        record.flags,
        { 'fast-run': true, input: 'data:{1,1,28,28}' },
        'rows composed by the engine',
      );
      // The model's head was read once: mnist_real.mge carries a test case, so the real-log rule fires.
      const dump = panel.preview({ 'layout-transform': 'cpu', 'layout-transform-dump': 'lt.mge' });
      assert.ok(
        dump.issues.some((i) => i.severity === 'warning' && i.flags.includes('layout-transform-dump')),
        JSON.stringify(dump.issues),
      );
    } finally {
      api.targets.setFacts('local', undefined);
      panel.dispose();
    }
  });
});

/** The language the panel localizes its issues into in this host. */
function uiLangOf(): 'en' | 'zh' {
  return vscode.env.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
}
