// The CLI's catalogues (every src/cli/**/*Texts.ts): each entry in both languages with the same
// blanks, Chinese where a word is translated; and the templates' filling.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { blanksOf, both, fill, say, type Bilingual } from '../../../src/cli/cliLanguage';

const CLI = resolve('src/cli');

function textFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? textFiles(join(dir, e.name)) : /Texts\.ts$/.test(e.name) ? [join(dir, e.name)] : [],
  );
}

// Words a terminal shows the same in both languages: units, ids, statistics' symbols.
const VERBATIM = new Set(['ms', 'n', 'CV', 'id', 'p', 'Δ ms']);

describe('cli: message catalogues', () => {
  const files = textFiles(CLI);
  let catalogues: Array<[string, Record<string, unknown>]> = [];
  before(async () => {
    catalogues = await Promise.all(
      files.map(async (f) => [relative(CLI, f), (await import(f)) as Record<string, unknown>] as const),
    ).then((mods) =>
      mods.flatMap(([file, mod]) =>
        Object.entries(mod)
          .filter(([, v]) => typeof v === 'object' && v !== null)
          .map(
            ([name, v]) =>
              [`${file} ${name}`, v as Record<string, unknown>] as [string, Record<string, unknown>],
          ),
      ),
    );
  });

  it('finds the catalogues of every command and report', () => {
    const names = catalogues.map(([n]) => n.split(' ')[1]);
    for (const expected of [
      'CLI_TEXTS',
      'RUN_TEXTS',
      'RUN_REPORT_TEXTS',
      'PROGRESS_TEXTS',
      'COMPARE_TEXTS',
      'LIST_TEXTS',
      'EXPORT_TEXTS',
      'PARSE_TEXTS',
      'TARGETS_TEXTS',
      'PROFILE_TEXTS',
      'PROFILE_REPORT_TEXTS',
      'EXPLORE_TEXTS',
      'STUDY_REPORT_TEXTS',
    ])
      assert.ok(names.includes(expected), `${expected} not found in ${files.join(', ')}`);
  });

  it('every entry has English and Chinese with the same blanks', () => {
    const problems: string[] = [];
    let entries = 0;
    for (const [name, catalogue] of catalogues) {
      for (const [key, value] of Object.entries(catalogue)) {
        entries++;
        const e = value as Partial<Bilingual>;
        const where = `${name}.${key}`;
        if (typeof e.en !== 'string' || e.en.trim() === '') problems.push(`${where}: no English`);
        if (typeof e.zh !== 'string' || e.zh.trim() === '') problems.push(`${where}: no Chinese`);
        if (typeof e.en !== 'string' || typeof e.zh !== 'string') continue;
        if (blanksOf(e.en).join() !== blanksOf(e.zh).join())
          problems.push(`${where}: blanks {${blanksOf(e.en)}} vs {${blanksOf(e.zh)}}`);
        // A Chinese text the same as the English one is a forgotten translation, unless it is a
        // unit or symbol, or holds nothing but blanks and punctuation.
        const words = e.en.replace(/\{\w+\}/g, '').replace(/[\s:,.;()[\]…*#-]/g, '');
        if (e.zh === e.en && words !== '' && !VERBATIM.has(e.en)) problems.push(`${where}: not translated`);
        if (
          e.zh !== e.en &&
          /[a-z]{3,} [a-z]{3,} [a-z]{3,}/.test(e.zh.replace(/\{\w+\}|--[\w-]+|\S+\.\S+/g, ''))
        )
          problems.push(`${where}: English words left in the Chinese: ${e.zh}`);
      }
    }
    assert.deepEqual(problems, []);
    assert.ok(entries > 150, `only ${entries} entries`);
  });

  it('fills blanks once: a value that looks like a blank is shown, not filled', () => {
    assert.equal(fill('run {id} in {dir}', { id: '{dir}', dir: '/w' }), 'run {dir} in /w');
    assert.equal(fill('{a} and {b}', { a: 1 }), '1 and {b}');
  });

  it('a word from a catalogue fills a blank in each language', () => {
    const entry = { en: 'cannot read {file}', zh: '无法读取{file}' };
    const stdin = { en: 'stdin', zh: '标准输入' };
    assert.deepEqual(both(entry, { file: stdin }), { en: 'cannot read stdin', zh: '无法读取标准输入' });
    assert.equal(say('zh', entry, { file: stdin }), '无法读取标准输入');
  });
});
