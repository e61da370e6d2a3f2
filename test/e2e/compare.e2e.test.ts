import * as assert from 'node:assert/strict';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { recordToJson } from '../../src/core/records/canonicalJson';
import { mnistRuns, recordPath } from '../integration/historyRecords';
import {
  contextMenu,
  explorerContextMenu,
  openLarView,
  REPO,
  unhover,
  webviewFrame,
  useWorkbench,
} from './workbench';

/** The Models tree in the side bar. */
const modelsTree = (page: Page) => page.locator('.part.sidebar .monaco-list').first();

for (const theme of ['dark', 'light'] as const) {
  describe(`Run history → Compare panel (${theme} theme, Chromium + code-server, packaged .vsix)`, () => {
    const runs = mnistRuns(REPO);
    const wb = useWorkbench(`compare-${theme}`, {
      theme,
      files: {
        [recordPath(runs.defaults)]: recordToJson(runs.defaults),
        [recordPath(runs.fastRun)]: recordToJson(runs.fastRun),
        [recordPath(runs.nchw88)]: recordToJson(runs.nchw88),
      },
    });

    it('lists the runs under their model, newest first, with target, flags and mean time', async () => {
      const { page } = wb;
      await openLarView(page);
      const tree = modelsTree(page);
      const model = tree.locator('.monaco-list-row', { hasText: /^mnist_real\.mge/ }).first();
      await model.waitFor({ timeout: 30000 });
      const twistie = model.locator('.monaco-tl-twistie.collapsible');
      await twistie.waitFor({ timeout: 30000 });
      // The twistie, not the row: hovering the row shows the inline "Benchmark" action over the label.
      await twistie.click();
      const runRows = tree.locator('.monaco-list-row', { hasText: /^\d+\.\d{3} ms · / });
      await runRows.nth(2).waitFor({ timeout: 15000 });
      const texts = await runRows.allInnerTexts();
      assert.equal(texts.length, 3);
      assert.match(texts[0], /^8\.287 ms · --enable-nchw88/);
      assert.match(texts[1], /^0\.092 ms · --fast-run/);
      assert.match(texts[2], /^0\.09[78] ms · default flags/);
      await unhover(page);
      await wb.screenshot(`history-tree-${theme}`);
    });

    it('compares two selected runs from the context menu and shows the ratio', async () => {
      const { page } = wb;
      const tree = modelsTree(page);
      const fast = tree.locator('.monaco-list-row', { hasText: 'ms · --fast-run' }).first();
      const defaults = tree.locator('.monaco-list-row', { hasText: 'ms · default flags' }).first();
      await defaults.click();
      await fast.click({ modifiers: ['Control'] });
      assert.equal(await tree.locator('.monaco-list-row.selected').count(), 2, 'both runs are selected');
      await contextMenu(page, fast, 'Compare Runs', () => wb.screenshot(`history-context-menu-${theme}`));

      const frame = webviewFrame(page);
      const ratio = frame.locator('table.phase-inference td.ratio').nth(1);
      await ratio.waitFor({ timeout: 30000 });
      assert.equal((await ratio.innerText()).trim(), '×0.94');
      const verdict = await frame
        .locator('table.phase-inference tr')
        .nth(2)
        .locator('td.verdict')
        .innerText();
      assert.match(verdict, /not significant/);
      assert.match(
        await frame.locator('table.phase-inference td.interval').nth(1).innerText(),
        /95% CI ×0\.75–×1\.18/,
      );
      assert.match(await frame.locator('table.flag-diff').innerText(), /--fast-run/);
      await frame.locator('canvas').waitFor();
      await unhover(page); // also lets chart.js finish its first layout before the screenshot
      await wb.screenshot(`compare-two-runs-${theme}`);
      await ratio.scrollIntoViewIfNeeded();
      await wb.screenshot(`compare-two-runs-table-${theme}`);
    });

    it('makes a significant regression as visible as a win', async () => {
      const { page } = wb;
      const tree = modelsTree(page);
      const rows = ['ms · default flags', 'ms · --fast-run', 'ms · --enable-nchw88'].map((t) =>
        tree.locator('.monaco-list-row', { hasText: t }).first(),
      );
      await rows[0].click();
      await rows[1].click({ modifiers: ['Control'] });
      await rows[2].click({ modifiers: ['Control'] });
      await contextMenu(page, rows[2], 'Compare Runs');
      const frame = webviewFrame(page);
      await frame.locator('h1', { hasText: 'Compare runs' }).waitFor({ timeout: 30000 });
      const slowRow = frame.locator('table.phase-inference tr.verdict-slower').first();
      await slowRow.waitFor({ timeout: 30000 });
      assert.match(await slowRow.innerText(), /×84\.99[\s\S]*▲[\s\S]*slower/);
      await unhover(page);
      await wb.screenshot(`compare-regression-${theme}`);
      await slowRow.scrollIntoViewIfNeeded();
      await wb.screenshot(`compare-regression-table-${theme}`);
      await frame.locator('table.flag-diff').scrollIntoViewIfNeeded();
      await wb.screenshot(`compare-regression-flags-${theme}`);
    });
  });
}

describe('Benchmark twice → select both runs → Compare (the whole flow, standin load_and_run)', () => {
  const standin = path.join(REPO, 'test/fixtures/standin-load-and-run/load_and_run');
  const wb = useWorkbench('compare-full-flow', {
    theme: 'dark',
    settings: { 'lar-explorer.loadAndRun.path': standin },
  });

  it('runs with --fast-run, runs again without it, and compares the two runs', async () => {
    const { page } = wb;
    // Let the extension come up (its view lists the models) before using its menus.
    await openLarView(page);
    await modelsTree(page)
      .locator('.monaco-list-row', { hasText: /^mnist_real\.mge/ })
      .first()
      .waitFor({ timeout: 30000 });
    // Explorer → right-click the model → Benchmark.
    await explorerContextMenu(page, 'models', 'mnist_real.mge', 'Benchmark with load_and_run…');
    const panel = webviewFrame(page);
    await panel.locator('#model-name').waitFor({ timeout: 60000 });

    // Run 1: --fast-run ticked.
    const box = panel.locator('vscode-checkbox[data-flag-input="fast-run"]');
    await box.click();
    await panel.locator('#command-preview', { hasText: '--fast-run' }).waitFor({ timeout: 15000 });
    await panel.locator('#run:not([disabled])').click();
    await panel.locator('#result-table td.num').first().waitFor({ timeout: 60000 });

    // Run 2: the same without it.
    await panel.locator('#run:not([disabled])').waitFor({ timeout: 30000 });
    await box.click();
    await waitUntil(
      async () => !(await panel.locator('#command-preview').innerText()).includes('--fast-run'),
    );
    await panel.locator('#run:not([disabled])').click();

    // Both runs appear under the model in the Models view.
    await openLarView(page);
    const tree = modelsTree(page);
    const model = tree.locator('.monaco-list-row', { hasText: /^mnist_real\.mge/ }).first();
    await model.filter({ hasText: /2 runs/ }).waitFor({ timeout: 60000 });
    const twistie = model.locator('.monaco-tl-twistie.collapsible');
    if (!(await model.getAttribute('aria-expanded'))?.includes('true')) await twistie.click();
    const fast = tree.locator('.monaco-list-row', { hasText: 'ms · --fast-run' }).first();
    const plain = tree.locator('.monaco-list-row', { hasText: /^\d+\.\d{3} ms · (?!--fast-run)/ }).first();
    await fast.waitFor({ timeout: 15000 });
    await plain.click();
    await fast.click({ modifiers: ['Control'] });
    await contextMenu(page, fast, 'Compare Runs');

    const frame = webviewFrame(page);
    const ratio = frame.locator('table.phase-inference td.ratio').nth(1);
    await ratio.waitFor({ timeout: 30000 });
    assert.match((await ratio.innerText()).trim(), /^×\d+\.\d\d$/);
    assert.match(await frame.locator('table.flag-diff').innerText(), /--fast-run/);
    await unhover(page);
    await wb.screenshot('compare-full-flow-dark');
  });
});

async function waitUntil(probe: () => Promise<boolean>, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 200));
  }
}
