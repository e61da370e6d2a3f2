/**
 * Entry of the extension-host test tier. `run()` is called inside the real extension host — by
 * code-server through the `payload` query parameter (scripts/harness/integration.mjs) or by
 * `@vscode/test-electron` (test/integration/runDesktop.mjs). Results go to the console and, when
 * LAR_TEST_RESULTS names a file, to that file as JSON for the harness to read.
 */
import { writeFileSync } from 'node:fs';
import Mocha from 'mocha';

interface FailureReport {
  title: string;
  error: string;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60000, color: false, reporter: 'spec' });
  // The suites are bundled into this file: expose mocha's globals, then evaluate them.
  mocha.suite.emit('pre-require', globalThis, 'integration', mocha);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./suites');
  const out = process.env.LAR_TEST_RESULTS;
  return new Promise((resolve, reject) => {
    const failures: FailureReport[] = [];
    const titles: string[] = [];
    let passed = 0;
    const runner = mocha.run((failed) => {
      const report = { passed, failed, pending: runner.stats?.pending ?? 0, failures, passedTitles: titles };
      if (out) writeFileSync(out, JSON.stringify(report, null, 2));
      if (failed > 0) reject(new Error(`${failed} integration test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => {
      passed++;
      titles.push(test.fullTitle());
    });
    runner.on('fail', (test, err: Error) =>
      failures.push({ title: test.fullTitle(), error: String(err?.stack ?? err) }),
    );
  });
}
