import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { recordToJson } from '../../src/core/records/canonicalJson';
import { recordFileName as recordFileNameOf } from '../../src/core/records/recordNames';
import type { RunRecord } from '../../src/core/records/runRecord';
import type { ModelsNode, RunNode } from '../../src/extension/modelsTree';
import { mnistRuns, recordFromLog, recordPath } from './historyRecords';
import { activateExtension, waitFor, workspaceRoot } from './support';

const repo = () => process.env.LAR_TEST_REPO ?? path.resolve(__dirname, '..', '..', '..');
const abs = (rel: string) => path.join(workspaceRoot().fsPath, rel);
const readRecord = (r: RunRecord) =>
  JSON.parse(readFileSync(abs(recordPath(r)), 'utf8')) as Record<string, unknown>;

function modelNode(api: Awaited<ReturnType<typeof activateExtension>>, rel: string) {
  return api.models.modelNodes().find((n) => path.relative(workspaceRoot().fsPath, n.uri.fsPath) === rel);
}

const labelOf = (n: ModelsNode) => String(n.treeItem.label);
/** A tooltip's markdown as the text a person reads (appendText escapes spaces and punctuation). */
const tooltipText = (n: ModelsNode) =>
  (n.treeItem.tooltip as vscode.MarkdownString).value
    .replace(/&nbsp;/g, ' ')
    .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1');

describe('Run history in the Models view (real extension host)', () => {
  const runs = mnistRuns(repo());
  const failed = recordFromLog(repo(), {
    log: '30_corrupt_model.all',
    flags: { iter: 20 },
    model: 'nested/deep/copy of mnist.mge',
    startedAt: '2025-03-05T10:00:00.000Z',
    status: 'failed',
    reason: 'the model file is not a valid MegEngine model',
  });
  const written: string[] = [];
  const corruptName = '20250101T000000.000Z-deadbeef.json';
  const corruptBytes = '{ "schema": 1, "id": "deadbeef", this is not json';

  before(async () => {
    const api = await activateExtension();
    await api.models.whenLoaded();
    mkdirSync(abs('.lar-explorer/runs'), { recursive: true });
    for (const r of [runs.defaults, runs.fastRun, runs.nchw88, failed]) {
      writeFileSync(abs(recordPath(r)), recordToJson(r));
      written.push(abs(recordPath(r)));
    }
    writeFileSync(abs(path.join('.lar-explorer', 'runs', corruptName)), corruptBytes);
    written.push(abs(path.join('.lar-explorer', 'runs', corruptName)));
  });

  after(async () => {
    for (const f of written) rmSync(f, { force: true });
    const api = await activateExtension();
    await api.history.reload();
  });

  it('picks up new record files through its file watcher and lists runs under their model, newest first', async () => {
    const api = await activateExtension();
    // No explicit reload: the watcher on .lar-explorer/runs/*.json must notice the new files.
    const model = await waitFor('runs under mnist_real.mge', () => {
      const m = modelNode(api, 'models/mnist_real.mge');
      return m && m.runs.length === 3 ? m : undefined;
    });
    assert.equal(model.treeItem.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
    const children = api.models.getChildren(model);
    assert.deepEqual(
      children.map((c) => (c as RunNode).record.id),
      [runs.nchw88.id, runs.fastRun.id, runs.defaults.id],
    );
    // The mean first, then only what tells the runs apart (a side bar cuts a label at ~40 characters).
    assert.deepEqual(children.map(labelOf), [
      '8.287 ms · --enable-nchw88',
      '0.092 ms · --fast-run',
      `${runs.defaults.result!.phases.inference!.meanMs.toFixed(3)} ms · ${vscode.l10n.t('default flags')}`,
    ]);
    assert.equal(model.treeItem.description, vscode.l10n.t('{0} runs', 3));
    for (const c of children) {
      assert.equal(c.kind, 'run');
      assert.equal(c.treeItem.contextValue, 'run');
      const icon = c.treeItem.iconPath as vscode.ThemeIcon;
      assert.equal(icon.id, 'pass');
      assert.equal(icon.color?.id, 'testing.iconPassed');
      assert.equal(api.models.getParent(c), model);
    }
    assert.match(tooltipText(children[0]), /load_and_run models\/mnist_real\.mge --enable-nchw88/);
    // A model without runs stays a leaf.
    assert.equal(
      modelNode(api, 'models/mnist_real_notest.mge')?.treeItem.collapsibleState,
      vscode.TreeItemCollapsibleState.None,
    );
  });

  it('shows a failed run with the failure icon and its reason, under a model whose path has spaces', async () => {
    const api = await activateExtension();
    const model = await waitFor('failed run listed', () => {
      const m = modelNode(api, path.join('nested', 'deep', 'copy of mnist.mge'));
      return m && m.runs.length === 1 ? m : undefined;
    });
    const run = model.runs[0];
    const icon = run.treeItem.iconPath as vscode.ThemeIcon;
    assert.equal(icon.id, 'error');
    assert.equal(icon.color?.id, 'testing.iconFailed');
    assert.match(labelOf(run), new RegExp(`^${vscode.l10n.t('failed')} · iter=20$`));
    assert.equal(model.treeItem.description, vscode.l10n.t('1 run'));
    const tooltip = tooltipText(run);
    assert.match(tooltip, /the model file is not a valid MegEngine model/);
    assert.match(tooltip, /copy of mnist\.mge/);
  });

  it('reports an unreadable record once, as a warning node, and leaves it byte-identical', async () => {
    const api = await activateExtension();
    const problem = await waitFor('problem node', () =>
      api.models.problemNodes().find((p) => p.problem.file === corruptName),
    );
    assert.match(
      labelOf(problem),
      new RegExp(`could not be read: ${corruptName.replace(/\./g, '\\.')} — not valid JSON`),
    );
    assert.equal((problem.treeItem.iconPath as vscode.ThemeIcon).id, 'warning');
    const reported = api.history.reportedProblems;
    assert.ok(reported >= 1);
    await api.history.reload();
    await api.history.reload();
    assert.equal(api.history.reportedProblems, reported, 'the same problem is not reported again');
    assert.equal(readFileSync(abs(path.join('.lar-explorer', 'runs', corruptName)), 'utf8'), corruptBytes);
  });

  it('renames a run through the command (label asked through the prompts seam)', async () => {
    const api = await activateExtension();
    const node = api.models.runNode(runs.fastRun.id)!;
    const loads = api.history.fullLoads;
    const original = api.historyPrompts.askLabel;
    api.historyPrompts.askLabel = async () => 'fast-run try 1';
    try {
      await vscode.commands.executeCommand('lar-explorer.renameRun', node, [node]);
    } finally {
      api.historyPrompts.askLabel = original;
    }
    assert.equal(readRecord(runs.fastRun).label, 'fast-run try 1');
    const renamed = await waitFor('renamed node', () => {
      const n = api.models.runNode(runs.fastRun.id);
      return n && labelOf(n) === 'fast-run try 1' ? n : undefined;
    });
    assert.match(String(renamed.treeItem.description), /0\.092 ms · --fast-run/);
    assert.equal(api.history.fullLoads, loads, 'a rename refreshes the file it wrote, not the whole history');
    // The measurements are history: a rename changes the label only.
    assert.deepEqual(readRecord(runs.fastRun).result, JSON.parse(recordToJson(runs.fastRun)).result);
  });

  it('pins one baseline per model and unpins it', async () => {
    const api = await activateExtension();
    const loads = api.history.fullLoads;
    await vscode.commands.executeCommand('lar-explorer.pinBaseline', api.models.runNode(runs.defaults.id));
    assert.equal(readRecord(runs.defaults).baseline, true);
    await vscode.commands.executeCommand('lar-explorer.pinBaseline', api.models.runNode(runs.nchw88.id));
    assert.equal(readRecord(runs.nchw88).baseline, true);
    assert.equal(readRecord(runs.defaults).baseline, undefined, 'the earlier baseline was unpinned');
    const pinned = api.models.runNode(runs.nchw88.id)!;
    assert.equal(pinned.kind, 'run-baseline');
    assert.equal(pinned.treeItem.contextValue, 'run-baseline');
    assert.equal((pinned.treeItem.iconPath as vscode.ThemeIcon).id, 'pinned');
    assert.match(String(pinned.treeItem.description), new RegExp(`^${vscode.l10n.t('baseline')}`));
    await vscode.commands.executeCommand('lar-explorer.unpinBaseline', pinned);
    assert.equal(readRecord(runs.nchw88).baseline, undefined);
    assert.equal(api.models.runNode(runs.nchw88.id)?.kind, 'run');
    assert.equal(api.history.fullLoads, loads, 'pinning reads the files it wrote, never the whole history');
  });

  it('opens the raw log as an untitled document and the record as its JSON file', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('lar-explorer.openRunLog', api.models.runNode(runs.defaults.id));
    const logDoc = vscode.window.activeTextEditor?.document;
    assert.ok(logDoc);
    assert.equal(logDoc.isUntitled, true);
    assert.match(logDoc.getText(), /load model: 7\.199ms/);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    await vscode.commands.executeCommand('lar-explorer.openRunRecord', api.models.runNode(runs.defaults.id));
    const recDoc = vscode.window.activeTextEditor?.document;
    assert.equal(recDoc?.uri.fsPath, abs(recordPath(runs.defaults)));
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });

  it('re-runs a run with the same flags and target through the run service', async () => {
    const api = await activateExtension();
    const cfg = () => vscode.workspace.getConfiguration('lar-explorer');
    const previous = cfg().inspect<string>('loadAndRun.path')?.globalValue;
    const standin = path.join(repo(), 'test/fixtures/standin-load-and-run/load_and_run');
    await cfg().update('loadAndRun.path', standin, vscode.ConfigurationTarget.Global);
    await waitFor('setting applied', () =>
      cfg().get<string>('loadAndRun.path') === standin ? true : undefined,
    );
    try {
      const known = new Set(api.history.all().map((e) => e.record.id));
      await vscode.commands.executeCommand('lar-explorer.rerunRun', api.models.runNode(runs.fastRun.id));
      await api.history.reload();
      const fresh = api.history.all().filter((e) => !known.has(e.record.id));
      assert.equal(fresh.length, 1, 'one new record');
      const again = fresh[0].record;
      written.push(path.join(fresh[0].store.dir, recordFileNameOf(again)));
      assert.deepEqual(again.flags, { 'fast-run': true });
      assert.equal(again.target, 'local');
      assert.equal(again.model.path, 'models/mnist_real.mge');
      assert.equal(again.argv[0], standin);
      assert.ok(again.argv.includes('--fast-run'));
      // The new run is listed first under its model.
      const first = await waitFor('re-run listed', () => {
        const m = modelNode(api, 'models/mnist_real.mge');
        return m && m.runs.length === 4 ? m.runs[0] : undefined;
      });
      assert.equal(first.record.id, again.id);
    } finally {
      await cfg().update('loadAndRun.path', previous, vscode.ConfigurationTarget.Global);
    }
  });

  it("opens the Benchmark panel with the flags when the run's target is gone", async () => {
    const api = await activateExtension();
    const entry = api.history.find(runs.nchw88.id)!;
    const gone = { ...entry, record: { ...entry.record, target: 'board-that-was-removed' } };
    const opened = api.benchmarks.all().length;
    await vscode.commands.executeCommand('lar-explorer.rerunRun', gone);
    const panel = await waitFor('benchmark panel', () =>
      api.benchmarks.get(vscode.Uri.joinPath(workspaceRoot(), 'models', 'mnist_real.mge')),
    );
    assert.ok(api.benchmarks.all().length >= opened);
    panel.dispose();
  });

  it('deletes only after the confirmation says yes', async () => {
    const api = await activateExtension();
    const node = api.models.runNode(failed.id)!;
    const original = api.historyPrompts.confirm;
    const asked: string[] = [];
    try {
      api.historyPrompts.confirm = async (message) => {
        asked.push(message);
        return false;
      };
      await vscode.commands.executeCommand('lar-explorer.deleteRun', node, [node]);
      assert.equal(existsSync(abs(recordPath(failed))), true, 'kept when the user says no');
      api.historyPrompts.confirm = async (message) => {
        asked.push(message);
        return true;
      };
      await vscode.commands.executeCommand('lar-explorer.deleteRun', node, [node]);
    } finally {
      api.historyPrompts.confirm = original;
    }
    assert.equal(asked.length, 2);
    assert.match(asked[0], /local · --iter=20/);
    assert.equal(existsSync(abs(recordPath(failed))), false);
    const model = modelNode(api, path.join('nested', 'deep', 'copy of mnist.mge'));
    assert.equal(model?.runs.length, 0);
    assert.equal(model?.treeItem.collapsibleState, vscode.TreeItemCollapsibleState.None);
  });

  it('registers the history commands', async () => {
    await activateExtension();
    const all = await vscode.commands.getCommands(true);
    for (const c of [
      'lar-explorer.compareRuns',
      'lar-explorer.renameRun',
      'lar-explorer.deleteRun',
      'lar-explorer.pinBaseline',
      'lar-explorer.unpinBaseline',
      'lar-explorer.openRunLog',
      'lar-explorer.openRunRecord',
      'lar-explorer.rerunRun',
    ])
      assert.ok(all.includes(c), c);
  });

  it('contributes a Getting Started walkthrough whose pages ship with the extension', async () => {
    const ext = vscode.extensions.getExtension('lar-explorer.lar-explorer')!;
    const pkg = ext.packageJSON as {
      contributes: { walkthroughs: Array<{ steps: Array<{ id: string; media: { markdown: string } }> }> };
    };
    const steps = pkg.contributes.walkthroughs[0].steps;
    assert.deepEqual(
      steps.map((s) => s.id),
      ['setup', 'benchmark', 'compare'],
    );
    for (const step of steps) {
      const page = readFileSync(path.join(ext.extensionPath, step.media.markdown), 'utf8');
      assert.match(page, /^# /, `${step.media.markdown} is a markdown page`);
    }
  });
});
