// Issue #15: the parser keeps iterations as numbers, reads plain iter lines on a fast path and the
// `parse` command writes the result as it streams. None of it may change a single byte of output.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LarOutputParser } from '../../../src/core/engines/lar/outputParser';
import { writeResultJson } from '../../../src/cli/resultJson';
import { HAND, parseText, REAL, realStems } from './logFixtures';

const texts = (): Array<[string, string]> => [
  ...realStems().map((s): [string, string] => [s, readFileSync(join(REAL, `${s}.all`), 'utf8')]),
  ...readdirSync(HAND).map((f): [string, string] => [`parser/${f}`, readFileSync(join(HAND, f), 'utf8')]),
];

/** The result of one parser fed `pieces`, one push each. */
function parsePieces(pieces: string[]): LarOutputParser {
  const p = new LarOutputParser();
  for (const piece of pieces) p.push(piece);
  p.end();
  return p;
}

describe('LarOutputParser: compact iterations and streamed results', () => {
  it('every real log split in two at every position gives the whole-string result', function () {
    // ~40,000 parses: compared as JSON text (deepEqual on each would dominate), and given time under load.
    this.timeout(120_000);
    for (const stem of realStems()) {
      const text = readFileSync(join(REAL, `${stem}.all`), 'utf8');
      if (text.length > 8_000) continue; // --help and the fitting log: messages only, quadratic here
      const want = JSON.stringify(parseText(text));
      for (let cut = 0; cut <= text.length; cut++) {
        const got = JSON.stringify(parsePieces([text.slice(0, cut), text.slice(cut)]).result());
        if (got !== want) assert.equal(got, want, `${stem} cut at ${cut}`);
      }
    }
  });

  it('the fast path for plain iter lines reads them as the full path does (colours force the full path)', () => {
    for (const [name, text] of texts()) {
      // A colour reset before each iter line's header: cleanLine strips it, FAST_ITER does not match.
      const coloured = text.replace(/^(\[[^\]]*\] iter )/gm, '\x1b[0m$1');
      if (coloured === text) continue;
      assert.deepEqual(parseText(coloured), parseText(text), name);
    }
  });

  it('forEachIteration and resultWithoutIterations add up to result()', () => {
    for (const [name, text] of texts()) {
      const p = parsePieces([text]);
      const visited: unknown[] = [];
      p.forEachIteration((it) => visited.push(it));
      assert.deepEqual({ ...p.resultWithoutIterations(), iterations: visited }, p.result(), name);
    }
  });

  it('live iterations (onIteration) are the kept ones', () => {
    const text = readFileSync(join(HAND, 'legacy_two_testcases.all'), 'utf8');
    const p = new LarOutputParser();
    const live: unknown[] = [];
    p.onIteration = (it) => live.push(it);
    p.push(text);
    p.end();
    assert.ok(live.length > 0);
    assert.deepEqual(live, p.result().iterations);
  });

  it('the streamed JSON is byte for byte JSON.stringify of the result, indented or compact', () => {
    for (const [name, text] of texts()) {
      const p = parsePieces([text]);
      const whole = p.result();
      for (const indent of [true, false]) {
        let streamed = '';
        const { iterationCount } = writeResultJson(p, indent, (s) => void (streamed += s));
        assert.equal(
          streamed,
          JSON.stringify(whole, null, indent ? 2 : undefined) + '\n',
          `${name} ${indent}`,
        );
        assert.equal(iterationCount, whole.iterations.length);
      }
    }
  });

  it('the streamed JSON of many iterations (several write batches) parses back to the result', () => {
    const lines = ['[24 02:48:19 @:116] run testcase: 0 '];
    for (let i = 0; i < 10_000; i++)
      lines.push(
        `[24 02:48:19 @:88] iter ${i}/10000: e2e=${(1 + (i % 7) / 1000).toFixed(3)} ms (host=0.017 ms)`,
      );
    const p = parsePieces([lines.join('\n') + '\n']);
    let streamed = '';
    writeResultJson(p, true, (s) => void (streamed += s));
    assert.deepEqual(JSON.parse(streamed), p.result());
    assert.equal(p.result().iterations.length, 10_000);
  });
});
