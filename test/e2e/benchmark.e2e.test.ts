import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Dialog, FrameLocator, Page } from 'playwright-core';
import { REPO, webviewFrame, useWorkbench } from './workbench';

const STANDIN = path.join(REPO, 'test/fixtures/standin-load-and-run/load_and_run');
const MNIST = readFileSync(path.join(REPO, 'samples/models/mnist_real.mge'));
const XSS_NAME = '<img src=x onerror=alert(1)>.mge';
const MENU_ENTRY = /Benchmark with load_and_run…|使用 load_and_run 测速…/;

/**
 * Right-click a model under `models/` in the Explorer and choose the Benchmark entry. The menu is
 * built when it opens: right after start-up the extension's entries may not be there yet, and a
 * click that lands while the menu settles can be lost, so both are retried.
 */
async function benchmarkFromExplorer(page: Page, fileName: string): Promise<void> {
  await page.keyboard.press('Control+Shift+E');
  const explorer = page.locator('.explorer-folders-view');
  const file = explorer.locator('.monaco-list-row', { hasText: fileName }).first();
  if (!(await file.isVisible().catch(() => false))) {
    await explorer
      .locator('.monaco-list-row', { hasText: /^models$/ })
      .first()
      .click();
  }
  await file.waitFor({ timeout: 30000 });
  const menu = page.locator('.context-view .monaco-menu, .monaco-menu-container').first();
  for (let attempt = 1; ; attempt++) {
    await file.click({ button: 'right' });
    await menu.waitFor();
    const entry = menu.locator('.action-label', { hasText: MENU_ENTRY }).first();
    const found = await entry
      .waitFor({ timeout: 5000 })
      .then(() => true)
      .catch(() => false);
    if (found) {
      await page.waitForTimeout(200);
      await entry.click();
      const closed = await menu
        .waitFor({ state: 'hidden', timeout: 3000 })
        .then(() => true)
        .catch(() => false);
      if (closed) return;
    }
    await page.keyboard.press('Escape');
    if (attempt >= 4) throw new Error(`no working "Benchmark with load_and_run…" entry for ${fileName}`);
    await page.waitForTimeout(2000);
  }
}

/** The Benchmark panel's page once the host has sent `init` (the model name is shown). */
async function panelFor(page: Page, modelName: string): Promise<FrameLocator> {
  const frame = webviewFrame(page);
  const heading = frame.locator('#model-name');
  await heading.waitFor({ timeout: 60000 });
  assert.equal(await heading.textContent(), modelName);
  return frame;
}

async function tickAndRun(frame: FrameLocator, flag: string): Promise<void> {
  const box = frame.locator(`vscode-checkbox[data-flag-input="${flag}"]`);
  await box.click();
  await frame.locator('#command-preview', { hasText: `--${flag}` }).waitFor({ timeout: 15000 });
  const run = frame.locator('#run');
  await frame.locator('#run:not([disabled])').waitFor({ timeout: 15000 });
  await run.click();
}

async function waitForResults(frame: FrameLocator): Promise<{ table: string; points: number }> {
  const table = frame.locator('#result-table');
  await table.locator('td.num').first().waitFor({ timeout: 60000 });
  const text = await table.innerText();
  const points = Number(await frame.locator('#phase-chart').getAttribute('data-points'));
  return { table: text, points };
}

for (const theme of ['dark', 'light'] as const) {
  describe(`Benchmark panel (${theme} theme, Chromium + code-server, packaged .vsix)`, () => {
    const wb = useWorkbench(`benchmark-${theme}`, {
      theme,
      settings: { 'lar-explorer.loadAndRun.path': STANDIN },
      files: theme === 'dark' ? { [`models/${XSS_NAME}`]: MNIST } : {},
    });
    const dialogs: Dialog[] = [];

    before(() => {
      wb.page.on('dialog', (d) => {
        dialogs.push(d);
        void d.dismiss();
      });
    });

    it('Explorer → Benchmark → tick --fast-run → Run → the phase chart and the numbers appear', async () => {
      const { page } = wb;
      await benchmarkFromExplorer(page, 'mnist_real.mge');
      await page.locator('.tabs-container .tab', { hasText: 'Benchmark: mnist_real.mge' }).first().waitFor();
      const frame = await panelFor(page, 'mnist_real.mge');
      // The flags come from the catalogue, grouped, with English descriptions.
      await frame.locator('vscode-collapsible[data-group="fast-run"]').waitFor();
      await wb.screenshot(`benchmark-panel-${theme}`);
      await tickAndRun(frame, 'fast-run');
      const { table, points } = await waitForResults(frame);
      assert.match(table, /\d+\.\d+/, 'numbers in the result table');
      assert.match(table, /mean/);
      assert.ok(points >= 3, `phase chart points: ${points}`);
      assert.ok(Number(await frame.locator('#iteration-chart').getAttribute('data-points')) >= 1);
      const status = await frame.locator('.result-summary .status').innerText();
      assert.match(status, /ok/);
      assert.match(await frame.locator('#run-log').innerText(), /--fast-run/);
      await frame.locator('#open-record').waitFor();
      await frame.locator('.results').scrollIntoViewIfNeeded();
      await wb.screenshot(`benchmark-result-${theme}`);
    });

    if (theme === 'dark') {
      it('shows a model named like HTML as literal text and executes nothing', async () => {
        const { page } = wb;
        // Close the first panel so that the new one is the only webview on the page.
        await page
          .locator('.tabs-container .tab', { hasText: 'Benchmark: mnist_real.mge' })
          .first()
          .click({ button: 'middle' });
        await page
          .locator('.tabs-container .tab', { hasText: 'Benchmark: mnist_real.mge' })
          .waitFor({ state: 'detached' });
        await benchmarkFromExplorer(page, XSS_NAME);
        const tab = page.locator('.tabs-container .tab', { hasText: `Benchmark: ${XSS_NAME}` }).first();
        await tab.waitFor({ timeout: 30000 });
        const frame = await panelFor(page, XSS_NAME);
        assert.equal(await frame.locator('img').count(), 0, 'no <img> element was created');
        assert.match(
          await frame.locator('#command-preview').innerText(),
          /<img src=x onerror=alert\(1\)>\.mge/,
        );
        await page.waitForTimeout(1000);
        assert.equal(dialogs.length, 0, `dialogs: ${dialogs.map((d) => d.message()).join(', ')}`);
        await wb.screenshot('benchmark-xss-name');
      });
    }
  });
}

/** An algo cache whose provenance says it was made for another model (reliability #12). */
const STALE_CACHE = {
  'stale-algo.cache': 'an algo cache',
  'stale-algo.cache.provenance.json': JSON.stringify({
    schema: 1,
    flag: '--fast-run-algo-policy',
    createdAt: '2026-01-01T00:00:00.000Z',
    runId: 'run0ther0000',
    target: 'local',
    binary: { path: STANDIN },
    model: { path: 'models/other.mge', sha256: 'f'.repeat(64) },
    flags: { 'fast-run': true },
  }),
};

describe('Benchmark panel in Chinese (zh-cn display language)', () => {
  const wb = useWorkbench('benchmark-zh', {
    locale: 'zh-cn',
    settings: { 'lar-explorer.loadAndRun.path': STANDIN },
    files: STALE_CACHE,
  });

  it('shows Chinese labels and flag descriptions', async () => {
    const { page } = wb;
    await benchmarkFromExplorer(page, 'mnist_real.mge');
    const frame = await panelFor(page, 'mnist_real.mge');
    assert.equal((await frame.locator('#run').innerText()).trim(), '运行');
    const headings = (await frame.locator('section > h2').allInnerTexts()).join(' | ');
    assert.match(headings, /预设/);
    assert.match(headings, /参数/);
    // Catalogue descriptions follow the display language.
    await frame.locator('.flag-description', { hasText: '使用 CPU 作为运行设备。' }).first().waitFor();
    await wb.screenshot('benchmark-panel-zh');
  });

  it('shows a reused algo cache made for another model inside the panel, in Chinese', async () => {
    const { page } = wb;
    const frame = await panelFor(page, 'mnist_real.mge');
    await frame.locator('#paste input').fill('--iter 2 --fast-run-algo-policy stale-algo.cache');
    await frame.locator('#apply-paste').click();
    await frame.locator('#command-preview', { hasText: 'stale-algo.cache' }).waitFor({ timeout: 15000 });
    await frame.locator('#run:not([disabled])').click();
    const box = frame.locator('#stale-artifacts:not([hidden])');
    await box.waitFor({ timeout: 60000 });
    const text = await box.innerText();
    assert.match(text, /本次运行复用了在不同条件下生成的文件/);
    assert.match(text, /stale-algo\.cache 是在不同条件下生成的.*模型不同/);
    await frame.locator('#result-table').waitFor({ timeout: 60000 });
    assert.ok(await box.isVisible(), 'the warning stays with the result');
    await box.scrollIntoViewIfNeeded();
    await wb.screenshot('benchmark-stale-artifact-zh');
  });
});
