// The layer fences of eslint.config.mjs fire: each deliberate bad import in test/fixtures/fences/
// is linted as if it lived where its first line says, and must be refused by no-restricted-imports;
// the allowed arrows (controls) must pass, so a fence that blocked everything would fail here too.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { ESLint } from 'eslint';

const FIXTURES = resolve('test/fixtures/fences');

function fixtures(): Array<{ file: string; lintAs: string; code: string; allowed: boolean }> {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith('.ts'))
    .map((file) => {
      const code = readFileSync(join(FIXTURES, file), 'utf8');
      const lintAs = /^\/\/ lint as: (\S+)/.exec(code)?.[1];
      assert.ok(lintAs, `${file} names where it is linted as`);
      return { file, lintAs, code, allowed: file.startsWith('allowed-') };
    });
}

describe('layer fences (ESLint no-restricted-imports)', function () {
  this.timeout(60_000);
  const eslint = new ESLint({ cwd: resolve('.') });
  const cases = fixtures();

  it('has a bad file for every forbidden pair, and allowed controls', () => {
    const bad = cases.filter((c) => !c.allowed).map((c) => c.file.replace(/\.ts$/, ''));
    for (const pair of [
      'core-imports-cli',
      'core-imports-extension',
      'core-imports-webview',
      'core-imports-vscode',
      'runners-import-records',
      'shared-imports-extension',
      'shared-imports-webview',
      'webview-imports-core',
      'webview-imports-extension',
      'webview-imports-cli',
      'cli-imports-extension',
    ])
      assert.ok(bad.includes(pair), `a fixture for ${pair}`);
    assert.ok(cases.some((c) => c.allowed));
  });

  for (const c of fixtures()) {
    it(`${c.allowed ? 'lets through' : 'refuses'} ${c.file} (as ${c.lintAs})`, async () => {
      const [result] = await eslint.lintText(c.code, { filePath: resolve(c.lintAs) });
      const fences = result!.messages.filter((m) => m.ruleId === 'no-restricted-imports');
      if (c.allowed) {
        assert.deepEqual(fences, [], 'an allowed arrow');
      } else {
        assert.equal(fences.length, 1, JSON.stringify(result!.messages));
        assert.equal(fences[0]!.severity, 2, 'an error, not a warning');
      }
    });
  }
});
