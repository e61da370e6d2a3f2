// Issue #9's rule, checked on the source: no code outside src/core/engines/ names an engine id or a
// model extension (a third engine is a folder and one registry line). The same search as
// `grep -rn "'load_and_run'\|'onnxruntime'\|\.onnx'\|\.mge'\|\.mgb'\|\.mdl'" src | grep -v src/core/engines/`.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';

const SRC = resolve('src');
const ENGINES = join(SRC, 'core', 'engines') + sep;
const NAMES_AN_ENGINE = /'load_and_run'|'onnxruntime'|\.onnx'|\.mge'|\.mgb'|\.mdl'/;
/** `tool.generation: 'onnxruntime'` is a value of the public parsed-result JSON, not an engine id. */
const GENERATION = /\bgeneration\b/;

function tsFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const path = join(dir, d.name);
    if (d.isDirectory()) return tsFiles(path);
    return d.name.endsWith('.ts') ? [path] : [];
  });
}

/** `file:line: text` of every line outside the engines that names an engine id or a model extension. */
function offenders(files: readonly string[]): string[] {
  return files
    .filter((f) => !f.startsWith(ENGINES))
    .flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .map((text, i) => ({ text, line: i + 1 }))
        .filter(({ text }) => NAMES_AN_ENGINE.test(text) && !GENERATION.test(text))
        .map(({ text, line }) => `${relative(SRC, f)}:${line}: ${text.trim()}`),
    );
}

describe('engine ids stay in src/core/engines/', () => {
  const files = tsFiles(SRC);

  it('scans the whole of src/, the engines included (so the search itself is not empty)', () => {
    assert.ok(files.length > 100, `only ${files.length} files under src/`);
    const inEngines = files.filter((f) => f.startsWith(ENGINES));
    // The engines do name themselves: the pattern finds them there, so it would find a stray one elsewhere.
    assert.ok(inEngines.some((f) => NAMES_AN_ENGINE.test(readFileSync(f, 'utf8'))));
  });

  it('no file outside src/core/engines/ names an engine id or a model extension', () => {
    assert.deepEqual(offenders(files), []);
  });
});
