import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator } from 'playwright-core';
import { contextMenu, openLarView, REPO, unhover, webviewFrame, useWorkbench } from './workbench';

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

    await page.keyboard.press('Control+Shift+E');
    const explorer = page.locator('.explorer-folders-view');
    await explorer
      .locator('.monaco-list-row', { hasText: /^onnx$/ })
      .first()
      .click();
    const file = explorer.locator('.monaco-list-row', { hasText: /^small_cnn\.onnx$/ }).first();
    await contextMenu(page, file, 'Benchmark with ONNX Runtime…');
    const panel = webviewFrame(page);
    await panel.locator('#model-name', { hasText: 'small_cnn.onnx' }).waitFor({ timeout: 60000 });

    // No load_and_run anywhere: the embedded engine runs the model for real.
    await pasteFlags(
      panel,
      'node ort-runner.js small_cnn.onnx --graph-optimization-level disabled --intra-op-threads 1 --warmup-iter 5 --iter 100',
      '--graph-optimization-level disabled',
    );
    await panel.locator('#run:not([disabled])').click();
    await panel.locator('#result-table td.num').first().waitFor({ timeout: 120000 });
    await panel.locator('#run:not([disabled])').waitFor({ timeout: 30000 });
    await wb.screenshot('onnx-benchmark-disabled');

    await pasteFlags(
      panel,
      'node ort-runner.js small_cnn.onnx --graph-optimization-level all --intra-op-threads 1 --warmup-iter 5 --iter 100',
      '--graph-optimization-level all',
    );
    await panel.locator('#run:not([disabled])').click();
    await panel.locator('#run:not([disabled])').waitFor({ timeout: 120000 });

    await openLarView(page);
    const tree = page.locator('.part.sidebar .monaco-list').first();
    const model = tree.locator('.monaco-list-row', { hasText: /^small_cnn\.onnx/ }).first();
    await model.filter({ hasText: /2 run\(s\)/ }).waitFor({ timeout: 60000 });
    if (!(await model.getAttribute('aria-expanded'))?.includes('true')) {
      await model.locator('.monaco-tl-twistie.collapsible').click();
    }
    const disabled = tree.locator('.monaco-list-row', { hasText: /level[= ]disabled/ }).first();
    const all = tree.locator('.monaco-list-row', { hasText: /level[= ]all/ }).first();
    await all.waitFor({ timeout: 15000 });
    await disabled.click();
    await all.click({ modifiers: ['Control'] });
    await contextMenu(page, all, 'Compare Runs');

    const frame = webviewFrame(page);
    const table = frame.locator('table.phase-inference');
    await table.locator('td.ratio').nth(1).waitFor({ timeout: 30000 });
    const rows = await table.locator('tbody tr').allInnerTexts();
    const text = rows.join('\n');
    // The baseline is the older run (disabled); `all` is faster by its iterations. Whether one run
    // each may call it depends on run-to-run noise: core calls it only when the ratio itself lies
    // beyond ×0.67 (no study has measured this machine), else "cannot tell from one run each" —
    // never a bare "faster" inside the noise (issue #11: ×0.23 called from 10 iterations, then no
    // difference). The iteration interval is not required to clear the band: under load it widens.
    assert.match(text, /×0\.\d\d/, text);
    assert.match(text, /faster/, text);
    assert.doesNotMatch(text, /not significant/, text);
    assert.ok(/95% CI ×(\d\.\d\d)–×(\d\.\d\d)/.test(text), text);
    const ratioText = await table.locator('td.ratio').nth(1).innerText();
    const ratio = Number(/×(\d+\.\d+)/.exec(ratioText)?.[1]);
    assert.ok(Number.isFinite(ratio), ratioText);
    if (/cannot tell from one run each/.test(text)) {
      assert.ok(ratio >= 0.66, `undecided although the ratio is ×${ratio}: ${text}`);
      await frame.locator('#decide-with-study').waitFor({ timeout: 5000 });
    } else {
      assert.ok(ratio <= 0.67, `called faster inside run-to-run noise: ${text}`);
    }
    await unhover(page);
    await table.scrollIntoViewIfNeeded();
    await wb.screenshot('onnx-compare-disabled-vs-all');
  });
});
