import * as assert from 'node:assert/strict';
import { openLarView, useWorkbench } from './workbench';

describe('Models view and context menu (Chromium + code-server, packaged .vsix)', () => {
  const wb = useWorkbench('models-view');

  it('shows the workspace models in the Load and Run view', async () => {
    const { page } = wb;
    await openLarView(page);
    const tree = page
      .locator('.part.sidebar .monaco-list[aria-label*="Models"], .part.sidebar .monaco-list')
      .first();
    await tree.locator('.monaco-list-row', { hasText: 'mnist_real.mge' }).first().waitFor({ timeout: 30000 });
    const labels = await tree.locator('.monaco-list-row').allInnerTexts();
    const text = labels.join('\n');
    assert.match(text, /mnist_real\.mge/);
    assert.match(text, /mnist_real_notest\.mge/);
    assert.match(text, /copy of mnist\.mge/);
    assert.doesNotMatch(text, /hidden\.mge/, 'node_modules is excluded');
    assert.doesNotMatch(text, /notes\.txt/);
    await wb.screenshot('models-view');
  });

  it('offers "Benchmark with load_and_run…" on a model in the Explorer', async () => {
    const { page } = wb;
    await page.keyboard.press('Control+Shift+E');
    const explorer = page.locator('.explorer-folders-view');
    await explorer
      .locator('.monaco-list-row', { hasText: /^models$/ })
      .first()
      .click();
    const model = explorer.locator('.monaco-list-row', { hasText: 'mnist_real.mge' }).first();
    await model.waitFor();
    await model.click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu, .monaco-menu-container');
    await menu.first().waitFor();
    const entry = menu.locator('.action-label', { hasText: 'Benchmark with load_and_run…' });
    await entry.first().waitFor({ timeout: 10000 });
    await wb.screenshot('explorer-context-menu');
    assert.equal(await entry.count(), 1);
    await page.keyboard.press('Escape');
  });

  it('does not offer the entry on a file that is not a model', async () => {
    const { page } = wb;
    const explorer = page.locator('.explorer-folders-view');
    const txt = explorer.locator('.monaco-list-row', { hasText: 'notes.txt' }).first();
    await txt.click({ button: 'right' });
    const menu = page.locator('.context-view .monaco-menu, .monaco-menu-container').first();
    await menu.waitFor();
    await menu.locator('.action-label', { hasText: 'Copy Path' }).first().waitFor();
    assert.equal(await menu.locator('.action-label', { hasText: 'Benchmark with load_and_run' }).count(), 0);
    await page.keyboard.press('Escape');
  });
});
