import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { activateExtension, waitFor, workspaceRoot } from './support';

describe('Models view (real extension host)', () => {
  it('activates lazily, not at start-up', async () => {
    const ext = vscode.extensions.getExtension('lar-explorer.lar-explorer');
    assert.ok(ext, 'extension is installed');
    const pkg = ext.packageJSON as { activationEvents?: string[] };
    assert.ok(!(pkg.activationEvents ?? []).includes('*'), 'no "*" activation');
  });

  it("lists the workspace's model files, grouped by folder", async () => {
    const api = await activateExtension();
    await api.models.whenLoaded();
    const names = await waitFor('models listed', () => {
      const n = api.models.listedModels().map((u) => path.relative(workspaceRoot().fsPath, u.fsPath));
      return n.length >= 3 ? n.sort() : undefined;
    });
    assert.deepEqual(names, [
      'models/mnist_real.mge',
      'models/mnist_real_notest.mge',
      'nested/deep/copy of mnist.mge',
    ]);
    const roots = api.models.getChildren();
    assert.deepEqual(
      roots.map((r) => (r.kind === 'folder' ? r.label : '?')),
      ['models', 'nested/deep'],
    );
  });

  it('does not list files that only look like models or sit in excluded folders', async () => {
    const api = await activateExtension();
    const listed = api.models.listedModels().map((u) => u.fsPath);
    assert.ok(!listed.some((p) => p.endsWith('notes.txt')));
    assert.ok(!listed.some((p) => p.includes('node_modules')));
  });

  it('picks up a new model file after a refresh', async () => {
    const api = await activateExtension();
    const extra = vscode.Uri.joinPath(workspaceRoot(), 'models', 'added later.mgb');
    await vscode.workspace.fs.writeFile(extra, new Uint8Array([1, 2, 3]));
    try {
      await vscode.commands.executeCommand('lar-explorer.refreshModels');
      const found = await waitFor(
        'new model listed',
        () => api.models.listedModels().some((u) => u.fsPath === extra.fsPath) || undefined,
      );
      assert.equal(found, true);
    } finally {
      await vscode.workspace.fs.delete(extra);
      await vscode.commands.executeCommand('lar-explorer.refreshModels');
    }
  });

  it('registers the benchmark and refresh commands', async () => {
    await activateExtension();
    const all = await vscode.commands.getCommands(true);
    for (const c of ['lar-explorer.benchmark', 'lar-explorer.refreshModels']) assert.ok(all.includes(c), c);
  });
});
