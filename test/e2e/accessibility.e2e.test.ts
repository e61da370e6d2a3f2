/**
 * What the other e2e suites leave out: the Compare panel in Chinese (menus, headings and verdict
 * words), the Benchmark panel driven by the keyboard alone, and `--input` for a model that carries
 * no test case (composed in the Inputs section, saved in the run record, remembered per model).
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FrameLocator, Page } from 'playwright-core';
import type { RunRecord } from '../../src/core/records/runRecord';
import { recordToJson } from '../../src/core/records/canonicalJson';
import { mnistRuns, recordPath } from '../integration/historyRecords';
import { contextMenu, openLarView, REPO, unhover, webviewFrame, useWorkbench } from './workbench';

const STANDIN = path.join(REPO, 'test/fixtures/standin-load-and-run/load_and_run');
const BENCHMARK_ENTRY = 'Benchmark with load_and_run…';

/** The Models tree in the side bar. */
const modelsTree = (page: Page) => page.locator('.part.sidebar .monaco-list').first();

/** The model's row in the Models view, once the extension has listed it. */
async function modelRow(page: Page, name: string) {
  // The activity-bar entry toggles: clicking it while its view shows would hide the side bar.
  const shown = page.locator('.part.sidebar .composite.title', { hasText: /Load and Run/i }).first();
  if (!(await shown.isVisible())) await openLarView(page);
  const row = modelsTree(page)
    .locator('.monaco-list-row', { hasText: new RegExp(`^${name.replace(/\./g, '\\.')}`) })
    .first();
  await row.waitFor({ timeout: 30000 });
  return row;
}

/** Models view → right-click the model → Benchmark; resolves with the panel once `init` arrived. */
async function openBenchmark(page: Page, name: string): Promise<FrameLocator> {
  await contextMenu(page, await modelRow(page, name), BENCHMARK_ENTRY);
  const frame = webviewFrame(page);
  await frame.locator('#model-name', { hasText: name }).waitFor({ timeout: 60000 });
  return frame;
}

/**
 * The little of the page's DOM the probes below read (this tsconfig has no DOM lib). The probes
 * run in the page, serialised: they can use types from here, not values.
 */
interface PanelDocument {
  activeElement: { tagName: string; id: string; getAttribute(name: string): string | null } | null;
  body: unknown;
  hasFocus(): boolean;
}

/** The element that has the keyboard focus inside the panel, as `tag#id[data-flag-input]`. */
async function focused(frame: FrameLocator): Promise<string> {
  return frame.locator('body').evaluate(() => {
    const doc = (globalThis as unknown as { document: PanelDocument }).document;
    const el = doc.activeElement;
    if (!el || el === doc.body) return 'body';
    const flag = el.getAttribute('data-flag-input');
    return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${flag ? `[${flag}]` : ''}`;
  });
}

/** Press `key` until `target` has the focus; fails with the path the focus took. */
async function tabTo(page: Page, frame: FrameLocator, target: string, key: 'Tab' | 'Shift+Tab') {
  const seen: string[] = [];
  for (let i = 0; i < 250; i++) {
    const now = await focused(frame);
    if (now === target) return seen.length;
    seen.push(now);
    await page.keyboard.press(key);
  }
  throw new Error(`${key} never reached ${target}; focus went: ${seen.join(' → ')}`);
}

async function waitUntil(probe: () => Promise<boolean>, what: string, timeoutMs = 15000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

function savedRecords(workspace: string): RunRecord[] {
  const dir = path.join(workspace, '.lar-explorer', 'runs');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as RunRecord);
}

describe('Compare panel in Chinese (zh-cn display language, Chromium + code-server)', () => {
  const runs = mnistRuns(REPO);
  const wb = useWorkbench('compare-zh', {
    locale: 'zh-cn',
    files: {
      [recordPath(runs.defaults)]: recordToJson(runs.defaults),
      [recordPath(runs.fastRun)]: recordToJson(runs.fastRun),
    },
  });

  it('compares two runs from the Chinese context menu and shows Chinese headings and verdicts', async () => {
    const { page } = wb;
    const model = await modelRow(page, 'mnist_real.mge');
    await model.filter({ hasText: '2 次运行' }).waitFor({ timeout: 30000 });
    await model.locator('.monaco-tl-twistie.collapsible').click();
    const tree = modelsTree(page);
    const fast = tree.locator('.monaco-list-row', { hasText: 'ms · --fast-run' }).first();
    const defaults = tree.locator('.monaco-list-row', { hasText: 'ms · 默认参数' }).first();
    await defaults.waitFor({ timeout: 15000 });
    await defaults.click();
    await fast.click({ modifiers: ['Control'] });
    // package.nls.zh-cn.json: command.compareRuns.
    await contextMenu(page, fast, '比较运行');

    await page
      .locator('.tabs-container .tab', { hasText: '比较 2 次运行' })
      .first()
      .waitFor({ timeout: 30000 });
    const frame = webviewFrame(page);
    const table = frame.locator('table.phase-inference');
    await table.locator('td.ratio').nth(1).waitFor({ timeout: 30000 });
    assert.equal((await frame.locator('h1').innerText()).trim(), '比较运行');
    const headings = (await frame.locator('h2').allInnerTexts()).join(' | ');
    assert.match(headings, /各阶段与基线对比/);
    assert.match(headings, /不同的参数/);
    assert.match(await table.locator('caption .phase-title').innerText(), /推理（平均）/);
    const columns = (await table.locator('thead th').allInnerTexts()).join(' | ');
    assert.match(columns, /耗时/);
    assert.match(columns, /比值/);
    assert.match(columns, /结论/);
    // The older run (defaults) is the baseline; --fast-run is within the noise.
    const verdicts = (await table.locator('tbody td.verdict .word').allInnerTexts()).map((t) => t.trim());
    assert.deepEqual(verdicts, ['基线', '差异不显著']);
    assert.match(await table.locator('td.interval').nth(1).innerText(), /95% 置信区间 ×0\.75–×1\.18/);
    assert.match(await frame.locator('.baseline label').innerText(), /基线/);
    // The core's caveats come in the display language too.
    const notes = await frame.locator('.notes').innerText();
    assert.match(notes, /波动较大/);
    assert.doesNotMatch(notes, /high variation/);
    await frame.locator('canvas').waitFor();
    await unhover(page); // also lets chart.js finish its first layout
    await wb.screenshot('compare-zh');
    await table.scrollIntoViewIfNeeded();
    await wb.screenshot('compare-zh-table');
  });
});

describe('Benchmark panel by keyboard, and --input for a model without a test case (standin load_and_run)', () => {
  const wb = useWorkbench('a11y', {
    settings: { 'lar-explorer.loadAndRun.path': STANDIN },
    // Runs of a second or two, long enough to see where the focus is while one goes on.
    env: { STANDIN_ITER_MS: '100' },
  });

  it('ticks --fast-run and runs with the keyboard alone', async () => {
    const { page } = wb;
    const frame = await openBenchmark(page, 'mnist_real.mge');
    await frame.locator('#command-preview', { hasText: 'mnist_real.mge' }).waitFor({ timeout: 15000 });
    await frame.locator('#run:not([disabled])').waitFor({ timeout: 30000 });

    // From here on no pointer: focus the editor group (the panel) with the keyboard, then Tab.
    await unhover(page);
    await page.keyboard.press('Control+1');
    await waitUntil(
      () =>
        frame
          .locator('body')
          .evaluate(() => (globalThis as unknown as { document: PanelDocument }).document.hasFocus()),
      'the panel to take the keyboard focus',
    );
    const box = frame.locator('vscode-checkbox[data-flag-input="fast-run"]');
    assert.equal(await box.getAttribute('checked'), null, 'unticked at first');
    const tabs = await tabTo(page, frame, 'vscode-checkbox[fast-run]', 'Tab');
    assert.ok(tabs > 0, 'Tab moved the focus');
    await page.keyboard.press('Space');
    await frame.locator('#command-preview', { hasText: '--fast-run' }).waitFor({ timeout: 15000 });
    await frame.locator('vscode-checkbox[data-flag-input="fast-run"][checked]').waitFor();
    await wb.screenshot('keyboard-fast-run-ticked');

    // The Run button sits in the command column, after the flags in the tab order.
    await frame.locator('#run:not([disabled])').waitFor({ timeout: 15000 });
    await tabTo(page, frame, 'vscode-button#run', 'Tab');
    await wb.screenshot('keyboard-run-focused');
    const preview = await frame.locator('#command-preview').innerText();
    assert.match(preview, /--fast-run/);
    await page.keyboard.press('Enter');
    // Run turns disabled while the run goes on; the focus moves to Cancel, then comes back.
    await waitUntil(
      async () => (await focused(frame)) === 'vscode-button#cancel',
      'Cancel to take the focus',
    );
    const table = frame.locator('#result-table');
    await table.locator('td.num').first().waitFor({ timeout: 60000 });
    await waitUntil(async () => (await focused(frame)) === 'vscode-button#run', 'Run to get the focus back');
    assert.match(await table.innerText(), /\d+\.\d+/);
    assert.match(await frame.locator('.result-summary .status').innerText(), /ok/);
    assert.match(await frame.locator('#run-log').innerText(), /--fast-run/);
    await frame.locator('.results').scrollIntoViewIfNeeded();
    await wb.screenshot('keyboard-run-result');

    // Shift+Tab walks back to the checkbox, and Space unticks it.
    await frame.locator('#run:not([disabled])').waitFor({ timeout: 30000 });
    await tabTo(page, frame, 'vscode-checkbox[fast-run]', 'Shift+Tab');
    await page.keyboard.press('Space');
    await waitUntil(
      async () => !(await frame.locator('#command-preview').innerText()).includes('--fast-run'),
      '--fast-run to leave the command preview',
    );
  });

  it('runs a model without a test case with --input from the Inputs section, and remembers the row', async () => {
    const { page } = wb;
    // Close the first panel so that the new one is the only webview on the page.
    const firstTab = page.locator('.tabs-container .tab', { hasText: 'Benchmark: mnist_real.mge' }).first();
    await firstTab.click({ button: 'middle' });
    await firstTab.waitFor({ state: 'detached' });

    let frame = await openBenchmark(page, 'mnist_real_notest.mge');
    await frame.locator('#add-input').click();
    const name = frame.locator('.input-row vscode-textfield.input-name').first();
    const value = frame.locator('.input-row vscode-textfield.input-value').first();
    await name.click();
    await page.keyboard.type('data');
    await value.click();
    await page.keyboard.type('{1,1,28,28}');
    const preview = frame.locator('#command-preview');
    await preview.filter({ hasText: '{1,1,28,28}' }).waitFor({ timeout: 15000 });
    const command = await preview.innerText();
    assert.match(command, /--input '?data:\{1,1,28,28\}'?/, command);
    await wb.screenshot('input-notest-filled');

    await frame.locator('#run:not([disabled])').click();
    await frame.locator('#result-table td.num').first().waitFor({ timeout: 60000 });
    assert.match(await frame.locator('#run-log').innerText(), /--input/);
    await frame.locator('#run:not([disabled])').waitFor({ timeout: 30000 });

    // The run record on disk says the same.
    let saved: RunRecord | undefined;
    await waitUntil(async () => {
      saved = savedRecords(wb.workspace).find((r) => r.model.path === 'models/mnist_real_notest.mge');
      return saved !== undefined;
    }, 'the run record of mnist_real_notest.mge');
    assert.equal(saved!.flags.input, 'data:{1,1,28,28}');
    const at = saved!.argv.indexOf('--input');
    assert.ok(at > 0, saved!.argv.join(' '));
    assert.equal(saved!.argv[at + 1], 'data:{1,1,28,28}');
    assert.equal(saved!.status, 'ok');

    // Close the panel and open it again: the input row comes back (workspaceState, per model).
    const tab = page.locator('.tabs-container .tab', { hasText: 'Benchmark: mnist_real_notest.mge' }).first();
    await tab.click({ button: 'middle' });
    await tab.waitFor({ state: 'detached' });
    frame = await openBenchmark(page, 'mnist_real_notest.mge');
    const rows = frame.locator('.input-row');
    await rows.first().waitFor({ timeout: 15000 });
    assert.equal(await rows.count(), 1);
    assert.equal(await frame.locator('vscode-textfield.input-name input').first().inputValue(), 'data');
    assert.equal(
      await frame.locator('vscode-textfield.input-value input').first().inputValue(),
      '{1,1,28,28}',
    );
    await frame.locator('#command-preview', { hasText: 'data:{1,1,28,28}' }).waitFor({ timeout: 15000 });
    await unhover(page);
    await wb.screenshot('input-notest-remembered');
  });
});
