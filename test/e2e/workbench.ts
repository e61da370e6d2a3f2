/**
 * A person's view of the extension: code-server with the packaged .vsix installed, opened in
 * Debian's Chromium. Each suite gets its own server, user data, extensions dir and workspace.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page, FrameLocator, Locator } from 'playwright-core';
// @ts-expect-error -- plain ESM harness modules without type declarations
import { startCodeServer, installVsix } from '../../scripts/harness/codeServer.mjs';
// @ts-expect-error -- as above
import { launchBrowser } from '../../scripts/harness/browser.mjs';
// @ts-expect-error -- as above
import { makeFixtureWorkspace } from '../../scripts/harness/workspace.mjs';
// @ts-expect-error -- as above
import { removeDir } from '../../scripts/harness/removeDir.mjs';

export const REPO = path.resolve(import.meta.dirname, '..', '..');
export const VSIX = path.join(REPO, 'dist', 'lar-explorer.vsix');
export const RESULTS = path.join(REPO, 'test-results');

export interface Workbench {
  page: Page;
  workspace: string;
  close(): Promise<void>;
  screenshot(name: string): Promise<string>;
}

export interface WorkbenchOptions {
  theme?: 'dark' | 'light';
  locale?: string;
  settings?: Record<string, unknown>;
  env?: Record<string, string>;
  /** Extra files for the workspace: relative path → content. */
  files?: Record<string, string | Buffer>;
}

export async function openWorkbench(opts: WorkbenchOptions = {}): Promise<Workbench> {
  if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run "npm run package" first`);
  const workspace: string = makeFixtureWorkspace(opts.files ?? {});
  const userDataDir = mkdtempSync(path.join(os.tmpdir(), 'lar-e2e-user-'));
  const extensionsDir = mkdtempSync(path.join(os.tmpdir(), 'lar-e2e-ext-'));
  if (opts.locale && opts.locale.toLowerCase().startsWith('zh'))
    installStubLanguagePack(extensionsDir, userDataDir);
  installVsix(VSIX, extensionsDir, userDataDir);
  const theme = opts.theme === 'light' ? 'Default Light Modern' : 'Default Dark Modern';
  const server = await startCodeServer({
    folder: workspace,
    userDataDir,
    extensionsDir,
    locale: opts.locale,
    env: opts.env ?? {},
    settings: { 'workbench.colorTheme': theme, ...(opts.settings ?? {}) },
  });
  const browser: BrowserContext = await launchBrowser({
    colorScheme: opts.theme ?? 'dark',
    locale: opts.locale ?? 'en-US',
  });
  const page = browser.pages()[0] ?? (await browser.newPage());
  await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
  await page.waitForSelector('.monaco-workbench', { timeout: 60000 });
  await page.waitForSelector('.explorer-folders-view, .explorer-viewlet', { timeout: 60000 });
  mkdirSync(RESULTS, { recursive: true });
  return {
    page,
    workspace,
    async screenshot(name: string) {
      const file = path.join(RESULTS, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      await browser.close().catch(() => undefined);
      await server.stop();
      // Each workbench's folders take ~50 MB (the installed extension with ONNX Runtime): a full
      // run would leave gigabytes in /tmp. LAR_E2E_KEEP=1 keeps them for a look after a failure.
      if (!process.env.LAR_E2E_KEEP) {
        await Promise.all([workspace, userDataDir, extensionsDir].map(removeDir));
      }
    },
  };
}

/** Open the "Load and Run" activity-bar container. */
export async function openLarView(page: Page): Promise<void> {
  await page.locator('.activitybar .action-item a[aria-label^="Load and Run"]').first().click();
  await page
    .locator('.part.sidebar .composite.title', { hasText: /Load and Run/i })
    .first()
    .waitFor({ timeout: 30000 });
}

/** The content frame of the active webview panel. */
export function webviewFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').last().frameLocator('#active-frame');
}

/** Run a command from the palette by its title. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor();
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().click();
}

/** Right-click `row` and pick `label` from its context menu, once the menu really shows it. */
export async function contextMenu(
  page: Page,
  row: Locator,
  label: string,
  shot?: () => Promise<unknown>,
): Promise<void> {
  await row.click({ button: 'right' });
  const entry = page.locator('.context-view .monaco-menu .action-label', { hasText: label }).first();
  await entry.waitFor({ state: 'visible', timeout: 10000 });
  // The workbench ignores a mouse-up that comes right after the menu opened (the right-click's own
  // release), so give it a moment (the menu also fades in); if the click is still swallowed, the
  // hovered entry takes Enter.
  await page.waitForTimeout(300);
  await shot?.();
  await entry.click();
  const menu = page.locator('.context-view .monaco-menu').first();
  const closed = await menu.waitFor({ state: 'hidden', timeout: 2000 }).then(
    () => true,
    () => false,
  );
  if (!closed) {
    await entry.hover();
    await page.keyboard.press('Enter');
    await menu.waitFor({ state: 'hidden', timeout: 10000 });
  }
}

/** In the Explorer: open `folder`, right-click `file` in it and choose `label` (as a user would). */
export async function explorerContextMenu(
  page: Page,
  folder: string,
  file: string,
  label: string,
): Promise<void> {
  await page.keyboard.press('Control+Shift+E');
  const explorer = page.locator('.explorer-folders-view');
  const exactly = (name: string) => new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
  await explorer
    .locator('.monaco-list-row', { hasText: exactly(folder) })
    .first()
    .click();
  const row = explorer.locator('.monaco-list-row', { hasText: exactly(file) }).first();
  await contextMenu(page, row, label);
}

/** Move the pointer off the tree so its hover tooltip does not cover the screenshot. */
export async function unhover(page: Page): Promise<void> {
  await page.mouse.move(900, 880);
  await page.waitForTimeout(300);
}

/**
 * Offline code-server has no language pack, and without one `--locale zh-cn` leaves VS Code (and
 * `vscode.env.language`) in English. A stub pack with no translations is enough to switch the
 * display language: build it from the fixture, install it, and register it the way the server would.
 */
function installStubLanguagePack(extensionsDir: string, userDataDir: string): void {
  const build = mkdtempSync(path.join(os.tmpdir(), 'lar-zh-pack-'));
  cpSync(path.join(REPO, 'test/fixtures/benchmark/zh-language-pack'), build, { recursive: true });
  const pack = path.join(build, 'zh-pack.vsix');
  execFileSync(
    path.join(REPO, 'node_modules/.bin/vsce'),
    ['package', '--no-dependencies', '--allow-missing-repository', '--skip-license', '-o', pack],
    { cwd: build, stdio: 'ignore' },
  );
  installVsix(pack, extensionsDir, userDataDir);
  rmSync(build, { recursive: true, force: true });
  // The server reads the installed packs from languagepacks.json at start-up, but only writes that
  // file once a window has scanned the extensions; write it the way it would (languagePacks.ts).
  const id = 'lar-explorer-test.stub-language-pack-zh-hans';
  writeFileSync(
    path.join(userDataDir, 'languagepacks.json'),
    JSON.stringify({
      'zh-cn': {
        hash: 'lar-explorer-test-zh-pack-0.0.1',
        extensions: [{ extensionIdentifier: { id }, version: '0.0.1' }],
        translations: { vscode: path.join(extensionsDir, `${id}-0.0.1`, 'translations', 'main.i18n.json') },
        label: '中文(简体)',
      },
    }),
  );
}

/**
 * One workbench for the enclosing `describe`: opened before its tests, a `FAILED-<name>-<test>`
 * screenshot after each failing test, closed after. The returned object forwards to the open one.
 */
export function useWorkbench(name: string, opts: WorkbenchOptions = {}): Workbench {
  let opened: Workbench | undefined;
  const current = (): Workbench => {
    if (!opened) throw new Error(`the "${name}" workbench is not open`);
    return opened;
  };
  before(async () => {
    opened = await openWorkbench(opts);
  });
  afterEach(async function () {
    const test = this.currentTest;
    if (test?.state === 'failed' && opened) {
      await opened.screenshot(`FAILED-${name}-${test.title.replace(/\W+/g, '-').slice(0, 40)}`);
    }
  });
  after(async () => {
    await opened?.close();
  });
  return {
    get page() {
      return current().page;
    },
    get workspace() {
      return current().workspace;
    },
    screenshot: (shot) => current().screenshot(shot),
    close: () => current().close(),
  };
}
