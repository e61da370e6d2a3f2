// Every real run in reference/real-logs parses to the numbers read off the log by hand.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseReal, parseText, REAL, realStems } from './logFixtures';

interface Expected {
  loadMs: number;
  configMs: number;
  warmupMs: number[];
  iterations: number;
  first: [e2e: number, host: number] | null;
  avg: number | null;
  totalMs: number;
  complete?: boolean;
}

// Values copied from the `.err` files (the `.all` files are separate runs with other numbers).
const TABLE: Record<string, Expected> = {
  '04_defaults': {
    loadMs: 9.909,
    configMs: 0.481,
    warmupMs: [2.615],
    iterations: 10,
    first: [0.139, 0.034],
    avg: 0.097,
    totalMs: 0.97,
  },
  '09_fast_run': {
    loadMs: 9.3,
    configMs: 0.545,
    warmupMs: [114.926],
    iterations: 10,
    first: [0.16, 0.036],
    avg: 0.104,
    totalMs: 1.044,
  },
  '10_fast_run_algo_policy_write': {
    loadMs: 9.25,
    configMs: 0.496,
    warmupMs: [121.79],
    iterations: 10,
    first: [0.134, 0.036],
    avg: 0.097,
    totalMs: 0.966,
  },
  '11_algo_policy_read': {
    loadMs: 9.043,
    configMs: 0.57,
    warmupMs: [42.066],
    iterations: 10,
    first: [0.157, 0.058],
    avg: 0.102,
    totalMs: 1.025,
  },
  '13_enable_nchw88': {
    loadMs: 7.285,
    configMs: 15.861,
    warmupMs: [10.056],
    iterations: 10,
    first: [8.172, 0.038],
    avg: 8.337,
    totalMs: 83.372,
  },
  '15_layout_transform_cpu': {
    loadMs: 10.091,
    configMs: 42.368,
    warmupMs: [2.303],
    iterations: 10,
    first: [0.117, 0.023],
    avg: 0.092,
    totalMs: 0.921,
  },
  '18_weight_preprocess': {
    loadMs: 8.789,
    configMs: 0.444,
    warmupMs: [18.695],
    iterations: 10,
    first: [0.16, 0.043],
    avg: 0.104,
    totalMs: 1.04,
  },
  '19_fake_first_warmup2': {
    loadMs: 7.072,
    configMs: 0.467,
    warmupMs: [2.201, 0.301],
    iterations: 10,
    first: [0.118, 0.025],
    avg: 0.101,
    totalMs: 1.007,
  },
  '22_record_comp_seq': {
    loadMs: 10.402,
    configMs: 0.457,
    warmupMs: [34.457],
    iterations: 10,
    first: [0.218, 0.217],
    avg: 0.106,
    totalMs: 1.056,
  },
  '23_no_sanity_record2': {
    loadMs: 8.657,
    configMs: 1.133,
    warmupMs: [0.28],
    iterations: 10,
    first: [0.102, 0.102],
    avg: 0.093,
    totalMs: 0.935,
  },
  '24_profile': {
    loadMs: 6.934,
    configMs: 0.484,
    warmupMs: [31.138],
    iterations: 10,
    first: [0.2, 0.097],
    avg: 0.137,
    totalMs: 1.365,
  },
  '25_model_info': {
    loadMs: 12.333,
    configMs: 0.5,
    warmupMs: [34.396],
    iterations: 10,
    first: [0.15, 0.049],
    avg: 0.1,
    totalMs: 1.001,
  },
  '41_input_shape_string': {
    loadMs: 8.432,
    configMs: 0.393,
    warmupMs: [22.688],
    iterations: 3,
    first: [0.164, 0.05],
    avg: 0.121,
    totalMs: 0.362,
  },
  '43_iter0': {
    loadMs: 8.836,
    configMs: 0.463,
    warmupMs: [18.542],
    iterations: 0,
    first: null,
    avg: null,
    totalMs: 0,
  },
  '45_unwritable_algo_cache': {
    loadMs: 7.014,
    configMs: 0.5,
    warmupMs: [120.102],
    iterations: 3,
    first: [0.152, 0.03],
    avg: 0.119,
    totalMs: 0.356,
    complete: false,
  },
  '55_layout_transform_dump_notest_model': {
    loadMs: 7.582,
    configMs: 21.516,
    warmupMs: [2.738],
    iterations: 3,
    first: [0.113, 0.024],
    avg: 0.099,
    totalMs: 0.297,
  },
  '56_run_dumped_notest_lt_model': {
    loadMs: 9.057,
    configMs: 0.252,
    warmupMs: [3.857],
    iterations: 3,
    first: [0.151, 0.04],
    avg: 0.119,
    totalMs: 0.356,
  },
  'convnet/01_defaults_r1': {
    loadMs: 12.562,
    configMs: 1.23,
    warmupMs: [44.318],
    iterations: 10,
    first: [10.885, 0.199],
    avg: 10.585,
    totalMs: 105.852,
  },
  'convnet/11_enable_nchw88': {
    loadMs: 10.892,
    configMs: 14.931,
    warmupMs: [1719.859],
    iterations: 10,
    first: [1720.047, 0.123],
    avg: 1722.36,
    totalMs: 17223.604,
  },
  'convnet/13_layout_transform_cpu': {
    loadMs: 11.13,
    configMs: 927.343,
    warmupMs: [19.44],
    iterations: 10,
    first: [11.428, 0.055],
    avg: 11.25,
    totalMs: 112.497,
  },
  'convnet/X10_k5_fast_run': {
    loadMs: 11.096,
    configMs: 1.363,
    warmupMs: [4739.015],
    iterations: 10,
    first: [10.851, 0.075],
    avg: 9.928,
    totalMs: 99.283,
  },
  'convnet/X11_k5_fast_run_policy_write': {
    loadMs: 13.166,
    configMs: 1.308,
    warmupMs: [4763.529],
    iterations: 10,
    first: [10.252, 0.068],
    avg: 9.665,
    totalMs: 96.654,
  },
  'convnet/X12_k5_policy_read': {
    loadMs: 10.359,
    configMs: 1.391,
    warmupMs: [20.219],
    iterations: 10,
    first: [10.351, 0.079],
    avg: 9.709,
    totalMs: 97.091,
  },
  'convnet/X13_k5_policy_read_wp': {
    loadMs: 11.71,
    configMs: 1.363,
    warmupMs: [20.393],
    iterations: 10,
    first: [10.372, 0.09],
    avg: 9.66,
    totalMs: 96.603,
  },
  'convnet/X15_k5_recipe1_cpu_lt_dump': {
    loadMs: 12.723,
    configMs: 804.97,
    warmupMs: [16.608],
    iterations: 10,
    first: [9.873, 0.043],
    avg: 9.925,
    totalMs: 99.25,
  },
  'convnet/X16_k5_recipe2_fastrun_cache_wp': {
    loadMs: 9.689,
    configMs: 0.553,
    warmupMs: [2141.312],
    iterations: 10,
    first: [10.117, 0.069],
    avg: 9.713,
    totalMs: 97.135,
  },
  'convnet/X17_k5_recipe3_cache_wp_fakefirst': {
    loadMs: 13.402,
    configMs: 0.683,
    warmupMs: [7.523],
    iterations: 10,
    first: [23.955, 0.211],
    avg: 12.19,
    totalMs: 121.895,
  },
};

describe('LarOutputParser on the real logs', () => {
  for (const [stem, want] of Object.entries(TABLE)) {
    it(`${stem}: phases, iterations, test case and total`, () => {
      const r = parseReal(stem);
      assert.equal(r.engine, 'load_and_run');
      assert.deepEqual(r.tool, { generation: 'lite', megbrain: '1.9999.0', megdnn: '9.3.0' });
      assert.equal(r.phases.loadMs, want.loadMs);
      assert.equal(r.phases.configMs, want.configMs);
      assert.deepEqual(r.phases.warmupMs, want.warmupMs);
      assert.equal(r.iterations.length, want.iterations);
      if (want.first) {
        assert.deepEqual(r.iterations[0], {
          testcase: 0,
          index: 0,
          e2eMs: want.first[0],
          hostMs: want.first[1],
          deviceMs: null,
        });
        assert.deepEqual(
          r.iterations.map((i) => i.index),
          Array.from({ length: want.iterations }, (_, i) => i),
        );
        assert.equal(r.testcases.length, 1);
        assert.equal(r.testcases[0].meanMs, want.avg);
        assert.equal(r.phases.inference?.count, want.iterations);
      } else {
        assert.deepEqual(r.testcases, []);
        assert.equal(r.phases.inference, null);
      }
      assert.equal(r.totalMs, want.totalMs);
      assert.equal(r.complete, want.complete ?? true);
      assert.equal(r.fitting, null);
      // The tool's avg agrees with its iter lines within %.3f rounding: no disagreement note.
      assert.deepEqual(
        r.messages.filter((m) => m.text.startsWith('test case #')),
        [],
      );
    });
  }

  it('04_defaults: the whole test case line and the computed inference summary', () => {
    const r = parseReal('04_defaults');
    assert.deepEqual(r.testcases, [
      { index: 0, totalMs: 0.97, meanMs: 0.097, sdMs: 0.016, minMs: 0.086, maxMs: 0.139 },
    ]);
    // By hand: sum 0.970, squared deviations 2178e-6, sd = sqrt(2178e-6 / 9) = 0.0155563; median (0.091 + 0.093) / 2.
    assert.deepEqual(r.phases.inference, {
      meanMs: 0.097,
      sdMs: 0.015556,
      minMs: 0.086,
      maxMs: 0.139,
      medianMs: 0.092,
      count: 10,
    });
    assert.deepEqual(r.messages, []);
  });

  it('19_fake_first_warmup2: configMs is the FIRST prepare (0.467), not the second (0.014)', () => {
    const r = parseReal('19_fake_first_warmup2');
    assert.equal(r.phases.configMs, 0.467);
  });

  it('22/23 record-comp-seq: the [WARN] line becomes one clean warning', () => {
    for (const stem of ['22_record_comp_seq', '23_no_sanity_record2']) {
      assert.deepEqual(parseReal(stem).messages, [
        {
          level: 'warn',
          text: "Non-const var shape detected. Make sure all shapes are constant. Check whether 'const_var_shape' is set in GraphLoadConfig under record mode",
        },
      ]);
    }
  });

  it('25_model_info: the info table after a header is not mistaken for anything', () => {
    const r = parseReal('25_model_info');
    assert.deepEqual(r.messages, []);
    assert.equal(r.iterations.length, 10);
  });

  it('43_iter0: no finished line, total 0.000, complete', () => {
    const r = parseReal('43_iter0');
    assert.equal(r.totalMs, 0);
    assert.equal(r.complete, true);
  });

  it("the sum of every complete run's iterations matches the printed test case time within rounding", () => {
    for (const stem of Object.keys(TABLE)) {
      const r = parseReal(stem);
      if (r.testcases.length === 0) continue;
      const sum = r.iterations.reduce((s, i) => s + i.e2eMs, 0);
      assert.ok(Math.abs(sum - (r.testcases[0].totalMs ?? NaN)) <= 0.0005 * r.iterations.length + 1e-9, stem);
    }
  });

  it('the table covers every real run that completed (and only those)', () => {
    const completed = realStems().filter((s) => parseReal(s).complete);
    const expected = Object.keys(TABLE).filter((s) => TABLE[s].complete !== false);
    // Fitting runs complete without timings of their own; they have their own test.
    assert.deepEqual(
      completed.filter((s) => !s.includes('fitting')),
      expected.sort(),
    );
  });
});

describe('LarOutputParser on --fitting', () => {
  it('27_fitting: ten candidates with options and avg_time, the best block from stdout', () => {
    const r = parseReal('27_fitting');
    assert.ok(r.fitting);
    assert.deepEqual(
      r.fitting.candidates.map((c) => c.meanMs),
      [0.091, 0.093, 0.098, 0.093, 8.361, 0.093, 0.094, 0.1, 0.097, 0.095],
    );
    assert.deepEqual(r.fitting.candidates[0], {
      options: '--enable_fuse_conv_bias_nonlinearity=true --cpu=true',
      meanMs: 0.091,
    });
    assert.equal(
      r.fitting.candidates[2].options,
      '--enable_fuse_conv_bias_nonlinearity=true --cpu=true --layout_transform="cpu"',
    );
    assert.equal(
      r.fitting.candidates[4].options,
      '--enable_nchw88=true --enable_fuse_conv_bias_nonlinearity=true --cpu=true',
    );
    assert.equal(r.fitting.best, '--enable_fuse_conv_bias_nonlinearity=true --cpu=true');
    assert.equal(r.complete, true);
    // The candidates' own warm-ups and iterations are not the run's phases.
    assert.deepEqual(r.phases, { loadMs: null, configMs: null, warmupMs: [], inference: null });
    assert.deepEqual(r.iterations, []);
    // The failed candidate: its exception and its options stay with their [ERR] messages.
    assert.deepEqual(
      r.messages.map((m) => m.level),
      ['error', 'error', 'warn'],
    );
    assert.match(r.messages[0].text, /^catch exception: assertion `contain_attribute_all/);
    assert.match(r.messages[0].text, /\nextra message: require algorithm with attribute\(DEFAULT\)/);
    assert.equal(
      r.messages[1].text,
      'out of time (this may be caused by some exception, please checkout the log) when profile option:\n' +
        '--weight_preprocess=true\n--fast_run=true\n--enable_nchw88=true\n--enable_fuse_conv_bias_nonlinearity=true\n--cpu=true',
    );
  });

  it('27_fitting.all (merged capture, stdout block at the end): the other run chose const_shape', () => {
    const r = parseText(readFileSync(join(REAL, '27_fitting.all'), 'utf8'));
    assert.equal(r.fitting?.best, '--const_shape=true --enable_fuse_conv_bias_nonlinearity=true --cpu=true');
    assert.equal(r.fitting?.candidates.length, 10);
  });

  it("X19_k5_fitting: nine candidates, two timed out; the tool's choice is kept as printed", () => {
    const r = parseReal('convnet/X19_k5_fitting');
    assert.deepEqual(
      r.fitting?.candidates.map((c) => c.meanMs),
      [11.007, 10.105, 10.917, 10.552, 9.776, 9.753, 9.859, 9.797, 9.829],
    );
    assert.equal(
      r.fitting?.best,
      '--enable_fuse_preprocess=true --weight_preprocess=true --fast_run=true --enable_fuse_conv_bias_nonlinearity=true --cpu=true',
    );
    assert.equal(r.messages.filter((m) => m.text.startsWith('out of time')).length, 2);
    assert.equal(r.complete, true);
  });

  it('convnet/24_fitting (segfault mid-search): one candidate kept, no best, incomplete', () => {
    const r = parseReal('convnet/24_fitting');
    assert.deepEqual(r.fitting, {
      candidates: [{ options: '--enable_fuse_conv_bias_nonlinearity=true --cpu=true', meanMs: 11.491 }],
      best: null,
    });
    assert.equal(r.complete, false);
  });
});
