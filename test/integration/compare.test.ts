import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { recordToJson } from '../../src/core/records/canonicalJson';
import type { ComparePanel } from '../../src/extension/compare/comparePanel';
import { mnistRuns, recordPath } from './historyRecords';
import { activateExtension, waitFor, workspaceRoot } from './support';

const repo = () => process.env.LAR_TEST_REPO ?? path.resolve(__dirname, '..', '..', '..');
const abs = (rel: string) => path.join(workspaceRoot().fsPath, rel);

/** The smallest valid PNG (1×1, transparent): what a canvas export looks like, only smaller. */
const TINY_PNG =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

describe('Compare panel (real extension host)', () => {
  const runs = mnistRuns(repo());
  const written: string[] = [];
  const outDir = path.join(os.tmpdir(), `lar-compare-export-${process.pid}`);
  let panel: ComparePanel;

  before(async () => {
    const api = await activateExtension();
    mkdirSync(abs('.lar-explorer/runs'), { recursive: true });
    mkdirSync(outDir, { recursive: true });
    for (const r of [runs.defaults, runs.fastRun, runs.nchw88]) {
      writeFileSync(abs(recordPath(r)), recordToJson(r));
      written.push(abs(recordPath(r)));
    }
    await api.models.refresh();
    await waitFor('runs listed', () => (api.models.runNode(runs.nchw88.id) ? true : undefined));
  });

  after(async () => {
    const api = await activateExtension();
    api.compare.dispose();
    for (const f of written) rmSync(f, { force: true });
    rmSync(outDir, { recursive: true, force: true });
    await api.history.reload();
  });

  it('opens from "Compare Runs" on two selected runs, with ratio, interval and significance', async () => {
    const api = await activateExtension();
    const a = api.models.runNode(runs.defaults.id)!;
    const b = api.models.runNode(runs.fastRun.id)!;
    // What the tree passes: the clicked node, then the whole selection (clicked last here).
    await vscode.commands.executeCommand('lar-explorer.compareRuns', b, [b, a]);
    panel = api.compare.current!;
    assert.ok(panel, 'a compare panel is open');
    assert.equal(panel.panel.title, vscode.l10n.t('Compare {0} runs', 2));
    const model = panel.model;
    // Oldest first, and with nothing pinned the oldest is the baseline.
    assert.deepEqual(
      model.runs.map((r) => r.id),
      [runs.defaults.id, runs.fastRun.id],
    );
    assert.equal(model.baselineId, runs.defaults.id);
    const inference = model.phases.find((p) => p.phase === 'inference')!;
    const cell = inference.cells[1];
    assert.equal(cell.ratio, '×0.94');
    assert.match(cell.interval, /×0\.75–×1\.18/);
    assert.equal(cell.verdict, 'no-difference', 'the real fast-run gain on mnist is within the noise');
    assert.equal(cell.verdictText, vscode.l10n.t('not significant'));
    assert.match(cell.detail, /p = 0\.565/);
    assert.equal(inference.cells[0].verdict, 'baseline');
    // Single values get a ratio but no test.
    const load = model.phases.find((p) => p.phase === 'load')!;
    assert.equal(load.cells[1].verdict, 'untested');
    assert.equal(load.cells[1].ratio, `×${(9.792 / 7.199).toFixed(2)}`);
    assert.deepEqual(model.flagDifferences, [{ flag: '--fast-run', values: ['–', '✓'] }]);
    assert.equal(model.chart.series.length, 2);
    // The phase that decides comes first, in the tables and the chart (issue #11).
    assert.equal(model.phases[0].phase, 'inference');
    assert.equal(model.chart.phases[0], vscode.l10n.t('Inference (mean)'));
    assert.equal(model.chart.series[1].sd[0], runs.fastRun.result!.phases.inference!.sdMs);
  });

  it('calls a significant regression "slower" and recomputes when the webview picks another baseline', async () => {
    const api = await activateExtension();
    const nodes = [runs.defaults, runs.fastRun, runs.nchw88].map((r) => api.models.runNode(r.id)!);
    await vscode.commands.executeCommand('lar-explorer.compareRuns', nodes[0], nodes);
    panel = api.compare.current!;
    const inference = () => panel.model.phases.find((p) => p.phase === 'inference')!;
    assert.equal(inference().cells[2].verdict, 'slower');
    assert.equal(inference().cells[2].verdictText, vscode.l10n.t('slower'));
    assert.equal(inference().cells[2].ratio, '×84.99');

    const rejectedBefore = panel.messenger.rejected;
    await panel.messenger.receive({ type: 'setBaseline', runId: runs.nchw88.id });
    assert.equal(panel.messenger.rejected, rejectedBefore);
    assert.equal(panel.model.baselineId, runs.nchw88.id);
    assert.equal(inference().cells[0].verdict, 'faster');
    assert.equal(inference().cells[2].verdict, 'baseline');
  });

  it('rejects and counts invalid messages from the webview, and acts on none of them', async () => {
    const api = await activateExtension();
    let asked = 0;
    api.compare.pickSaveLocation = async () => {
      asked++;
      return vscode.Uri.file(path.join(outDir, 'never.bin'));
    };
    const before = panel.messenger.rejected;
    const bad: unknown[] = [
      { type: 'export', format: 'exe' },
      {
        type: 'export',
        format: 'png',
        dataUrl: 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      },
      { type: 'export', format: 'png', dataUrl: `${TINY_PNG}"><script>` },
      { type: 'export', format: 'png', dataUrl: `data:image/png;base64,${'A'.repeat(9 * 1024 * 1024)}` },
      { type: 'setBaseline' },
      { type: 'run', command: 'rm -rf /' },
      'ready',
      null,
    ];
    for (const m of bad) await panel.messenger.receive(m);
    assert.equal(panel.messenger.rejected - before, bad.length);
    assert.equal(asked, 0, 'no save dialog for a rejected message');
    assert.equal(panel.exported.length, 0);
  });

  it('exports Markdown, CSV and the chart PNG where the save dialog points', async () => {
    const api = await activateExtension();
    const offered: string[] = [];
    api.compare.pickSaveLocation = async (suggested, format) => {
      offered.push(suggested?.fsPath ?? '');
      return vscode.Uri.file(path.join(outDir, `out.${format}`));
    };
    await panel.messenger.receive({ type: 'setBaseline', runId: runs.defaults.id });
    await panel.messenger.receive({ type: 'export', format: 'md' });
    await panel.messenger.receive({ type: 'export', format: 'csv' });
    await panel.messenger.receive({ type: 'export', format: 'png', dataUrl: TINY_PNG });
    assert.deepEqual(
      panel.exported.map((u) => path.basename(u.fsPath)),
      ['out.md', 'out.csv', 'out.png'],
    );
    // The dialog starts beside the run records, not in the workspace root.
    const exportsDir = path.join(
      vscode.workspace.workspaceFolders![0]!.uri.fsPath,
      '.lar-explorer',
      'exports',
    );
    assert.equal(offered.length, 3);
    for (const [i, ext] of ['md', 'csv', 'png'].entries()) {
      assert.equal(path.dirname(offered[i]!), exportsDir);
      assert.match(path.basename(offered[i]!), new RegExp(`^lar-compare-\\d{8}-\\d{6}\\.${ext}$`));
    }
    const md = readFileSync(path.join(outDir, 'out.md'), 'utf8');
    assert.match(md, /\| ×0\.94 \|/);
    assert.match(md, /×84\.99/);
    assert.match(md, new RegExp(vscode.l10n.t('slower')));
    assert.match(md, /`--enable-nchw88`/);
    const csv = readFileSync(path.join(outDir, 'out.csv'), 'utf8').split('\n');
    assert.match(csv[0], /^id,label,time,model,target,engine,flags,command,status,loadMs/);
    assert.equal(csv.filter((l) => l.includes('models/mnist_real.mge')).length, 3);
    const png = readFileSync(path.join(outDir, 'out.png'));
    assert.deepEqual([...png.subarray(0, 4)], [0x89, 0x50, 0x4e, 0x47]);

    // Base64 that passes the pattern but is not a PNG: refused when decoded, nothing written.
    await panel.messenger.receive({
      type: 'export',
      format: 'png',
      dataUrl: 'data:image/png;base64,aGVsbG8gd29ybGQ=',
    });
    assert.equal(panel.exported.length, 3);
  });
});
