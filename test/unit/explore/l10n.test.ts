// Every string the Explore and Compare panels show goes through vscode.l10n.t and has its
// Simplified Chinese in l10n/bundle.l10n.zh-cn.json; every command they contribute has both titles.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const repo = path.resolve(import.meta.dirname, '..', '..', '..');
const json = (p: string) => JSON.parse(readFileSync(path.join(repo, p), 'utf8')) as Record<string, string>;

/** The literal first arguments of `vscode.l10n.t(...)` / `t(...)` calls in a file. */
function l10nKeys(file: string): string[] {
  const src = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const keys: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isCallExpression(n)) {
      const callee = n.expression.getText(src);
      const first = n.arguments[0];
      if ((callee === 'vscode.l10n.t' || callee === 't') && first && ts.isStringLiteralLike(first))
        keys.push(first.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(src);
  return keys;
}

const folders = [
  'src/extension/explore',
  'src/extension/compare',
  'src/extension/presets',
  'src/extension/profile',
  'src/extension/benchmark',
];

describe('Explore and Compare panels: English and Simplified Chinese', () => {
  it('every l10n string of their host halves has a zh-cn translation', () => {
    const zh = json('l10n/bundle.l10n.zh-cn.json');
    const missing: string[] = [];
    let seen = 0;
    for (const folder of folders) {
      for (const name of readdirSync(path.join(repo, folder)).filter((f) => f.endsWith('.ts'))) {
        for (const key of l10nKeys(path.join(repo, folder, name))) {
          seen++;
          if (!zh[key]?.trim()) missing.push(`${folder}/${name}: ${key}`);
        }
      }
    }
    assert.ok(seen > 100, `found ${seen} strings: the scan reads the files`);
    assert.deepEqual(missing, []);
  });

  it('the Explore commands have English and Chinese titles', () => {
    const en = json('package.nls.json');
    const zh = json('package.nls.zh-cn.json');
    for (const key of [
      'command.explore',
      'command.openStudy',
      'command.resumeStudy',
      'command.deleteStudy',
    ]) {
      assert.ok(en[key], key);
      assert.ok(zh[key] && zh[key] !== en[key], key);
    }
    assert.equal(en['command.explore'], 'Explore settings…');
  });
});
