// Desktop VS Code run of the same extension-host suites, for machines that can download VS Code
// (`npm run test:desktop`). This machine cannot; here code-server runs them (npm test).
import { runTests } from '@vscode/test-electron';
import path from 'node:path';
import { makeFixtureWorkspace } from '../../scripts/harness/workspace.mjs';

const repo = path.resolve(import.meta.dirname, '..', '..');
const workspace = makeFixtureWorkspace();
try {
  await runTests({
    extensionDevelopmentPath: repo,
    extensionTestsPath: path.join(repo, 'out', 'test', 'integration', 'index.js'),
    launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust'],
  });
} catch (err) {
  console.error('Desktop extension tests failed:', err);
  process.exit(1);
}
