import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { recordToJson } from '../../src/core/records/canonicalJson';
import type { RunRecord } from '../../src/core/records/runRecord';
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

const modelsTree = (page: Page) => page.locator('.part.sidebar .monaco-list').first();
const PROFILE = readFileSync(path.join(REPO, 'test/fixtures/profile/lar_mnist_profile.json'));
const PROFILE_PATH = '.lar-explorer/profiles/mnist_profile.json';

const FAST_PROFILE_PATH = '.lar-explorer/profiles/mnist_fast_profile.json';

/** The same profile with every kernel 20% faster, as the stand-in writes it under --fast-run. */
function fasterProfile(): Buffer {
  const prof = JSON.parse(PROFILE.toString('utf8'));
  for (const byNode of Object.values(prof.profiler.device) as Array<
    Record<string, { start: number; end: number }>
  >) {
    for (const t of Object.values(byNode)) t.end = t.start + (t.end - t.start) * 0.8;
  }
  return Buffer.from(JSON.stringify(prof));
}

/** A run made with --profile: its artifact is a profile file (path relative to the workspace). */
function profiledRun(which: 'defaults' | 'fastRun' = 'defaults'): RunRecord {
  const run = mnistRuns(REPO)[which];
  const file = which === 'defaults' ? PROFILE_PATH : FAST_PROFILE_PATH;
  return {
    ...run,
    label: which === 'defaults' ? 'profiled defaults' : 'profiled fast-run',
    flags: { ...run.flags, profile: file },
    artifacts: [{ localPath: file, flag: '--profile', target: 'local', createdAt: run.startedAt, bytes: 1 }],
  };
}

async function openProfile(page: Page, runLabel: RegExp | string, menuTitle: string): Promise<void> {
  await openLarView(page);
  const tree = modelsTree(page);
  const model = tree.locator('.monaco-list-row', { hasText: /^mnist_real\.mge/ }).first();
  await model.waitFor({ timeout: 30000 });
  const twistie = model.locator('.monaco-tl-twistie.collapsible');
  await twistie.waitFor({ timeout: 30000 });
  await twistie.click();
  const run = tree.locator('.monaco-list-row', { hasText: runLabel }).first();
  await run.waitFor({ timeout: 15000 });
  await run.click();
  await contextMenu(page, run, menuTitle);
}

for (const theme of ['dark', 'light'] as const) {
  describe(`Run with a profile → Profile panel (${theme} theme, Chromium + code-server, packaged .vsix)`, () => {
    const run = profiledRun();
    const fast = profiledRun('fastRun');
    const wb = useWorkbench(`profile-${theme}`, {
      theme,
      files: {
        [recordPath(run)]: recordToJson(run),
        [recordPath(fast)]: recordToJson(fast),
        [PROFILE_PATH]: PROFILE,
        [FAST_PROFILE_PATH]: fasterProfile(),
      },
    });

    it('shows the top operators of the run, largest first, with the chart and the notes', async () => {
      const { page } = wb;
      await openProfile(page, 'profiled defaults', 'Show Profile');
      const frame = webviewFrame(page);
      const rows = frame.locator('section.table tbody tr');
      await rows.first().waitFor({ timeout: 30000 });
      assert.equal(await rows.count(), 21);
      // The real profile: conv1 takes 0.044 of 0.140 ms on the device clock.
      const first = await rows.first().locator('td').allInnerTexts();
      assert.equal(first[1], 'conv(pooling[15],conv1.weight)[20]');
      assert.equal(first[2], 'ConvolutionForward');
      assert.equal(first[3], '0.044 ms');
      assert.equal(first[4], '31.4%');
      assert.match(
        await frame.locator('.summary').innerText(),
        /Total 0\.140 ms per run · 21 operators · 1 run · device clock/,
      );
      assert.match(await frame.locator('.notes').innerText(), /Profiling slows the run/);
      await frame.locator('canvas').waitFor();
      await unhover(page);
      await wb.screenshot(`profile-operators-${theme}`);
    });

    it('switches to the type table and sorts a column on click', async () => {
      const { page } = wb;
      const frame = webviewFrame(page);
      await frame.locator('button.segment', { hasText: 'By type' }).click();
      const rows = frame.locator('section.table tbody tr');
      await rows.first().locator('td', { hasText: 'ConvolutionForward' }).waitFor({ timeout: 15000 });
      const types = await frame.locator('section.table tbody tr td:first-child').allInnerTexts();
      assert.equal(types.length, 8);
      assert.deepEqual(types.slice(0, 2), ['ConvolutionForward', 'MatrixMul']);
      // Sort by type name (ascending on first click for text).
      await frame.locator('section.table thead button.sort').first().click();
      const sorted = await frame.locator('section.table tbody tr td:first-child').allInnerTexts();
      assert.deepEqual(
        sorted,
        [...types].sort((a, b) => a.localeCompare(b)),
      );
      await unhover(page);
      await wb.screenshot(`profile-types-${theme}`);
    });

    it('compares the two profiled runs: the diff tab says where the difference comes from', async () => {
      const { page } = wb;
      const tree = modelsTree(page);
      const defaults = tree.locator('.monaco-list-row', { hasText: 'profiled defaults' }).first();
      const fastRow = tree.locator('.monaco-list-row', { hasText: 'profiled fast-run' }).first();
      await defaults.click();
      await fastRow.click({ modifiers: ['Control'] });
      await contextMenu(page, fastRow, 'Compare Runs');
      const frame = webviewFrame(page);
      const tab = frame.locator('button.compare-tab', { hasText: 'Operator diff' });
      await tab.waitFor({ timeout: 30000 });
      await tab.click();
      const section = frame.locator('.profile-diff-run').first();
      await section.waitFor({ timeout: 15000 });
      // Every device kernel 20% faster: 0.140 → 0.112 ms; the convolutions are 0.084 of the 0.140.
      assert.match(
        await section.locator('.diff-summary').innerText(),
        /0\.140 ms → 0\.112 ms per run: −0\.028 ms \(×0\.80\)/,
      );
      assert.equal(
        (await section.locator('.headline').innerText()).trim(),
        'ConvolutionForward (2 operators): −0.017 ms, 60.0% of the gain',
      );
      assert.match(
        await section.locator('table.contributions tfoot').innerText(),
        /Total\s+−0\.028 ms\s+100\.0%/,
      );
      const first = await section
        .locator('table.operator-diff tbody tr')
        .first()
        .locator('td')
        .allInnerTexts();
      assert.equal(first[0], 'conv(pooling[15],conv1.weight)[20]');
      assert.equal(first[2], 'same name');
      assert.ok(
        await frame.locator('table.phase-inference').isHidden(),
        'the phase tables hide behind their tab',
      );
      await unhover(page);
      await wb.screenshot(`profile-diff-${theme}`);
      await frame.locator('button.compare-tab', { hasText: 'Phases' }).click();
      await frame.locator('table.phase-inference').waitFor({ state: 'visible', timeout: 15000 });
    });
  });
}

describe('Profile panel in Chinese (zh-cn display language)', () => {
  const run = profiledRun();
  const fast = profiledRun('fastRun');
  const wb = useWorkbench('profile-zh', {
    locale: 'zh-cn',
    files: {
      [recordPath(run)]: recordToJson(run),
      [recordPath(fast)]: recordToJson(fast),
      [PROFILE_PATH]: PROFILE,
      [FAST_PROFILE_PATH]: fasterProfile(),
    },
  });

  it('opens from the Chinese context menu and shows Chinese headings and notes', async () => {
    const { page } = wb;
    // package.nls.zh-cn.json: command.showProfile.
    await openProfile(page, 'profiled defaults', '查看逐算子性能分析');
    const frame = webviewFrame(page);
    await frame.locator('section.table tbody tr').first().waitFor({ timeout: 30000 });
    assert.match(await frame.locator('h1').innerText(), /^性能分析：profiled defaults/);
    assert.match(
      await frame.locator('.summary').innerText(),
      /每次运行共 0\.140 ms · 21 个算子 · 1 次运行 · 设备时钟/,
    );
    const columns = (await frame.locator('section.table thead th').allInnerTexts()).join(' | ');
    assert.match(columns, /算子/);
    assert.match(columns, /每次运行耗时/);
    assert.match(await frame.locator('.notes').innerText(), /性能分析会拖慢运行/);
    await frame.locator('canvas').waitFor();
    await unhover(page);
    await wb.screenshot('profile-zh');
  });

  it('shows the operator diff of two profiled runs in Chinese', async () => {
    const { page } = wb;
    const tree = modelsTree(page);
    const defaults = tree.locator('.monaco-list-row', { hasText: 'profiled defaults' }).first();
    const fastRow = tree.locator('.monaco-list-row', { hasText: 'profiled fast-run' }).first();
    await defaults.click();
    await fastRow.click({ modifiers: ['Control'] });
    await contextMenu(page, fastRow, '比较运行');
    const frame = webviewFrame(page);
    const tab = frame.locator('button.compare-tab', { hasText: '逐算子差异' });
    await tab.waitFor({ timeout: 30000 });
    await tab.click();
    const section = frame.locator('.profile-diff-run').first();
    await section.waitFor({ timeout: 15000 });
    assert.equal(
      (await section.locator('.headline').innerText()).trim(),
      'ConvolutionForward (2 个算子)：−0.017 ms，占提速的 60.0%',
    );
    assert.match(await section.locator('h3').first().innerText(), /差异来自哪里/);
    await unhover(page);
    await wb.screenshot('profile-diff-zh');
  });
});

/** Open small_cnn.onnx's Benchmark panel from the Explorer (menu title in the UI's language). */
async function openOnnxBenchmark(page: Page, menuTitle: string) {
  await openLarView(page);
  await explorerContextMenu(page, 'onnx', 'small_cnn.onnx', menuTitle);
  const panel = webviewFrame(page);
  await panel.locator('#model-name', { hasText: 'small_cnn.onnx' }).waitFor({ timeout: 60000 });
  await panel.locator('#paste input').fill('node ort-runner.js small_cnn.onnx --iter 10');
  await panel.locator('#apply-paste').click();
  await panel.locator('#command-preview', { hasText: '--iter 10' }).waitFor({ timeout: 15000 });
  return panel;
}

/** Tick "Profile this run": the host adds the engine's flag with a file of its own, and warns. */
async function profileAndRun(panel: ReturnType<typeof webviewFrame>, warning: RegExp) {
  assert.equal(await panel.locator('#profile-warning').isVisible(), false, 'no warning before the toggle');
  await panel.locator('#profile-run').click();
  await panel
    .locator('#command-preview', {
      hasText: /--profile \.lar-explorer\/profiles\/small_cnn-\d{8}-\d{9}\.json/,
    })
    .waitFor({ timeout: 15000 });
  await panel.locator('#profile-warning', { hasText: warning }).waitFor({ timeout: 15000 });
  // One warning, not two: the engine's own "profiling adds overhead" issue is not listed beside it.
  assert.doesNotMatch(await panel.locator('#issues').innerText(), /overhead|开销/);
  await panel.locator('#run:not([disabled])').click();
  await panel.locator('#result-table td.num').first().waitFor({ timeout: 120000 });
  await panel.locator('#run:not([disabled])').waitFor({ timeout: 30000 });
  await panel.locator('#show-profile').waitFor({ state: 'visible', timeout: 15000 });
}

/** The Profile view of the real small_cnn trace: ten operators, a convolution first. */
async function assertTopOperators(page: Page) {
  const frame = webviewFrame(page);
  const rows = frame.locator('section.table tbody tr');
  await rows.first().waitFor({ timeout: 30000 });
  // small_cnn: six fused convolutions and four small operators; a convolution takes the most time.
  // The panel may be revealed again (Show Profile on a run whose profile is open), and a revealed
  // webview renders afresh: read the rows until they settle rather than once, then assert.
  let seen = { count: -1, top: '' };
  for (const deadline = Date.now() + 30000; Date.now() < deadline;) {
    try {
      seen = {
        count: await rows.count(),
        top: (await rows.first().locator('td').nth(2).innerText({ timeout: 2000 })).trim(),
      };
    } catch {
      seen = { count: await rows.count().catch(() => -1), top: '' };
    }
    if (seen.count === 10 && seen.top === 'Conv') break;
    await new Promise((r) => setTimeout(r, 250));
  }
  assert.equal(seen.count, 10);
  assert.equal(seen.top, 'Conv');
  await frame.locator('canvas').waitFor();
  return frame;
}

describe('Benchmark an ONNX model with "Profile this run" → Show profile (embedded ONNX Runtime, real trace)', () => {
  const sample = readFileSync(path.join(REPO, 'samples', 'onnx', 'small_cnn.onnx'));
  const wb = useWorkbench('profile-onnx-run', { files: { 'onnx/small_cnn.onnx': sample } });

  it('runs with profiling on, offers Show profile, marks the run as profiled and shows its top operators', async () => {
    const { page } = wb;
    const panel = await openOnnxBenchmark(page, 'Benchmark with ONNX Runtime…');
    await profileAndRun(panel, /not compared with runs made without profiling/);
    await unhover(page);
    await wb.screenshot('profile-toggle-run-dark');
    await panel.locator('#show-profile').click();
    const frame = await assertTopOperators(page);
    assert.match(await frame.locator('.summary').innerText(), /10 operators · 10 runs · host clock/);
    assert.match(
      await frame.locator('.notes').innerText(),
      /The first 1 of 11 runs \(warm-up\) are left out/,
    );
    await unhover(page);
    await wb.screenshot('profile-onnx-run-dark');

    // The Models view offers Show Profile on the run too (it has a profile).
    await openLarView(page);
    const tree = modelsTree(page);
    const model = tree.locator('.monaco-list-row', { hasText: /^small_cnn\.onnx/ }).first();
    await model.filter({ hasText: /(^|\D)1 run(?!s)/ }).waitFor({ timeout: 60000 });
    if (!(await model.getAttribute('aria-expanded'))?.includes('true')) {
      await model.locator('.monaco-tl-twistie.collapsible').click();
    }
    // The run's label shows its mean and what sets it apart; its description says it was profiled.
    const run = tree.locator('.monaco-list-row', { hasText: /profiled/ }).first();
    await run.waitFor({ timeout: 15000 });
    await run.click();
    await contextMenu(page, run, 'Show Profile');
    await assertTopOperators(page);
  });
});

describe('"Profile this run" in Chinese (zh-cn, light theme)', () => {
  const sample = readFileSync(path.join(REPO, 'samples', 'onnx', 'small_cnn.onnx'));
  const wb = useWorkbench('profile-toggle-zh', {
    locale: 'zh-cn',
    theme: 'light',
    files: { 'onnx/small_cnn.onnx': sample },
  });

  it('shows the toggle and its warning in Chinese, and 查看性能分析 opens the profile', async () => {
    const { page } = wb;
    const panel = await openOnnxBenchmark(page, '使用 ONNX Runtime 测速…');
    assert.match(await panel.locator('#profile-run').innerText(), /对本次运行做性能分析/);
    await profileAndRun(panel, /性能分析会拖慢每个算子/);
    assert.match(await panel.locator('#show-profile').innerText(), /查看性能分析/);
    await unhover(page);
    await wb.screenshot('profile-toggle-run-zh-light');
    await panel.locator('#show-profile').click();
    const frame = await assertTopOperators(page);
    assert.match(await frame.locator('h1').innerText(), /^性能分析：/);
    await unhover(page);
    await wb.screenshot('profile-toggle-profile-zh-light');
  });
});
