// The extension-host tier: mocha runs inside the real extension host of code-server, loaded
// through the `payload` query parameter (shared/reference/real-vscode-harness.md §4). The test
// entry writes its results to LAR_TEST_RESULTS; we wait for that file.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { removeDir } from './removeDir.mjs';
import { launchBrowser } from './browser.mjs';
import { startCodeServer } from './codeServer.mjs';
import { makeFixtureWorkspace } from './workspace.mjs';

const repo = path.resolve(import.meta.dirname, '..', '..');

export async function runIntegrationTier({ log = console.error, timeoutMs = 8 * 60 * 1000, env = {} } = {}) {
  const workspace = makeFixtureWorkspace();
  const resultsFile = path.join(mkdtempSync(path.join(os.tmpdir(), 'lar-it-')), 'results.json');
  const server = await startCodeServer({
    folder: workspace,
    env: { LAR_TEST_RESULTS: resultsFile, LAR_TEST_REPO: repo, ...env },
  });
  const browser = await launchBrowser();
  try {
    const origin = `127.0.0.1:${server.port}`;
    const payload = [
      ['extensionDevelopmentPath', `vscode-remote://${origin}${repo}`],
      ['extensionTestsPath', `vscode-remote://${origin}${repo}/out/test/integration/index.js`],
    ];
    const url = `${server.url}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(url);
    const deadline = Date.now() + timeoutMs;
    while (!existsSync(resultsFile)) {
      if (Date.now() > deadline)
        throw new Error(
          `integration tests wrote no results within ${timeoutMs / 1000} s\n${server.output().slice(-4000)}`,
        );
      await new Promise((r) => setTimeout(r, 500));
    }
    await new Promise((r) => setTimeout(r, 200));
    const report = JSON.parse(readFileSync(resultsFile, 'utf8'));
    // The extension host's own console goes to the browser, not here: list what the results say.
    // LAR_HOST_LOG=FILE keeps code-server's whole log, for debugging a failing host test.
    if (process.env.LAR_HOST_LOG) writeFileSync(process.env.LAR_HOST_LOG, server.output());
    for (const t of report.passedTitles ?? []) log(`  ✔ ${t}`);
    for (const f of report.failures) log(`  FAIL ${f.title}\n${f.error}`);
    return { passed: report.passed, failed: report.failed, skipped: report.pending };
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
    await Promise.all([workspace, path.dirname(resultsFile)].map(removeDir));
  }
}
