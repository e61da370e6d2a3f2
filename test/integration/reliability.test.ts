// Reliability in the extension (issue 12): a window closed or reloaded during a run must leave a
// `cancelled` record and no orphaned load_and_run. deactivate() calls RunService.stopAll; this
// drives that path in the real extension host with a stand-in that hangs until killed.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { activateExtension, waitFor, workspaceRoot } from './support';

const repo = () => process.env.LAR_TEST_REPO ?? path.resolve(__dirname, '..', '..', '..');
const standin = () => path.join(repo(), 'test/fixtures/standin-load-and-run/load_and_run');

describe('Reliability: runs when the window goes away (real extension host)', () => {
  before(async () => {
    await vscode.workspace
      .getConfiguration('lar-explorer')
      .update('loadAndRun.path', standin(), vscode.ConfigurationTarget.Global);
  });
  after(async () => {
    delete process.env.STANDIN_HANG;
    await vscode.workspace
      .getConfiguration('lar-explorer')
      .update('loadAndRun.path', undefined, vscode.ConfigurationTarget.Global);
  });

  it('stopAll (what deactivate calls) cancels a run in flight and keeps its record', async () => {
    const api = await activateExtension();
    await api.targets.whenLoaded();
    // The runner's child inherits the extension host's environment.
    process.env.STANDIN_HANG = '1';
    let log = '';
    const pending = api.runs.run({
      modelUri: vscode.Uri.joinPath(workspaceRoot(), 'models/mnist_real.mge'),
      engineId: 'load_and_run',
      target: api.targets.get('local')!,
      flags: { iter: 5 },
      onLog: (t) => (log += t),
    });
    await waitFor('the stand-in to reach its hang', () => (log.includes('=== prepare') ? true : undefined));
    delete process.env.STANDIN_HANG;
    await api.runs.stopAll('cancelled: the VS Code window was closed or reloaded during the run');
    const record = await pending;
    assert.ok(record, 'no record');
    assert.equal(record.status, 'cancelled');
    assert.match(record.reason ?? '', /window was closed or reloaded/);
    const store = api.runs.storeFor(vscode.Uri.joinPath(workspaceRoot(), 'models/mnist_real.mge'))!;
    assert.equal((await store.get(record.id))?.status, 'cancelled', 'the record was not saved');
    await store.delete(record.id);
    const ps = execFileSync('ps', ['-eo', 'args'], { encoding: 'utf8' });
    assert.ok(!ps.split('\n').some((l) => l.includes(standin()) && l.includes('mnist_real')), ps);
  });

  it('a reused algo cache made for another model is shown inside the Benchmark panel before the tool runs', async () => {
    const api = await activateExtension();
    await api.targets.whenLoaded();
    const uri = vscode.Uri.joinPath(workspaceRoot(), 'models/mnist_real.mge');
    const cache = path.join(workspaceRoot().fsPath, 'stale-algo.cache');
    writeFileSync(cache, 'an algo cache');
    writeFileSync(
      `${cache}.provenance.json`,
      JSON.stringify({
        schema: 1,
        flag: '--fast-run-algo-policy',
        createdAt: '2026-01-01T00:00:00.000Z',
        runId: 'run0ther0000',
        target: 'local',
        binary: { path: standin() },
        model: { path: 'models/other.mge', sha256: 'f'.repeat(64) },
        flags: { 'fast-run': true },
      }),
    );
    const panel = api.benchmarks.open(uri);
    const posted: Array<{
      type: string;
      title?: string;
      warnings?: Array<{ message: string; fix: string }>;
    }> = [];
    const post = panel.messenger.post.bind(panel.messenger);
    panel.messenger.post = (msg) => (posted.push(msg as { type: string }), post(msg));
    try {
      await panel.messenger.receive({ type: 'selectTarget', targetId: 'local' });
      await panel.messenger.receive({
        type: 'editFlags',
        seq: 10_000,
        flags: { iter: 2, 'fast-run-algo-policy': 'stale-algo.cache' },
      });
      await panel.messenger.receive({ type: 'run' });
      await waitFor('the run to end', () => (posted.some((m) => m.type === 'idle') ? true : undefined));
      const types = posted.map((m) => m.type);
      const stale = posted.find((m) => m.type === 'staleArtifacts');
      assert.ok(stale, `no staleArtifacts message: ${types.join(', ')}`);
      assert.match(stale.title ?? '', /other conditions|不同条件/);
      assert.equal(stale.warnings?.length, 1);
      assert.match(
        stale.warnings![0]!.message,
        /stale-algo\.cache (was made under other conditions|是在不同条件下生成的).*(another model|模型不同)/,
      );
      assert.ok(stale.warnings![0]!.fix.length > 0);
      // Before the tool ran: ahead of every log line and of the result.
      assert.ok(types.indexOf('staleArtifacts') < types.indexOf('runEnded'), types.join(', '));
      const firstLog = types.indexOf('log');
      assert.ok(firstLog === -1 || types.indexOf('staleArtifacts') < firstLog, types.join(', '));
      const ended = posted.find((m) => m.type === 'runEnded') as
        { result?: { recordId: string } } | undefined;
      if (ended?.result) await api.runs.storeFor(uri)!.delete(ended.result.recordId);
    } finally {
      panel.dispose();
      for (const f of [cache, `${cache}.provenance.json`]) if (existsSync(f)) rmSync(f);
    }
  });
});
