/**
 * The Explore panel in the real extension host: a study of mnist_real.mge on two SSH "boards"
 * over the test sshd (the stand-in load_and_run with different speed factors per board: on one,
 * --record-comp-seq is much faster; on the other, much slower), started the way the webview starts
 * it (a `start` message, zod-checked), and the targets × candidates matrix shows them disagree.
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ExploreSetup } from '../../src/shared/exploreProtocol';
import { startSshd, type TestSshd } from '../support/sshd';
import { activateExtension, waitFor, workspaceRoot } from './support';

const repo = () => process.env.LAR_TEST_REPO ?? path.resolve(__dirname, '..', '..', '..');
const standin = () => path.join(repo(), 'test/fixtures/standin-load-and-run/load_and_run');
const config = () => vscode.workspace.getConfiguration('lar-explorer');
const lar = (...p: string[]) => path.join(workspaceRoot().fsPath, '.lar-explorer', ...p);
const files = (dir: string) => (existsSync(dir) ? readdirSync(dir) : []);

describe('Explore panel: a study on two SSH boards that disagree (real extension host + test sshd)', function () {
  this.timeout(240_000);
  let sshd: TestSshd;
  const before0 = { runs: new Set<string>(), studies: new Set<string>() };

  before(async () => {
    files(lar('runs')).forEach((f) => before0.runs.add(f));
    files(lar('studies')).forEach((f) => before0.studies.add(f));
    sshd = await startSshd();
    // Two names for the one test sshd: two targets, as two boards would be.
    const twoBoards = path.join(path.dirname(sshd.configFile), 'ssh_config_two_boards');
    writeFileSync(
      twoBoards,
      readFileSync(sshd.configFile, 'utf8').replace(`Host ${sshd.alias}\n`, `Host board-a board-b\n`),
    );
    const board = (name: string, factor: number) => ({
      name,
      destination: name,
      sshConfigFile: twoBoards,
      loadAndRunPath: standin(),
      env: {
        STANDIN_ITER_MS: '1',
        STANDIN_PROFILE: 'x86',
        STANDIN_NOISE: '0.01',
        STANDIN_FACTORS: JSON.stringify({ 'record-comp-seq': factor }),
      },
    });
    await config().update(
      'targets',
      [board('board-a', 0.5), board('board-b', 2)],
      vscode.ConfigurationTarget.Global,
    );
  });

  after(async () => {
    for (const f of files(lar('runs'))) if (!before0.runs.has(f)) rmSync(lar('runs', f), { force: true });
    for (const f of files(lar('studies')))
      if (!before0.studies.has(f)) rmSync(lar('studies', f), { recursive: true, force: true });
    await config().update('targets', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await sshd?.stop();
  });

  it('races defaults against --record-comp-seq on both boards; the matrix shows ▼ on one, ▲/✕ on the other', async () => {
    const api = await activateExtension();
    await waitFor('both boards', () => api.targets.get('ssh:board-a') && api.targets.get('ssh:board-b'));
    const model = vscode.Uri.joinPath(workspaceRoot(), 'models', 'mnist_real.mge');
    const panel = (await vscode.commands.executeCommand('lar-explorer.explore', model)) as ReturnType<
      typeof api.explore.open
    >;
    assert.ok(panel, 'the command returns the panel');
    await panel.messenger.receive({ type: 'ready' });
    const setup: ExploreSetup = {
      targetIds: ['ssh:board-a', 'ssh:board-b'],
      objective: 'mean',
      costInferences: 1000,
      budgetMinutes: 3,
      maxRounds: 5,
      iterations: 5,
      warmups: 1,
      cooldownSeconds: 0,
      seed: 11,
      checked: ['guide:defaults', 'custom:0'],
      custom: [{ label: 'rcs', text: '--record-comp-seq' }],
      baseline: 'guide:defaults',
      // After the verdict, the baseline and the winner are profiled once more (issue #13 item 5).
      profileEnd: true,
    };
    // A message the protocol does not allow is dropped, not acted on.
    const rejected = panel.messenger.rejected;
    await panel.messenger.receive({ type: 'start', setup: { ...setup, targetIds: [] } });
    assert.equal(panel.messenger.rejected, rejected + 1);
    const shown = () => panel.study;
    assert.equal(shown(), undefined);

    await panel.messenger.receive({ type: 'start', setup });
    const study = shown();
    assert.ok(study, 'the study started');
    const record = await api.studies.whenStopped(study);
    assert.ok(record, study.error);
    assert.match(record.stoppedBecause ?? '', /settled|budget/);
    const view = panel.lastView!;
    assert.equal(view.targets.length, 2);
    const matrix = view.matrix;
    assert.ok(matrix, 'two targets: a matrix');
    const col = matrix.candidates.indexOf('rcs');
    const cell = (target: string) => matrix.rows.find((r) => r.target === target)!.cells[col]!;
    assert.equal(cell('board-a').verdict, 'faster', JSON.stringify(matrix));
    assert.equal(cell('board-a').glyph, '▼');
    // Slower than the best beyond noise: called slower, or dropped from the race for it (✕).
    assert.match(cell('board-b').verdict, /^(slower|dropped)$/, JSON.stringify(matrix));
    assert.match(cell('board-b').glyph, /^[▲✕]$/);
    assert.ok(cell('board-a').ratio! < 1 && cell('board-b').ratio! > 1);
    // Each board's answer is its own.
    const rec = (t: string) => view.targets.find((x) => x.label === t)!.recommendation;
    assert.equal(rec('board-a').kind, 'winner');
    assert.equal(rec('board-a').candidateKey, 'rcs');
    assert.equal(rec('board-b').kind, 'none');
    // Where board-a's gain comes from: the closing profiles' diff; board-b has no winner to explain.
    const closing = (t: string) => view.targets.find((x) => x.label === t)!.closingProfile;
    assert.equal(closing('board-a')?.state, 'ok', JSON.stringify(closing('board-a')));
    assert.equal(
      closing('board-a')!.headline,
      vscode.l10n.t('Where the difference comes from: {0} → {1}', 'defaults', 'rcs'),
    );
    assert.ok(closing('board-a')!.lines.length > 0 && closing('board-a')!.diffLabel);
    assert.equal(closing('board-b')?.state, 'skipped');
    const profiled = record.targets.find((t) => t.name === 'ssh:board-a')!.closingProfile!;
    assert.ok(!record.schedule.some((x) => x.runId === profiled.winner!.runId), 'outside the schedule');
    await panel.messenger.receive({ type: 'openProfileDiff', targetId: 'ssh:board-a' });
    const compared = await waitFor('the two profiled runs in Compare', () => api.compare.current);
    assert.deepEqual(
      compared.model.runs.map((r) => r.id),
      [profiled.baseline.runId, profiled.winner!.runId],
    );

    // The study is listed under its model, finished.
    await api.studyHistory.reload();
    const node = await waitFor('the study under its model', () =>
      api.models
        .modelNodes()
        .find((m) => m.uri.fsPath === model.fsPath)
        ?.studies?.find((s) => s.entry.record.id === record.id),
    );
    assert.equal(node.kind, 'study');
    assert.match(String(node.treeItem.description), /rcs ×0\.\d\d/);
    // Its runs are inside it (issue #15), not beside the model's own runs; the count says how many.
    const studyRuns = api.history.all().filter((e) => e.record.study?.id === record.id);
    const grouped = api.models.getChildren(node);
    assert.ok(studyRuns.length > 4, `${studyRuns.length} runs`);
    assert.deepEqual(
      new Set(grouped.map((n) => (n as { record?: { id: string } }).record?.id)),
      new Set(studyRuns.map((e) => e.record.id)),
    );
    const modelNode = node.parent as { runs: Array<{ record: { study?: { id: string } } }> };
    assert.ok(!modelNode.runs.some((r) => r.record.study?.id === record.id), 'none beside the model');
    assert.equal(api.models.runNode(studyRuns[0]!.record.id)?.parent, node);
    assert.match(String(node.treeItem.description), new RegExp(`${studyRuns.length} runs`));

    // Take the winner: Save as preset (the Benchmark panel offers it), Open in Benchmark panel.
    await panel.messenger.receive({
      type: 'savePreset',
      requestId: 7,
      targetId: 'ssh:board-a',
      candidateKey: 'rcs',
    });
    const saved = api.savedPresets.list('load_and_run').find((p) => p.label.startsWith('rcs'));
    assert.deepEqual(saved?.flags, { 'record-comp-seq': true });
    await panel.messenger.receive({ type: 'openInBenchmark', targetId: 'ssh:board-a', candidateKey: 'rcs' });
    await waitFor('the Benchmark panel of the model', () => api.benchmarks.get(model));

    // Delete (after the modal question): the record goes, its runs stay in the history.
    const runsBefore = files(lar('runs')).length;
    api.explorePrompts.confirmDelete = async () => true;
    await vscode.commands.executeCommand('lar-explorer.deleteStudy', node);
    assert.ok(!existsSync(node.entry.file), 'the study record is deleted');
    assert.equal(files(lar('runs')).length, runsBefore, 'the study runs stay in the history');
  });
});
