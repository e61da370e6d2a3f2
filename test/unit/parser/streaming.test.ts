// Streaming: any chunking gives the one-chunk result; bytes, CRLF, colours, two pipes; garbage never
// throws; memory stays bounded on hostile input.
import { mulberry32 as rng } from '../../../src/core/seededRandom';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { IterationTime } from '../../../src/core/engine';
import { LarOutputParser, MESSAGE_CAP } from '../../../src/core/engines/lar/outputParser';
import { HAND, parseText, REAL, realStems, streams, type Streams } from './logFixtures';

function chunks<T extends { length: number; slice(a: number, b: number): T }>(
  text: T,
  rand: () => number,
  maxLen: number,
): T[] {
  const out: T[] = [];
  for (let i = 0; i < text.length;) {
    const n = 1 + Math.floor(rand() * maxLen);
    out.push(text.slice(i, i + n));
    i += n;
  }
  return out;
}

/** Feeds stderr and stdout chunks interleaved at random, as two pipes arrive. */
function parseInterleaved(s: Streams, rand: () => number, maxLen: number): LarOutputParser {
  const p = new LarOutputParser();
  const err = chunks(s.err, rand, maxLen);
  const out = chunks(s.out, rand, maxLen);
  while (err.length || out.length) {
    if (err.length && (!out.length || rand() < 0.7)) p.push(err.shift() as string, 'stderr');
    else p.push(out.shift() as string, 'stdout');
  }
  p.end();
  return p;
}

function oneChunk(s: Streams): LarOutputParser {
  const p = new LarOutputParser();
  p.push(s.err, 'stderr');
  p.push(s.out, 'stdout');
  p.end();
  return p;
}

const allTexts = (): Array<[string, string]> => [
  ...realStems().map((s): [string, string] => [`${s}.all`, readFileSync(join(REAL, `${s}.all`), 'utf8')]),
  ...readdirSync(join(REAL, 'pty')).map((f): [string, string] => [
    `pty/${f}`,
    readFileSync(join(REAL, 'pty', f), 'utf8'),
  ]),
  ...readdirSync(HAND).map((f): [string, string] => [`parser/${f}`, readFileSync(join(HAND, f), 'utf8')]),
];

describe('LarOutputParser streaming', () => {
  it('every real log (.err/.out as two pipes): random chunkings and interleavings equal the one-chunk parse', () => {
    const rand = rng(1);
    for (const stem of realStems()) {
      const s = streams(REAL, stem);
      const want = oneChunk(s);
      for (const maxLen of [1, 7, 64, 4096]) {
        const got = parseInterleaved(s, rand, maxLen);
        assert.deepEqual(got.result(), want.result(), `${stem} max chunk ${maxLen}`);
        assert.equal(got.phase(), want.phase(), stem);
      }
    }
  });

  it('every merged capture (.all, pty, hand-made): random byte chunkings through pushBytes equal the string parse', () => {
    const rand = rng(2);
    for (const [name, text] of allTexts()) {
      const want = parseText(text);
      const bytes = new TextEncoder().encode(text);
      for (const maxLen of [1, 3, 50]) {
        const p = new LarOutputParser();
        for (const c of chunks(bytes, rand, maxLen)) p.pushBytes(c);
        p.end();
        assert.deepEqual(p.result(), want, `${name} max chunk ${maxLen}`);
      }
    }
  });

  it('a UTF-8 character split between byte chunks arrives whole', () => {
    const p = new LarOutputParser();
    const bytes = new TextEncoder().encode('[24 02:48:23 @:258][WARN] 模型形状不是常量\n');
    const cut = bytes.indexOf(0xe5) + 1; // inside the first Chinese character
    p.pushBytes(bytes.slice(0, cut));
    p.pushBytes(bytes.slice(cut));
    p.end();
    assert.deepEqual(p.result().messages, [{ level: 'warn', text: '模型形状不是常量' }]);
  });

  it('the pty capture (colours, CRLF) parses to its numbers with clean message text', () => {
    const r = parseText(readFileSync(join(REAL, 'pty', 'pty_both_record_comp_seq.raw'), 'utf8'));
    assert.equal(r.phases.loadMs, 7.915);
    assert.equal(r.phases.configMs, 0.569);
    assert.deepEqual(r.phases.warmupMs, [2.07]);
    assert.deepEqual(
      r.iterations.map((i) => [i.e2eMs, i.hostMs]),
      [
        [0.206, 0.203],
        [0.127, 0.126],
      ],
    );
    assert.equal(r.testcases[0].meanMs, 0.167);
    assert.equal(r.totalMs, 0.333);
    assert.equal(r.complete, true);
    assert.equal(r.messages.length, 1);
    assert.equal(r.messages[0].level, 'warn');
    assert.match(r.messages[0].text, /^Non-const var shape detected\. .*record mode$/);
  });

  it('a CRLF and an ANSI escape split across string chunks', () => {
    const p = new LarOutputParser();
    for (const c of [
      '\x1b[3',
      '2m[24 02:49:02 @:51]\x1b[0m load model: 7.915ms\r',
      '\n',
      '\x1b[32m[24 02:49:02 @:129]\x1b',
      '[0m === total time: 1.000ms\r\n',
    ]) {
      p.push(c);
    }
    p.end();
    const r = p.result();
    assert.equal(r.phases.loadMs, 7.915);
    assert.equal(r.totalMs, 1);
  });

  it('stdout arriving in the middle of a stderr line does not splice into it', () => {
    const p = new LarOutputParser();
    p.push('[24 02:48:19 @:88] iter 0/1: e2e=0.1', 'stderr');
    p.push('the best options:\n--cpu=true\n', 'stdout');
    p.push('39 ms (host=0.034 ms)\n', 'stderr');
    p.end();
    const r = p.result();
    assert.deepEqual(r.iterations, [{ testcase: 0, index: 0, e2eMs: 0.139, hostMs: 0.034, deviceMs: null }]);
    assert.equal(r.fitting?.best, '--cpu=true');
  });

  it('result() mid-run is a partial view; onIteration fires once per iteration, in order', () => {
    const text = streams(REAL, '04_defaults').err;
    const p = new LarOutputParser();
    const seen: IterationTime[] = [];
    p.onIteration = (it) => seen.push(it);
    const half = text.indexOf('iter 5/10');
    p.push(text.slice(0, half));
    const mid = p.result();
    assert.equal(mid.iterations.length, 5);
    assert.equal(mid.complete, false);
    assert.equal(mid.totalMs, null);
    assert.equal(mid.phases.inference?.count, 5);
    assert.equal(p.phase(), 'inference');
    p.push(text.slice(half));
    p.end();
    assert.deepEqual(seen, p.result().iterations);
    assert.equal(seen.length, 10);
    assert.equal(mid.iterations.length, 5, 'an earlier result is not changed by later input');
  });

  it('an unterminated last line is parsed at end(), not before', () => {
    const p = new LarOutputParser();
    p.push('[24 02:48:19 @:129] === total time: 0.970ms');
    assert.equal(p.result().totalMs, null);
    p.end();
    assert.equal(p.result().totalMs, 0.97);
  });

  it('a listener that throws does not stop the parse', () => {
    const p = new LarOutputParser();
    p.onIteration = () => {
      throw new Error('chart bug');
    };
    p.push(streams(REAL, '04_defaults').err);
    p.end();
    assert.equal(p.result().iterations.length, 10);
  });
});

describe('LarOutputParser on hostile input', () => {
  it('random bytes and garbage never throw, whatever the chunking', () => {
    const rand = rng(3);
    const pieces = [
      '\n',
      '\r\n',
      '\x1b[',
      '[24 02:48:19 @:',
      '] ',
      'iter ',
      '0/',
      'e2e=',
      'nan',
      '-inf',
      '=== ',
      'finished test #',
      'time=',
      ' ms',
      'what(): ',
      "terminate called after throwing an instance of '",
      'LITE[',
      'ERR]',
      'profile option:',
      'the best options:',
      '--x',
      ' avg_time=',
      '9'.repeat(400),
      '\u0000',
      '\ud800',
      '模型',
    ];
    for (let round = 0; round < 200; round++) {
      const p = new LarOutputParser();
      p.onIteration = () => undefined;
      const n = Math.floor(rand() * 200);
      for (let i = 0; i < n; i++) {
        if (rand() < 0.5) {
          const bytes = new Uint8Array(Math.floor(rand() * 64));
          for (let j = 0; j < bytes.length; j++) bytes[j] = Math.floor(rand() * 256);
          p.pushBytes(bytes, rand() < 0.5 ? 'stdout' : 'stderr');
        } else {
          p.push(pieces[Math.floor(rand() * pieces.length)], rand() < 0.3 ? undefined : 'stderr');
        }
        if (rand() < 0.05) p.result();
      }
      p.end();
      const r = p.result();
      assert.equal(r.engine, 'load_and_run');
      // JSON-safe: no NaN or Infinity anywhere (they would become null silently).
      assert.doesNotThrow(() =>
        JSON.stringify(r, (_k, v) => {
          if (typeof v === 'number' && !Number.isFinite(v)) throw new Error(`non-finite ${v}`);
          return v;
        }),
      );
    }
  });

  it('shuffled real lines never throw and every iteration line is still counted', () => {
    const rand = rng(4);
    const lines = allTexts().flatMap(([, t]) => t.split('\n'));
    for (let round = 0; round < 20; round++) {
      const pick = Array.from({ length: 400 }, () => lines[Math.floor(rand() * lines.length)]);
      const want = pick.filter((l) =>
        /iter \d+\/\d+: (?:e2e=)?\d|=== finished run #\d+: time=\d/.test(l),
      ).length;
      const r = parseText(pick.join('\n'));
      assert.equal(r.iterations.length, want);
    }
  });

  it('a 5 MB line without newline is cut, not kept; lines after it still parse', () => {
    const p = new LarOutputParser();
    const junk = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 80; i++) p.push(junk);
    p.push('\n[24 02:48:19 @:51] load model: 1.500ms\n');
    p.end();
    assert.equal(p.result().phases.loadMs, 1.5);
  });

  it(`messages are capped at ${MESSAGE_CAP} with a count; the fatal lines after the cap survive`, () => {
    const p = new LarOutputParser();
    p.push('[24 02:48:19 @:10][WARN] again\n'.repeat(MESSAGE_CAP + 500));
    p.push("terminate called after throwing an instance of 'std::bad_alloc'\n  what():  std::bad_alloc\n");
    p.end();
    const r = p.result();
    assert.equal(r.messages[0].text, 'out of memory (std::bad_alloc)');
    assert.equal(r.messages.filter((m) => m.text === 'again').length, MESSAGE_CAP);
    assert.ok(
      r.messages.some((m) => m.text === "terminate called after throwing an instance of 'std::bad_alloc'"),
    );
    assert.equal(r.messages[r.messages.length - 1].text, '500 more messages not kept');
  });

  it('avg_time within %.3f rounding of the iterations is quiet; beyond 0.001 ms it is noted', () => {
    const log = (avg: string): string =>
      '[1 00:00:00 @:1] iter 0/2: e2e=0.100 ms (host=0.010 ms)\n[1 00:00:00 @:1] iter 1/2: e2e=0.101 ms (host=0.010 ms)\n' +
      `[1 00:00:00 @:1] === finished test #0: time=0.201 ms avg_time=${avg} ms standard_deviation=0.001 ms min=0.100 ms max=0.101 ms\n`;
    assert.deepEqual(parseText(log('0.101')).messages, []); // |0.1005 - 0.101| = 0.0005
    assert.deepEqual(parseText(log('0.100')).messages, []);
    assert.equal(parseText(log('0.102')).messages.length, 1); // 0.0015 > 0.001
  });
});
