import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import {
  contextMenu,
  explorerContextMenu,
  openLarView,
  REPO,
  unhover,
  webviewFrame,
  useWorkbench,
} from './workbench';

const SAMPLE = path.join(REPO, 'samples', 'onnx', 'small_cnn.onnx');

/** Fill the flags from a pasted command line, as a user would, and wait for the preview. */
async function pasteFlags(panel: FrameLocator, line: string, expectInPreview: string): Promise<void> {
  const field = panel.locator('#paste input');
  await field.fill(line);
  await panel.locator('#apply-paste').click();
  await panel.locator('#command-preview', { hasText: expectInPreview }).waitFor({ timeout: 15000 });
}

describe('ONNX Runtime, embedded (real inference): disabled vs all, compared (Chromium + code-server)', () => {
  const wb = useWorkbench('onnx', { files: { 'onnx/small_cnn.onnx': readFileSync(SAMPLE) } });

  it('benchmarks the sample model twice and the compare table shows a significant ratio', async () => {
    const { page } = wb;
    await openLarView(page);
    // The Models view offers the ONNX Runtime entry on an .onnx model, and not load_and_run's.
    const treeRow = page
      .locator('.part.sidebar .monaco-list')
      .first()
      .locator('.monaco-list-row', { hasText: /^small_cnn\.onnx/ })
      .first();
    await treeRow.click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu').first();
    await menu
      .locator('.action-label', { hasText: 'Benchmark with ONNX Runtime…' })
      .waitFor({ timeout: 10000 });
    assert.equal(await menu.locator('.action-label', { hasText: 'Benchmark with load_and_run' }).count(), 0);
    await page.keyboard.press('Escape');

    await explorerContextMenu(page, 'onnx', 'small_cnn.onnx', 'Benchmark with ONNX Runtime…');
    const panel = webviewFrame(page);
    await panel.locator('#model-name', { hasText: 'small_cnn.onnx' }).waitFor({ timeout: 60000 });

    // What an ONNX newcomer reads before running (#14 items 5, 12): no empty Presets section, an
    // Inputs hint that says what ONNX Runtime is fed, an unset level that names its default, and
    // why the iteration count is what it is.
    assert.equal(await panel.locator('section h2', { hasText: /^Presets$/ }).count(), 0);
    assert.match(
      await panel
        .locator('section', { hasText: /^Inputs/ })
        .locator('p.hint')
        .first()
        .innerText(),
      /random data .*free \(symbolic\) dimensions set to 1/,
    );
    const unsetLevel = panel.locator('[data-flag-input="graph-optimization-level"] vscode-option[value=""]');
    assert.match((await unsetLevel.textContent()) ?? '', /\(not set\) · default: all/);
    assert.match(
      await panel.locator('.flag-row[data-flag="iter"] .flag-advice').innerText(),
      /100 timed iterations by default.*46%.*5\.7%/s,
    );
    await wb.screenshot('onnx-panel-before-run');

    // No load_and_run anywhere: the embedded engine runs the model for real. 300 timed runs a side:
    // on a machine shared with other test runs, 100 left the Welch test short of significance
    // (p = 0.059, high variation) although all was ×0.64 of disabled; more evidence, same verdict asked.
    await pasteFlags(
      panel,
      'node ort-runner.js small_cnn.onnx --graph-optimization-level disabled --intra-op-threads 1 --warmup-iter 5 --iter 300',
      '--graph-optimization-level disabled',
    );
    await panel.locator('#run:not([disabled])').click();
    await panel.locator('#result-table td.num').first().waitFor({ timeout: 120000 });
    await panel.locator('#run:not([disabled])').waitFor({ timeout: 30000 });
    await wb.screenshot('onnx-benchmark-disabled');
    // The Log pane reads as sentences, not the runner's JSON lines; the total is the runner's.
    const log = await panel.locator('#run-log').innerText();
    assert.match(log, /run 300: \d+\.\d{3} ms/);
    assert.doesNotMatch(log, /"event"/);
    assert.match(await panel.locator('#result-table').innerText(), /total in the runner/);
    assert.doesNotMatch(await panel.locator('#result-table').innerText(), /test cases/);
    // The phase chart: the min–max bar over the mean bar, each series in one colour (legend = bars).
    const series = JSON.parse(
      (await panel.locator('#phase-chart').getAttribute('data-series')) ?? '[]',
    ) as Array<{
      label: string;
      colour: string;
      order: number;
    }>;
    const mean = series.find((x) => x.label === 'inference (mean)');
    const range = series.find((x) => x.label === 'min–max');
    assert.ok(mean && range && range.order < mean.order, JSON.stringify(series));
    assert.notEqual(mean.colour, range.colour);
    await panel.locator('#phase-chart').scrollIntoViewIfNeeded();
    await wb.screenshot('onnx-phase-chart');

    await pasteFlags(
      panel,
      'node ort-runner.js small_cnn.onnx --graph-optimization-level all --intra-op-threads 1 --warmup-iter 5 --iter 300',
      '--graph-optimization-level all',
    );
    await panel.locator('#run:not([disabled])').click();
    await panel.locator('#run:not([disabled])').waitFor({ timeout: 120000 });

    await openLarView(page);
    const tree = page.locator('.part.sidebar .monaco-list').first();
    const model = tree.locator('.monaco-list-row', { hasText: /^small_cnn\.onnx/ }).first();
    await model.filter({ hasText: /2 runs/ }).waitFor({ timeout: 60000 });
    if (!(await model.getAttribute('aria-expanded'))?.includes('true')) {
      await model.locator('.monaco-tl-twistie.collapsible').click();
    }
    const disabled = tree.locator('.monaco-list-row', { hasText: /level[= ]disabled/ }).first();
    const all = tree.locator('.monaco-list-row', { hasText: /level[= ]all/ }).first();
    await all.waitFor({ timeout: 15000 });
    // Two runs that differ by their level read differently at the default side-bar width: the mean
    // first, then only what differs (#14 item 4).
    assert.match(await disabled.locator('.label-name').innerText(), /^\d+\.\d{3} ms · level=disabled$/);
    assert.match(await all.locator('.label-name').innerText(), /^\d+\.\d{3} ms · level=all$/);
    await unhover(page);
    await wb.screenshot('onnx-models-view-labels');
    await disabled.click();
    await all.click({ modifiers: ['Control'] });
    await contextMenu(page, all, 'Compare Runs');

    const frame = webviewFrame(page);
    const table = frame.locator('table.phase-inference');
    await table.locator('td.ratio').nth(1).waitFor({ timeout: 30000 });
    const rows = await table.locator('tbody tr').allInnerTexts();
    const text = rows.join('\n');
    // The baseline is the older run (disabled). On a quiet machine `all` measures about ×0.64 of it,
    // but this test shares 2 cores with other suites: seen ×1.33 [0.96–1.73] and ×0.82 [0.63–1.02].
    // What ONNX Runtime's speed is on a loaded machine is not ours to assert; what the panel says
    // about it is. So: a ratio and its interval are always shown, and the verdict obeys core's rule
    // whatever was measured — "faster"/"slower" only when the ratio itself lies beyond run-to-run
    // noise (×0.67–×1.50 assumed, no study has measured this machine), else "cannot tell from one
    // run each" (with the offer to decide with a study) or "not significant" — never a
    // bare "faster" inside the noise (issue #11: ×0.23 called from 10 iterations, then no difference).
    assert.match(text, /×\d\.\d\d/, text);
    assert.ok(/95% CI ×(\d+\.\d\d)–×(\d+\.\d\d)/.test(text), text);
    const ratioText = await table.locator('td.ratio').nth(1).innerText();
    const ratio = Number(/×(\d+\.\d+)/.exec(ratioText)?.[1]);
    assert.ok(Number.isFinite(ratio), ratioText);
    const verdict = await table.locator('tbody tr').nth(1).locator('td.verdict .word').innerText();
    if (/cannot tell from one run each/.test(verdict)) {
      assert.ok(ratio > 0.66 && ratio < 1.51, `undecided although the ratio is ×${ratio}: ${text}`);
      await frame.locator('#decide-with-study').waitFor({ timeout: 5000 });
    } else if (/faster/.test(verdict)) {
      assert.ok(ratio <= 0.67, `called faster inside run-to-run noise: ${text}`);
    } else if (/slower/.test(verdict)) {
      assert.ok(ratio >= 1.5, `called slower inside run-to-run noise: ${text}`);
    } else {
      assert.match(verdict, /^not significant$/, text);
    }
    await unhover(page);
    await table.scrollIntoViewIfNeeded();
    await wb.screenshot('onnx-compare-disabled-vs-all');

    // Export Markdown: the save dialog starts in .lar-explorer/exports/, and "Saved" offers Open (#14 item 10).
    await frame.locator('.exports vscode-button', { hasText: 'Export Markdown' }).click();
    const pathInput = page.locator('.quick-input-widget input');
    await pathInput.waitFor({ timeout: 15000 });
    // The simple file dialog fills its path in steps (folder, then the name): wait for the whole of it.
    const suggested = /\/\.lar-explorer\/exports\/lar-compare-\d{8}-\d{6}\.md$/;
    for (let i = 0; i < 50 && !suggested.test(await pathInput.inputValue()); i++)
      await page.waitForTimeout(200);
    assert.match(await pathInput.inputValue(), suggested);
    await page.keyboard.press('Enter');
    const saved = page
      .locator('.notifications-toasts .notification-toast', { hasText: /Saved .*lar-compare-/ })
      .first();
    await saved.waitFor({ timeout: 15000 });
    await wb.screenshot('onnx-compare-saved');
    await saved.locator('.monaco-button', { hasText: 'Open' }).click();
    await page
      .locator('.tabs-container .tab', { hasText: /lar-compare-\d{8}-\d{6}\.md/ })
      .first()
      .waitFor({ timeout: 15000 });
  });
});
