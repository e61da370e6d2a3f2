/**
 * What a newcomer meets before a first good run (#14): the walkthrough, the Targets view's setup
 * actions, a wrong load_and_run path, and a recipe that cannot work on the model at hand. One
 * workbench whose load_and_run path points at nothing, as after a typo.
 */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { contextMenu, openLarView, REPO, runCommand, unhover, useWorkbench, webviewFrame } from './workbench';

const WRONG_PATH = '/opt/megengine/bin/no-such-load_and_run';
const MNIST = readFileSync(path.join(REPO, 'samples/models/mnist_real.mge'));

/** Show the Load and Run side bar (its icon toggles it, so only click when it is not showing). */
async function showLarView(page: Page): Promise<void> {
  const title = page.locator('.part.sidebar .composite.title', { hasText: /Load and Run/i }).first();
  if (!(await title.isVisible().catch(() => false))) await openLarView(page);
}

function sidebarView(page: Page, title: RegExp) {
  return page
    .locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: title }) })
    .first();
}

describe('a newcomer: walkthrough, targets, a wrong path, recipes (Chromium + code-server)', () => {
  const wb = useWorkbench('newcomer', {
    settings: { 'lar-explorer.loadAndRun.path': WRONG_PATH },
    files: { 'models/mnist_real.mge': MNIST, 'README.md': 'not a program\n' },
  });

  it('the walkthrough shows code as code, and its setup buttons are the setup commands', async () => {
    const { page } = wb;
    await runCommand(page, 'Welcome: Open Walkthrough...');
    const pick = page
      .locator('.quick-input-list .monaco-list-row', { hasText: 'Load and Run Explorer' })
      .first();
    await pick.waitFor({ timeout: 15000 });
    await pick.click();
    const step = page.locator('.getting-started-step', { hasText: 'Point at load_and_run' }).first();
    await step.waitFor({ timeout: 30000 });
    await step.click();
    const description = step.locator('.step-description-container');
    await description.locator('code', { hasText: 'load_and_run' }).first().waitFor({ timeout: 10000 });
    assert.doesNotMatch(await description.innerText(), /`/);
    assert.ok(await description.locator('.monaco-button', { hasText: 'Add an SSH target' }).isVisible());
    await wb.screenshot('newcomer-walkthrough');
    await page.keyboard.press('Control+W');
  });

  it('the Targets view offers Add SSH Target in its title bar and checks the destination as typed', async () => {
    const { page } = wb;
    await showLarView(page);
    const targets = sidebarView(page, /Targets/);
    await targets.locator('.pane-header').hover();
    const add = targets.locator('.pane-header .action-label[aria-label^="Add SSH Target"]');
    await add.waitFor({ timeout: 15000 });
    await add.click();
    const input = page.locator('.quick-input-widget input');
    await input.waitFor();
    await input.fill('board.local:2222');
    const message = page.locator('.quick-input-widget .quick-input-message');
    await message.filter({ hasText: /host:port/ }).waitFor({ timeout: 10000 });
    await wb.screenshot('newcomer-add-target-validation');
    await page.keyboard.press('Escape');
  });

  it("the Local target's settings open where a machine setting lives (the Remote tab), not on No Settings Found", async () => {
    const { page } = wb;
    await showLarView(page);
    const targets = sidebarView(page, /Targets/);
    const local = targets.locator('.monaco-list-row', { hasText: /^Local/ }).first();
    await local.waitFor({ timeout: 15000 });
    await contextMenu(page, local, 'Open Target Settings');
    const editor = page.locator('.settings-editor');
    await editor.waitFor({ timeout: 30000 });
    await editor
      .locator('.settings-tabs-widget .action-label.checked', { hasText: /Remote/ })
      .waitFor({ timeout: 15000 });
    const item = editor.locator('.setting-item', { hasText: 'Load And Run: Path' }).first();
    await item.waitFor({ timeout: 15000 });
    assert.equal(await editor.locator('.no-results-message:visible').count(), 0);
    await unhover(page);
    await wb.screenshot('newcomer-remote-settings');
    await page.keyboard.press('Control+W');
  });

  it('a wrong path: the run does not start, says why with Set path…, leaves no chart and no run', async () => {
    const { page } = wb;
    await showLarView(page);
    const models = sidebarView(page, /Models/);
    const model = models.locator('.monaco-list-row', { hasText: /^mnist_real\.mge/ }).first();
    await model.waitFor({ timeout: 30000 });
    await contextMenu(page, model, 'Benchmark with load_and_run…');
    const panel = webviewFrame(page);
    await panel.locator('#model-name', { hasText: 'mnist_real.mge' }).waitFor({ timeout: 60000 });

    // Recipes on a model with an embedded test case: offered but disabled, with the reason (item 9).
    const recipeButton = panel.locator('vscode-button[data-recipe]').first();
    await recipeButton.waitFor({ state: 'attached', timeout: 15000 });
    assert.equal(await recipeButton.getAttribute('disabled'), '');
    assert.match(await panel.locator('.recipe-disabled').first().innerText(), /embedded test case/);

    await panel.locator('#run:not([disabled])').waitFor({ timeout: 15000 });
    await panel.locator('#run').click();
    const problem = panel.locator('#problem');
    await problem.filter({ hasText: /was not found at .*no-such-load_and_run/ }).waitFor({ timeout: 30000 });
    assert.ok(await problem.locator('vscode-button', { hasText: 'Set path…' }).isVisible());
    await panel.locator('#run:not([disabled])').waitFor({ timeout: 15000 });
    assert.equal(await panel.locator('#live-chart').isVisible(), false, 'no empty live chart');
    await wb.screenshot('newcomer-wrong-path');

    // Nothing was added to the history: the model has no runs.
    await showLarView(page);
    await page.waitForTimeout(1500);
    assert.doesNotMatch(await model.innerText(), /\d+ runs?\b/);
  });
});
