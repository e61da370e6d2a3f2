// Hand-written logs (test/fixtures/parser/) for what the real build did not show: the older
// "mgb load-and-run" printf format (reference §2b), debug-build headers, --thread, --iter 1, several test cases.
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describeExit } from '../../../src/core/engines/lar/exitReason';
import { HAND, parseFile, parseStreams, streams } from './logFixtures';

describe('LarOutputParser on the older (legacy) format', () => {
  it('legacy_basic: stdout timings, a [WARN] on stderr', () => {
    const r = parseStreams(streams(HAND, 'legacy_basic')).result;
    assert.deepEqual(r.tool, { generation: 'legacy', megbrain: '1.6.0', megdnn: '9.3.0' });
    assert.equal(r.phases.loadMs, 12.345);
    assert.equal(r.phases.configMs, 1.234);
    assert.deepEqual(r.phases.warmupMs, [28.5]);
    assert.deepEqual(r.iterations, [
      { testcase: 0, index: 0, e2eMs: 5.2, hostMs: 0.31, deviceMs: 5.1 },
      { testcase: 0, index: 1, e2eMs: 5.1, hostMs: 0.3, deviceMs: 5.0 },
      { testcase: 0, index: 2, e2eMs: 5.4, hostMs: 0.32, deviceMs: 5.3 },
    ]);
    assert.deepEqual(r.testcases, [
      { index: 0, totalMs: 15.7, meanMs: 5.233, sdMs: 0.153, minMs: 5.1, maxMs: 5.4 },
    ]);
    // By hand: mean 15.7/3 = 5.233333, sd sqrt(0.046667/2) = 0.152753, median 5.2.
    assert.deepEqual(r.phases.inference, {
      meanMs: 5.233333,
      sdMs: 0.152753,
      minMs: 5.1,
      maxMs: 5.4,
      medianMs: 5.2,
      count: 3,
    });
    assert.equal(r.totalMs, 15.7);
    assert.equal(r.complete, true);
    assert.deepEqual(r.messages, [{ level: 'warn', text: 'enable nchw44 optimization' }]);
  });

  it('legacy_two_testcases: warm-ups before #0 only, iterations tagged by test case', () => {
    const r = parseFile(join(HAND, 'legacy_two_testcases.all'));
    assert.equal(r.tool.generation, 'legacy');
    assert.equal(r.tool.megdnn, '9.2.1');
    assert.deepEqual(r.phases.warmupMs, [40, 10.5]);
    assert.deepEqual(
      r.iterations.map((i) => [i.testcase, i.index, i.e2eMs]),
      [
        [0, 0, 10],
        [0, 1, 12],
        [1, 0, 11],
        [1, 1, 11],
      ],
    );
    assert.deepEqual(
      r.testcases.map((t) => [t.index, t.meanMs, t.sdMs]),
      [
        [0, 11, 1.414],
        [1, 11, 0],
      ],
    );
    assert.equal(r.totalMs, 44);
    assert.deepEqual(r.messages, [{ level: 'warn', text: 'enable nchw44 optimization' }]);
  });

  it('legacy_no_input: `=== finished run #I` lines are iterations, `avg time:` the test case mean', () => {
    const r = parseFile(join(HAND, 'legacy_no_input.out'));
    assert.deepEqual(
      r.iterations.map((i) => [i.index, i.e2eMs, i.hostMs, i.deviceMs]),
      [
        [0, 2, null, null],
        [1, 1.5, null, null],
        [2, 1.6, null, null],
      ],
    );
    assert.deepEqual(r.testcases, [
      { index: 0, totalMs: null, meanMs: 1.7, sdMs: null, minMs: null, maxMs: null },
    ]);
    assert.equal(r.phases.configMs, null, 'no warm-up ran, so the configuration time is unknown');
    assert.equal(r.totalMs, 5.1);
    assert.equal(r.complete, true);
  });

  it('legacy_invalid_arg: `invalid arg:` is fatal with a summary', () => {
    const r = parseFile(join(HAND, 'legacy_invalid_arg.err'));
    assert.equal(r.tool.generation, 'legacy');
    assert.deepEqual(r.messages, [
      { level: 'error', text: 'unknown flag --no-such-flag' },
      { level: 'error', text: 'invalid arg: --no-such-flag' },
    ]);
    assert.deepEqual(describeExit(1, null, r), { status: 'failed', reason: 'unknown flag --no-such-flag' });
  });
});

describe('LarOutputParser on hand-made current-format logs', () => {
  it('debug_headers: function@file headers stripped, [DEBUG] dropped, [WARN] kept', () => {
    const r = parseFile(join(HAND, 'debug_headers.err'));
    assert.equal(r.tool.megbrain, '1.9999.0');
    assert.equal(r.phases.loadMs, 9.909);
    assert.equal(r.phases.configMs, 0.481);
    assert.deepEqual(
      r.iterations.map((i) => i.e2eMs),
      [0.139, 0.094],
    );
    assert.equal(r.testcases[0].meanMs, 0.117);
    assert.equal(r.totalMs, 0.233);
    assert.deepEqual(r.messages, [{ level: 'warn', text: 'Non-const var shape detected.' }]);
    assert.equal(r.complete, true);
  });

  it('threads (--thread 2): interleaved lines, shared indices, all iterations kept', () => {
    const r = parseFile(join(HAND, 'threads.err'));
    assert.equal(r.iterations.length, 6);
    assert.deepEqual(
      r.iterations.map((i) => i.index),
      [0, 0, 1, 1, 2, 2],
    );
    assert.equal(r.phases.configMs, 1);
    assert.deepEqual(r.phases.warmupMs, [40, 41]);
    assert.deepEqual(
      r.testcases.map((t) => [t.index, t.meanMs]),
      [
        [0, 10],
        [0, 20],
      ],
    );
    assert.equal(r.phases.inference?.meanMs, 15);
    // Two finished lines for #0: no single mean to check against, so no disagreement note.
    assert.deepEqual(r.messages, []);
    assert.equal(r.complete, true);
  });

  it('iter1_nan (--iter 1): -nan standard deviation is null; the computed sd of one sample is 0', () => {
    const r = parseFile(join(HAND, 'iter1_nan.err'));
    assert.deepEqual(r.testcases, [
      { index: 0, totalMs: 0.139, meanMs: 0.139, sdMs: null, minMs: 0.139, maxMs: 0.139 },
    ]);
    assert.deepEqual(r.phases.inference, {
      meanMs: 0.139,
      sdMs: 0,
      minMs: 0.139,
      maxMs: 0.139,
      medianMs: 0.139,
      count: 1,
    });
    assert.equal(r.complete, true);
  });

  it('two_testcases: test case indices, one warm-up, and a note where avg_time disagrees', () => {
    const r = parseFile(join(HAND, 'two_testcases.err'));
    assert.deepEqual(
      r.iterations.map((i) => i.testcase),
      [0, 0, 1, 1],
    );
    assert.deepEqual(r.phases.warmupMs, [18]);
    assert.equal(r.phases.inference?.meanMs, 4);
    assert.equal(r.phases.inference?.medianMs, 4);
    // Test case #1 printed 6.500 while its iterations average 6.000 (deliberately wrong in the fixture).
    assert.deepEqual(r.messages, [
      {
        level: 'info',
        text: 'test case #1: load_and_run reports avg_time=6.500 ms but its 2 iter lines average 6.000 ms',
      },
    ]);
  });
});
