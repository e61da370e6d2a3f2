// Each failing real run gets one clear summary first in `messages`, and describeExit words its end.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedResult } from '../../../src/core/engine';
import { describeExit } from '../../../src/core/engines/lar/exitReason';
import { hasFatalError, summarizeFailure } from '../../../src/core/engines/lar/failureSummary';
import { exitCodeOf, parseReal, parseStreams, parseText, REAL, realStems, streams } from './logFixtures';

const LT_HINT =
  'a model written by --layout-transform-dump from a model with an embedded test case fails this way; dump from a model without test case instead';

const SUMMARIES: Record<string, string> = {
  '17_run_dumped_lt_model': `the model's embedded test case does not match its inputs (assertion \`nr == size'); ${LT_HINT}`,
  '28_nonexistent_model': 'model file not found: does_not_exist.mge',
  '29_unknown_flag': 'unknown flag --no-such-flag',
  '30_corrupt_model': 'not a MegEngine graph dump (invalid model format)',
  '32_input_missing_npy':
    'input file missing or not a valid .npy file (io error: failed to open a file); check the --input paths',
  '33_cuda': 'unknown flag --cuda',
  '44_bad_int_value': "illegal value 'abc' for --iter (expects int32)",
  '45_unwritable_algo_cache':
    'cannot write algo cache /nonexistent_dir/algo.cache: No such file or directory',
  '49_algo_policy_nonexistent_file_no_fastrun':
    'the --fast-run-algo-policy cache file does not exist; add --fast-run or --full-run to create it',
  'convnet/15_run_lt_dump_of_testmodel': `model verification failed (invalid or corrupted model?); ${LT_HINT}`,
  'convnet/X08_nchw88_fast_run':
    'load_and_run aborted (mgb::MegDNNError): require algorithm with attribute(DEFAULT) and without attribute(NAIVE), but getalgorithm(DEFAULT) with attribute(REPRODUCIBLE | NAIVE)',
};

describe('failure summaries of the real failing runs', () => {
  for (const [stem, summary] of Object.entries(SUMMARIES)) {
    it(`${stem}: "${summary.slice(0, 60)}"`, () => {
      const r = parseReal(stem);
      assert.deepEqual(r.messages[0], { level: 'error', text: summary });
      assert.equal(r.complete, false);
      assert.equal(summarizeFailure(r), summary, 'the summary can be recomputed from a stored result');
      assert.equal(hasFatalError(r), true);
    });
  }

  it('28_nonexistent_model keeps the raw lines, cleaned, after the summary', () => {
    assert.deepEqual(parseReal('28_nonexistent_model').messages.slice(1), [
      { level: 'error', text: "terminate called after throwing an instance of 'mgb::AssertionError'" },
      {
        level: 'error',
        text: "what(): assertion `fin' failed at about location info, please build with debug:12: (null)",
      },
      { level: 'error', text: 'extra message: failed to open does_not_exist.mge: No such file or directory' },
    ]);
  });

  it('30_corrupt_model keeps the LITE[ERR] text without its timestamp', () => {
    assert.deepEqual(parseReal('30_corrupt_model').messages[1], {
      level: 'error',
      text: 'Lite exception: Error: invalid model format.',
    });
  });

  it("32_input_missing_npy: the abort glued to the npy reader's complaints is split off", () => {
    const texts = parseReal('32_input_missing_npy').messages.map((m) => m.text);
    assert.equal(
      texts[1],
      'io error: failed to open a file.io error: failed reading filethis file does not have a valid npy format.unsupported file format versioninvalid header',
    );
    assert.equal(texts[2], "terminate called after throwing an instance of 'std::bad_alloc'");
  });

  it('45_unwritable_algo_cache keeps every timing although the run failed', () => {
    const r = parseReal('45_unwritable_algo_cache');
    assert.equal(r.iterations.length, 3);
    assert.equal(r.totalMs, 0.356);
    assert.equal(r.phases.inference?.count, 3);
  });

  it('convnet/05_fast_run (SIGSEGV after prepare): load and config kept, nothing else, incomplete', () => {
    const r = parseReal('convnet/05_fast_run');
    assert.equal(r.phases.loadMs, 12.274);
    assert.equal(r.phases.configMs, 1.393);
    assert.deepEqual(r.phases.warmupMs, []);
    assert.equal(r.complete, false);
    assert.deepEqual(r.messages, [], 'the crash printed nothing; the exit code tells');
  });

  it('completed runs carry no summary', () => {
    for (const stem of realStems()) {
      const r = parseReal(stem);
      if (r.complete) assert.equal(summarizeFailure(r), null, stem);
    }
  });

  it('pty captures: colours and CRLF do not change the summary', () => {
    const corrupt = parseText(readFileSync(join(REAL, 'pty', 'pty_both_corrupt_lite_err.raw'), 'utf8'));
    assert.equal(corrupt.messages[0].text, 'not a MegEngine graph dump (invalid model format)');
    const flag = parseText(readFileSync(join(REAL, 'pty', 'pty_both_unknown_flag.raw'), 'utf8'));
    assert.equal(flag.messages[0].text, 'unknown flag --no-such-flag');
  });

  it('shell messages over ssh: segfault and a missing binary are fatal with a summary', () => {
    const seg = parseText(
      '=== prepare: 1.0ms; going to warmup\nbash: line 1: 4242 Segmentation fault      (core dumped) load_and_run m.mge\n',
    );
    assert.equal(seg.messages[0].text, 'load_and_run crashed (segmentation fault)');
    const missing = parseText('bash: load_and_run: command not found\n');
    assert.equal(missing.messages[0].text, 'load_and_run was not found on the target (command not found)');
  });
});

describe('describeExit', () => {
  const exitOf = (stem: string): { status: string; reason: string } => {
    const { parser, result } = parseStreams(streams(REAL, stem));
    return describeExit(exitCodeOf(stem), null, result, parser.phase());
  };

  it('0 and complete: ok', () => {
    assert.deepEqual(exitOf('04_defaults'), { status: 'ok', reason: '' });
    assert.deepEqual(exitOf('27_fitting'), { status: 'ok', reason: '' });
  });

  it('134: failed with the summary', () => {
    assert.deepEqual(exitOf('28_nonexistent_model'), {
      status: 'failed',
      reason: 'model file not found: does_not_exist.mge',
    });
    assert.deepEqual(exitOf('30_corrupt_model'), {
      status: 'failed',
      reason: 'not a MegEngine graph dump (invalid model format)',
    });
  });

  it('134 after the timings (45_): failed, numbers kept', () => {
    assert.deepEqual(exitOf('45_unwritable_algo_cache'), {
      status: 'failed',
      reason:
        'cannot write algo cache /nonexistent_dir/algo.cache: No such file or directory; the timings measured before are kept',
    });
  });

  it('139 after prepare (convnet/05_fast_run): crashed during warm-up', () => {
    assert.deepEqual(exitOf('convnet/05_fast_run'), {
      status: 'failed',
      reason: 'load_and_run crashed (segmentation fault) during warm-up',
    });
  });

  it("SIGSEGV as a signal, and without the parser's phase, says the same", () => {
    const r = parseReal('convnet/05_fast_run');
    assert.deepEqual(describeExit(null, 'SIGSEGV', r), {
      status: 'failed',
      reason: 'load_and_run crashed (segmentation fault) during warm-up',
    });
  });

  it('139 during --fitting (convnet/24_fitting)', () => {
    assert.deepEqual(exitOf('convnet/24_fitting'), {
      status: 'failed',
      reason:
        'load_and_run crashed (segmentation fault) during --fitting; the timings measured before are kept',
    });
  });

  it('1 with a gflags error: failed with that error', () => {
    assert.deepEqual(exitOf('29_unknown_flag'), { status: 'failed', reason: 'unknown flag --no-such-flag' });
    assert.deepEqual(exitOf('44_bad_int_value'), {
      status: 'failed',
      reason: "illegal value 'abc' for --iter (expects int32)",
    });
  });

  it('SIGTERM / SIGINT (also as 143/130 from a remote shell): cancelled', () => {
    const r = parseReal('convnet/05_fast_run');
    assert.equal(describeExit(null, 'SIGTERM', r).status, 'cancelled');
    assert.equal(describeExit(null, 'SIGINT', r).status, 'cancelled');
    assert.equal(describeExit(143, null, r).status, 'cancelled');
    assert.equal(
      describeExit(130, null, null).reason,
      'load_and_run was stopped (SIGINT) before loading the model',
    );
  });

  it('0 but the output stops early: partial', () => {
    const r = parseText(
      readFileSync(join(REAL, '04_defaults.err'), 'utf8').split('\n').slice(0, 12).join('\n'),
    );
    assert.deepEqual(describeExit(0, null, r), {
      status: 'partial',
      reason: 'load_and_run exited normally but its output stops during the timed iterations',
    });
  });

  it('other codes: killed, not found, usage, unknown', () => {
    assert.match(describeExit(null, 'SIGKILL', null).reason, /killed \(SIGKILL\).*out of memory/);
    assert.equal(describeExit(127, null, null).reason, 'load_and_run was not found (exit code 127)');
    assert.equal(describeExit(255, null, parseText('')).status, 'failed');
    assert.equal(
      describeExit(3, null, null).reason,
      'load_and_run exited with code 3 before loading the model',
    );
    const empty: ParsedResult | null = null;
    assert.equal(describeExit(null, null, empty).status, 'partial');
  });
});
