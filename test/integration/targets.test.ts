import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, readdirSync, rmSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { TargetFacts } from '../../src/extension/targets/targetRegistry';
import { startSshd, type TestSshd } from '../support/sshd';
import { activateExtension, waitFor, workspaceRoot } from './support';

const repo = () => process.env.LAR_TEST_REPO ?? path.resolve(__dirname, '..', '..', '..');
const standin = () => path.join(repo(), 'test/fixtures/standin-load-and-run/load_and_run');
const runsDir = () => path.join(workspaceRoot().fsPath, '.lar-explorer', 'runs');
const recordFiles = () =>
  existsSync(runsDir()) ? readdirSync(runsDir()).filter((f) => f.endsWith('.json')) : [];
const config = () => vscode.workspace.getConfiguration('lar-explorer');

describe('Targets view, check connection and SSH runs (real extension host + test sshd)', () => {
  let sshd: TestSshd;
  const before0 = new Set<string>();

  before(async () => {
    for (const f of recordFiles()) before0.add(f);
    sshd = await startSshd();
    await config().update('loadAndRun.path', standin(), vscode.ConfigurationTarget.Global);
    await config().update(
      'targets',
      [
        {
          name: 'test-board',
          destination: sshd.alias,
          sshConfigFile: sshd.configFile,
          loadAndRunPath: standin(),
          env: { STANDIN_ITER_MS: '1' },
        },
      ],
      vscode.ConfigurationTarget.Global,
    );
  });

  after(async () => {
    for (const f of recordFiles()) if (!before0.has(f)) rmSync(path.join(runsDir(), f), { force: true });
    await config().update('targets', undefined, vscode.ConfigurationTarget.Global);
    await config().update('loadAndRun.path', undefined, vscode.ConfigurationTarget.Global);
    await sshd?.stop();
  });

  it('lists Local and the configured SSH target as nodes whose kind is their contextValue', async () => {
    const api = await activateExtension();
    const nodes = await waitFor('the ssh target in the Targets view', () => {
      const ns = api.targetsTree.getChildren();
      return ns.some((n) => n.target.id === 'ssh:test-board') ? ns : undefined;
    });
    const local = nodes.find((n) => n.target.id === 'local')!;
    const board = nodes.find((n) => n.target.id === 'ssh:test-board')!;
    assert.equal(nodes[0], local, 'Local first');
    assert.equal(local.kind, 'target-local');
    assert.equal(local.treeItem.contextValue, 'target-local');
    assert.equal(board.kind, 'target-ssh');
    assert.equal(board.treeItem.contextValue, 'target-ssh');
    assert.equal(board.treeItem.description, sshd.alias, 'unchecked: the destination');
    assert.equal(board.parent, undefined);
  });

  it('offers the SSH target to a load_and_run model but only Local to an ONNX model', async () => {
    const api = await activateExtension();
    await waitFor('the ssh target', () => api.targets.get('ssh:test-board'));
    const onnx = vscode.Uri.file(path.join(workspaceRoot().fsPath, 'targets-test.onnx'));
    copyFileSync(path.join(repo(), 'samples/onnx/small_cnn.onnx'), onnx.fsPath);
    const mge = vscode.Uri.file(path.join(workspaceRoot().fsPath, 'models', 'mnist_real.mge'));
    try {
      const onnxPanel = api.benchmarks.open(onnx);
      const mgePanel = api.benchmarks.open(mge);
      assert.deepEqual(
        onnxPanel.targetChoices().map((t) => t.id),
        ['local'],
        'the embedded ONNX Runtime runs on this machine only',
      );
      assert.ok(mgePanel.targetChoices().some((t) => t.id === 'ssh:test-board'));
    } finally {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      rmSync(onnx.fsPath, { force: true });
    }
  });

  it('checks the local target: version, arch, cores and the flags its binary lacks', async () => {
    const api = await activateExtension();
    const node = api.targetsTree.nodes().find((n) => n.target.id === 'local')!;
    const facts = (await vscode.commands.executeCommand('lar-explorer.checkTarget', node)) as TargetFacts;
    assert.equal(facts.reachable, true, facts.problem);
    assert.equal(facts.version, 'load_and_run 1.9999.0');
    assert.ok(facts.arch && facts.arch.length > 0);
    assert.ok((facts.cores ?? 0) >= 1);
    // The stand-in prints the real help of a CPU-only build: no --cuda there.
    assert.ok(facts.missingFlags?.includes('cuda'), `missing: ${facts.missingFlags?.join(' ')}`);
    assert.ok(!facts.missingFlags?.includes('fast-run'));
    const shown = api.targetsTree.nodes().find((n) => n.target.id === 'local')!;
    assert.match(String(shown.treeItem.description), /load_and_run 1\.9999\.0/);
    assert.match(String(shown.treeItem.description), new RegExp(facts.arch!));
  });

  it('checks the SSH target over the test sshd', async () => {
    const api = await activateExtension();
    const node = api.targetsTree.nodes().find((n) => n.target.id === 'ssh:test-board')!;
    const facts = (await vscode.commands.executeCommand('lar-explorer.checkTarget', node)) as TargetFacts;
    assert.equal(facts.reachable, true, facts.problem);
    assert.equal(facts.version, 'load_and_run 1.9999.0');
    assert.ok((facts.cores ?? 0) >= 1);
  });

  it('runs a benchmark on the SSH target and records the ssh destination as its target', async () => {
    const api = await activateExtension();
    const target = api.targets.get('ssh:test-board')!;
    assert.ok(target, 'the configured target');
    const files = recordFiles().length;
    const record = await api.runs.run({
      modelUri: vscode.Uri.joinPath(workspaceRoot(), 'models/mnist_real.mge'),
      engineId: 'load_and_run',
      target,
      flags: { iter: 5, 'fast-run': true, 'fast-run-algo-policy': 'ssh-test-algo.cache' },
    });
    const cache = path.join(workspaceRoot().fsPath, 'ssh-test-algo.cache');
    try {
      assert.ok(record);
      assert.equal(record.status, 'ok', record.reason);
      assert.equal(record.target, `ssh:${sshd.alias}`);
      // Workspace-relative paths, as for a local run; the algo cache written on the board comes
      // back to the workspace, not to the extension host's working directory.
      assert.equal(record.model.path, 'models/mnist_real.mge');
      assert.ok(existsSync(cache), 'the algo cache came back into the workspace');
    } finally {
      rmSync(cache, { force: true });
    }
    assert.deepEqual(record.flags, {
      iter: 5,
      'fast-run': true,
      'fast-run-algo-policy': 'ssh-test-algo.cache',
    });
    assert.equal(record.result?.phases.inference?.count, 5);
    assert.equal(recordFiles().length, files + 1);
    assert.equal(
      api.targets.forRecordTarget(record.target)?.id,
      'ssh:test-board',
      're-run finds the target again',
    );
  });
});
