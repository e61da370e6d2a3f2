// Reliability in the extension (issue 12): a window closed or reloaded during a run must leave a
// `cancelled` record and no orphaned load_and_run. deactivate() calls RunService.stopAll; this
// drives that path in the real extension host with a stand-in that hangs until killed.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import * as vscode from 'vscode';
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
});
