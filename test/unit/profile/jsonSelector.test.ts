import assert from 'node:assert/strict';
import { JsonSelector, JsonSyntaxError, type JsonPathPattern } from '../../../src/core/profile/jsonSelector';

function select(
  text: string,
  patterns: JsonPathPattern[],
  chunkSize = text.length,
): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  const s = new JsonSelector(patterns, (path, value) => out.push([path.join('.'), value]));
  for (let i = 0; i < text.length; i += chunkSize) s.write(text.slice(i, i + chunkSize));
  s.end();
  return out;
}

const DOC = JSON.stringify({
  skip: { deep: [1, 2, { '"q': 'a\\"}]b' }] },
  'k\\ey': { x: 1 },
  sel: { a: { v: [1, 2] }, 'b,}': 'str"ing', c: -1.5e3, d: true, e: null },
  arr: [{ n: 1 }, 'two', 3],
});

describe('JsonSelector', () => {
  it('hands back exactly the values at the selected paths, in file order', () => {
    const got = select(DOC, [['sel', '*'], ['arr', '1'], ['k\\ey']]);
    assert.deepEqual(got, [
      ['k\\ey', { x: 1 }],
      ['sel.a', { v: [1, 2] }],
      ['sel.b,}', 'str"ing'],
      ['sel.c', -1500],
      ['sel.d', true],
      ['sel.e', null],
      ['arr.1', 'two'],
    ]);
  });

  it('gives the same values whatever the chunk size (strings, escapes and keys split anywhere)', () => {
    const whole = select(DOC, [['sel', '*'], ['arr', '*'], ['skip']]);
    for (const size of [1, 2, 3, 5, 7, 13])
      assert.deepEqual(select(DOC, [['sel', '*'], ['arr', '*'], ['skip']], size), whole);
  });

  it('skips branches no pattern can reach, even when deeper keys look like a pattern\u2019s', () => {
    const doc = '{"a": {"x": {"c": 1, "b": {"c": 9}}, "b": {"c": 2, "d": [{"c": 3}]}}, "c": 4}';
    for (const size of [1, 4, doc.length]) {
      assert.deepEqual(select(doc, [['a', 'b', 'c']], size), [['a.b.c', 2]]);
    }
    // A selected container is handed back whole; nothing inside it is selected again.
    assert.deepEqual(
      select(doc, [
        ['a', '*'],
        ['a', 'b', 'c'],
      ]),
      [
        ['a.x', { c: 1, b: { c: 9 } }],
        ['a.b', { c: 2, d: [{ c: 3 }] }],
      ],
    );
  });

  it('selects array elements at the top level (a Chrome trace)', () => {
    assert.deepEqual(select(' [ {"a":1} , {"b":[2]} ]\n', [['*']], 4), [
      ['0', { a: 1 }],
      ['1', { b: [2] }],
    ]);
  });

  it('fails on a truncated document, a stray bracket, a malformed selected value and an empty text', () => {
    assert.throws(() => select('{"sel": {"a": [1, 2', [['sel', '*']]), JsonSyntaxError);
    assert.throws(() => select('{"a": 1}}', [['a']]), JsonSyntaxError);
    assert.throws(() => select('{"sel": {"a": [1,,2]}}', [['sel', '*']]), /bad JSON at sel\.a/);
    assert.throws(() => select('   ', [['a']]), /no JSON value/);
  });
});
