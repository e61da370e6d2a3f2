/**
 * A model with more runs than a page (issue #15), in the real extension host: the Models view shows
 * the newest 50 and a "Show 50 more (N older)" item whose command reveals the next page; a pinned
 * baseline older than the page stays in sight; a refresh keeps the pages a person opened.
 */
import * as assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { recordToJson } from '../../src/core/records/canonicalJson';
import type { RunRecord } from '../../src/core/records/runRecord';
import type { ModelsNode, RunNode } from '../../src/extension/modelsTree';
import { recordFromLog, recordPath } from './historyRecords';
import { activateExtension, waitFor, workspaceRoot } from './support';

const repo = () => process.env.LAR_TEST_REPO ?? path.resolve(__dirname, '..', '..', '..');
const abs = (rel: string) => path.join(workspaceRoot().fsPath, rel);
const MODEL = 'paging/many runs.mge';
const COUNT = 120;
const BASELINE_AT = 80; // newest first: the 81st run, past the first page

describe('Models view pages a model with many runs (real extension host)', () => {
  const written: string[] = [];
  // Newest first, one minute apart; the run at BASELINE_AT is the pinned baseline.
  const runs: RunRecord[] = [];

  before(async () => {
    const api = await activateExtension();
    await api.models.whenLoaded();
    mkdirSync(abs('paging'), { recursive: true });
    copyFileSync(abs('models/mnist_real.mge'), abs(MODEL));
    written.push(abs(MODEL));
    const template = recordFromLog(repo(), {
      log: '09_fast_run.all',
      flags: { 'fast-run': true },
      model: MODEL,
      startedAt: '2025-06-01T00:00:00.000Z',
    });
    mkdirSync(abs('.lar-explorer/runs'), { recursive: true });
    for (let i = 0; i < COUNT; i++) {
      const record: RunRecord = {
        ...template,
        id: `0000${String(i).padStart(4, '0')}-aaaa-4bbb-8ccc-${'d'.repeat(12)}`,
        startedAt: new Date(Date.parse('2025-06-01T12:00:00.000Z') - i * 60_000).toISOString(),
        flags: { 'fast-run': true, iter: 10 + i },
        ...(i === BASELINE_AT ? { baseline: true } : {}),
      };
      runs.push(record);
      writeFileSync(abs(recordPath(record)), recordToJson(record));
      written.push(abs(recordPath(record)));
    }
    await vscode.commands.executeCommand('lar-explorer.refreshModels');
  });

  after(async () => {
    for (const f of written) rmSync(f, { force: true });
    rmSync(abs('paging'), { recursive: true, force: true });
    const api = await activateExtension();
    await vscode.commands.executeCommand('lar-explorer.refreshModels');
    await api.history.reload();
  });

  const manyRunsModel = async () => {
    const api = await activateExtension();
    return waitFor('the model with 120 runs', () =>
      api.models
        .modelNodes()
        .find(
          (n) =>
            path.relative(workspaceRoot().fsPath, n.uri.fsPath) === path.normalize(MODEL) &&
            n.runs.length === COUNT,
        ),
    );
  };
  const ids = (nodes: ModelsNode[]) =>
    nodes.filter((n): n is RunNode => n.kind === 'run' || n.kind === 'run-baseline').map((n) => n.record.id);
  const moreItem = (nodes: ModelsNode[]) => nodes.filter((n) => n.kind === 'more-runs');

  it('shows the newest 50, the older pinned baseline, then "Show 50 more (69 older)"', async () => {
    const api = await activateExtension();
    const model = await manyRunsModel();
    assert.equal(model.treeItem.description, vscode.l10n.t('{0} runs', COUNT));
    const children = api.models.getChildren(model);
    assert.deepEqual(
      ids(children),
      [...runs.slice(0, 50), runs[BASELINE_AT]!].map((r) => r.id),
    );
    assert.equal(children[50]!.kind, 'run-baseline');
    const more = moreItem(children);
    assert.equal(more.length, 1);
    assert.equal(children.at(-1), more[0]);
    assert.equal(String(more[0]!.treeItem.label), vscode.l10n.t('Show {0} more ({1} older)', 50, COUNT - 51));
    assert.equal(more[0]!.treeItem.command?.command, 'lar-explorer.showMoreRuns');
    assert.equal(api.models.getParent(more[0]!), model);
  });

  it("reveals the next page through the item's command; a refresh keeps it; the last page has no item", async () => {
    const api = await activateExtension();
    let model = await manyRunsModel();
    const more = moreItem(api.models.getChildren(model))[0]!;
    await vscode.commands.executeCommand(
      more.treeItem.command!.command,
      ...(more.treeItem.command!.arguments ?? []),
    );
    let children = api.models.getChildren(model);
    // The baseline now sits in its own place, once.
    assert.deepEqual(
      ids(children),
      runs.slice(0, 100).map((r) => r.id),
    );
    assert.equal(
      String(moreItem(children)[0]?.treeItem.label),
      vscode.l10n.t('Show {0} more ({1} older)', 20, 20),
    );

    await vscode.commands.executeCommand('lar-explorer.refreshModels');
    model = await manyRunsModel();
    children = api.models.getChildren(model);
    assert.equal(ids(children).length, 100, 'a refreshed tree keeps the page opened');

    const last = moreItem(children)[0]!;
    await vscode.commands.executeCommand(
      last.treeItem.command!.command,
      ...(last.treeItem.command!.arguments ?? []),
    );
    children = api.models.getChildren(model);
    assert.deepEqual(
      ids(children),
      runs.map((r) => r.id),
    );
    assert.equal(moreItem(children).length, 0);
  });
});
