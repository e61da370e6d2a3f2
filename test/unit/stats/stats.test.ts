// Statistics against values from textbook tables, hand calculation, and (where noted) scipy 1.17.
import assert from 'node:assert/strict';
import {
  coefficientOfVariation,
  compareSamples,
  HYPERFINE_OUTLIER_Z,
  mad,
  mannWhitneyU,
  max,
  mean,
  meanConfidenceInterval,
  median,
  medianConfidenceInterval,
  min,
  modifiedZScores,
  normalCdf,
  outlierFlags,
  percentile,
  ratioOfMeans,
  regularizedIncompleteBeta,
  sd,
  studentTCdf,
  studentTQuantile,
  summarize,
  welchTTest,
} from '../../../src/core/stats';

const close = (actual: number | null | undefined, expected: number, tol = 1e-6, what = ''): void => {
  assert.ok(
    actual !== null && actual !== undefined && Math.abs(actual - expected) <= tol,
    `${what} ${actual} !~ ${expected} (±${tol})`,
  );
};

// convnet/X17_k5_recipe3_cache_wp_fakefirst: --fake-first pushed the first real runs into the timed iterations.
const X17 = [23.955, 18.359, 10.111, 10.005, 10.005, 9.769, 9.882, 9.891, 9.998, 9.92];

describe('stats: location and spread', () => {
  it('mean, sample sd, min, max', () => {
    const xs = [2, 4, 4, 4, 5, 5, 7, 9];
    assert.equal(mean(xs), 5);
    close(sd(xs), Math.sqrt(32 / 7), 1e-12); // 2.13809
    assert.equal(min(xs), 2);
    assert.equal(max(xs), 9);
    assert.ok(Number.isNaN(mean([])));
    assert.ok(Number.isNaN(sd([1])), 'one sample has no sample sd');
  });

  it('median and percentiles by linear interpolation (numpy default)', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    close(percentile([1, 2, 3, 4], 90), 3.7, 1e-12);
    close(percentile([1, 2, 3, 4], 99), 3.97, 1e-12);
    assert.equal(percentile([1, 2, 3, 4], 0), 1);
    assert.equal(percentile([1, 2, 3, 4], 100), 4);
    assert.equal(percentile([7], 90), 7);
  });

  it('coefficient of variation and MAD (the Wikipedia example: 1 1 2 2 4 6 9 -> 1)', () => {
    close(coefficientOfVariation([2, 4, 4, 4, 5, 5, 7, 9]), Math.sqrt(32 / 7) / 5, 1e-12);
    assert.equal(mad([1, 1, 2, 2, 4, 6, 9]), 1);
  });
});

describe('stats: outliers', () => {
  it('modified z-scores 0.6745 (x - median) / MAD, flagged above 3.5', () => {
    const z = modifiedZScores([1, 1, 2, 2, 4, 6, 9]);
    close(z[6], 0.6745 * 7, 1e-12);
    assert.deepEqual(outlierFlags([1, 1, 2, 2, 4, 6, 9]), [false, false, false, false, false, false, true]);
  });

  it('flags the two --fake-first runs of X17 and nothing else', () => {
    assert.deepEqual(
      outlierFlags(X17).flatMap((f, i) => (f ? [i] : [])),
      [0, 1],
    );
  });

  it("with HYPERFINE_OUTLIER_Z it reproduces hyperfine's own outlier test cases", () => {
    const count = (xs: number[]): number => outlierFlags(xs, HYPERFINE_OUTLIER_Z).filter(Boolean).length;
    assert.equal(count([]), 0);
    assert.equal(count([50]), 0);
    assert.equal(count([1000, 0]), 0);
    assert.equal(count([-0.2, 0.0, 0.2]), 0);
    assert.equal(count([-0.2, 0.0, 0.2, 4.0]), 1);
    assert.equal(count([0.5, 0.3, 0.29, 0.31, 0.3]), 1);
    const normal = [
      2.33269488, 1.42195907, -0.57527698, -0.31293437, 2.2948158, 0.75813273, -1.0712388, -0.96394741,
      -1.15897446, 1.10976285,
    ];
    assert.equal(count(normal), 0);
    assert.equal(count([...normal, 20, -500]), 2);
  });

  it('MAD = 0 falls back to the mean absolute deviation instead of dividing by ~0', () => {
    // Seven equal values and one far away: MeanAD = 90/8, z = 90 / (1.253314 * 11.25) = 6.383.
    const z = modifiedZScores([10, 10, 10, 10, 10, 10, 10, 100]);
    close(z[7], 90 / (1.253314 * 11.25), 1e-9);
    assert.deepEqual(outlierFlags([10, 10, 10, 10, 10, 10, 10, 100, 100]).filter(Boolean).length, 2);
    assert.deepEqual(modifiedZScores([5, 5, 5]), [0, 0, 0]);
  });
});

describe('stats: distributions', () => {
  it('Student t quantiles match the textbook table', () => {
    const table: Array<[number, number, number]> = [
      [0.975, 9, 2.262157],
      [0.975, 1, 12.706205],
      [0.975, 2, 4.302653],
      [0.975, 4, 2.776445],
      [0.975, 29, 2.04523],
      [0.995, 5, 4.032143],
      [0.95, 10, 1.812461],
      [0.975, 1e6, 1.959966],
      [0.975, 2.5, 3.574655], // fractional df (Welch), scipy
    ];
    for (const [p, df, t] of table) close(studentTQuantile(p, df), t, 2e-6, `t(${p}, ${df})`);
    close(studentTQuantile(0.025, 9), -2.262157, 2e-6);
    assert.ok(Number.isNaN(studentTQuantile(1, 9)));
  });

  it('Student t CDF: closed forms for df 1 and 2, scipy elsewhere', () => {
    assert.equal(studentTCdf(0, 7), 0.5);
    close(studentTCdf(1, 1), 0.75, 1e-12); // Cauchy
    close(studentTCdf(1, 2), 0.5 + 1 / (2 * Math.sqrt(3)), 1e-12);
    close(studentTCdf(-2.5, 3.7), 0.035911011, 1e-8);
    close(studentTCdf(40, 3), 0.99998281, 1e-8);
  });

  it('Student t CDF agrees with numerical integration of the density', () => {
    for (const df of [1.5, 3, 8, 30]) {
      const logC = Math.log(Math.PI * df) / -2 + lgammaRatio(df);
      const pdf = (x: number): number => Math.exp(logC - ((df + 1) / 2) * Math.log(1 + (x * x) / df));
      for (const t of [0.3, 1.7, 4]) {
        // Simpson's rule on [0, t], plus the half below 0.
        const n = 2000;
        const h = t / n;
        let s = pdf(0) + pdf(t);
        for (let i = 1; i < n; i++) s += (i % 2 ? 4 : 2) * pdf(i * h);
        close(studentTCdf(t, df), 0.5 + (s * h) / 3, 1e-9, `df ${df} t ${t}`);
      }
    }
  });

  it('regularized incomplete beta: the binomial identity and scipy', () => {
    close(regularizedIncompleteBeta(0.5, 2, 3), 11 / 16, 1e-12); // P(Bin(4, 0.5) >= 2)
    close(regularizedIncompleteBeta(0.3, 1, 1), 0.3, 1e-12);
    close(regularizedIncompleteBeta(0.9, 0.5, 4.5), 0.99999146195, 1e-10);
    close(regularizedIncompleteBeta(0.4, 30, 40), 0.3181438026, 1e-9);
    assert.equal(regularizedIncompleteBeta(0, 2, 3), 0);
    assert.equal(regularizedIncompleteBeta(1, 2, 3), 1);
  });

  it('normal CDF', () => {
    close(normalCdf(0), 0.5, 1e-7);
    close(normalCdf(1.959964), 0.975, 1e-7);
    close(normalCdf(-3), 0.001349898, 1e-8);
  });
});

describe('stats: confidence intervals', () => {
  it('mean: Student t interval (scipy t.interval)', () => {
    const ci = meanConfidenceInterval([2, 4, 4, 4, 5, 5, 7, 9]);
    close(ci?.low, 3.212512, 1e-6);
    close(ci?.high, 6.787488, 1e-6);
    assert.equal(ci?.level, 0.95);
    assert.equal(meanConfidenceInterval([1]), null);
  });

  it('median: order statistics from the binomial (n = 10 -> x(2), x(9), coverage 97.85 %)', () => {
    const ci = medianConfidenceInterval([10, 1, 9, 2, 8, 3, 7, 4, 6, 5]);
    assert.deepEqual(ci, { low: 2, high: 9, level: 1 - (2 * 11) / 1024 });
    assert.deepEqual(medianConfidenceInterval([1, 2, 3, 4, 5, 6]), { low: 1, high: 6, level: 1 - 2 / 64 });
    assert.equal(medianConfidenceInterval([1, 2, 3, 4, 5]), null, 'five samples cannot give 95 %');
    // Large n: ranks near n/2 -/+ 1.96 sqrt(n)/2 (n = 400: 181 and 220).
    const big = Array.from({ length: 400 }, (_, i) => i + 1);
    const bigCi = medianConfidenceInterval(big);
    assert.ok(
      bigCi && bigCi.low >= 179 && bigCi.low <= 182 && bigCi.high === 401 - bigCi.low,
      JSON.stringify(bigCi),
    );
  });
});

describe('stats: summarize', () => {
  it('X17: outliers, CV above 5 %, intervals present', () => {
    const s = summarize(X17);
    assert.ok(s);
    assert.equal(s.count, 10);
    close(s.mean, 12.1895, 1e-9);
    close(s.sd, 4.907746, 1e-6); // load_and_run printed standard_deviation=4.908
    assert.equal(s.min, 9.769);
    assert.equal(s.max, 23.955);
    close(s.median, 10.0015, 1e-12);
    assert.deepEqual(s.outliers, [0, 1]);
    assert.equal(s.highCv, true);
    assert.ok(s.meanCi && s.medianCi);
    assert.deepEqual([s.medianCi.low, s.medianCi.high], [9.882, 18.359]);
  });

  it('a quiet sample is not high-CV; one value has null spread; empty is null', () => {
    assert.equal(summarize([10, 10.1, 9.9, 10, 10.05])?.highCv, false);
    const one = summarize([3]);
    assert.equal(one?.sd, null);
    assert.equal(one?.cv, null);
    assert.equal(one?.meanCi, null);
    assert.equal(summarize([]), null);
  });
});

describe('stats: comparing two samples', () => {
  it('Welch t-test (scipy ttest_ind equal_var=False)', () => {
    const w = welchTTest([1, 2, 3], [4, 5, 6]);
    close(w?.t, 3.674235, 1e-6);
    close(w?.df, 4, 1e-12);
    close(w?.p, 0.0213116, 1e-6);
    const w2 = welchTTest(
      [9.6, 9.9, 9.7, 9.8, 10.0, 9.5, 9.9, 9.7, 9.8, 9.6],
      [10.1, 10.3, 9.9, 10.0, 10.4, 10.2, 9.8, 10.1, 10.0, 10.2],
    );
    close(w2?.df, 17.64, 1e-9);
    close(w2?.p, 0.000242293, 1e-9);
    assert.equal(welchTTest([1], [2, 3]), null);
    assert.deepEqual(welchTTest([1, 1], [1, 1]), { t: 0, df: 2, p: 1 });
  });

  it('Mann-Whitney U with continuity and tie corrections (scipy asymptotic)', () => {
    const m = mannWhitneyU([1, 2, 3], [4, 5, 6]);
    assert.equal(m?.u, 0);
    close(m?.p, 0.0808556, 1e-6);
    const ties = mannWhitneyU([1, 2, 2, 3], [2, 3, 4, 5]);
    assert.equal(ties?.u, 2.5);
    close(ties?.p, 0.1366582, 1e-6);
    assert.deepEqual(mannWhitneyU([2, 2], [2, 2]), { u: 2, z: 0, p: 1 });
  });

  it("ratio of means with Fieller's interval (hand calculation)", () => {
    const r = ratioOfMeans([10, 10.2, 9.8, 10, 10], [5, 5.1, 4.9, 5, 5]);
    assert.ok(r);
    close(r.estimate, 0.5, 1e-12);
    // va = 0.004, vb = 0.001, df = 8, t = 2.306004: (50 -/+ 1.031222) / 99.978730.
    close(r.low, 0.489792, 1e-6);
    close(r.high, 0.51042, 1e-6);
    assert.deepEqual(ratioOfMeans([2, 2], [3, 3]), { estimate: 1.5, low: 1.5, high: 1.5, level: 0.95 });
    // A denominator not clearly away from zero: Fieller says unbounded rather than inventing a width.
    const wild = ratioOfMeans([-5, 6, -4, 5.5], [1, 1.1, 0.9, 1]);
    assert.equal(wild?.low, null);
    assert.equal(wild?.high, null);
  });

  it('significant by Welch with >= 10 a side; both tests below that; never with 1 a side', () => {
    const a = [9.6, 9.9, 9.7, 9.8, 10.0, 9.5, 9.9, 9.7, 9.8, 9.6];
    const b = [10.1, 10.3, 9.9, 10.0, 10.4, 10.2, 9.8, 10.1, 10.0, 10.2];
    const big = compareSamples(a, b);
    assert.equal(big.decidedBy, 'welch');
    assert.equal(big.significant, true);
    assert.equal(big.highCv, false);
    close(big.ratio?.estimate, 10.1 / 9.75, 1e-12);
    assert.ok((big.ratio?.low ?? 0) > 1, 'b is slower, and the interval says so');

    // Three a side: Welch alone says p = 0.021, but the rank test cannot go below 0.081.
    const small = compareSamples([1, 2, 3], [4, 5, 6]);
    assert.equal(small.decidedBy, 'welch+mann-whitney');
    assert.equal(small.significant, false);
    // Five a side, fully separated: both agree.
    assert.equal(compareSamples([1, 1.1, 1.2, 1.05, 1.15], [2, 2.1, 2.2, 2.05, 2.15]).significant, true);

    const none = compareSamples([1], [2, 3]);
    assert.equal(none.decidedBy, 'insufficient-data');
    assert.equal(none.significant, false);
    assert.equal(compareSamples([], []).meanA, null);
  });

  it('a noisy sample raises highCv (X17 against a quiet run)', () => {
    assert.equal(compareSamples(X17, [9.7, 9.8, 9.75, 9.72, 9.78]).highCv, true);
  });
});

/** ln Γ((df+1)/2) - ln Γ(df/2) by the recurrence from Γ(1/2), Γ(1) (independent of stats.ts). */
function lgammaRatio(df: number): number {
  const lg = (x: number): number => {
    // Stirling series with shift: accurate to ~1e-12 for x >= 0.5 after shifting to x >= 10.
    let shift = 0;
    while (x < 10) {
      shift -= Math.log(x);
      x += 1;
    }
    const inv = 1 / x;
    const inv2 = inv * inv;
    return (
      shift +
      (x - 0.5) * Math.log(x) -
      x +
      0.5 * Math.log(2 * Math.PI) +
      inv * (1 / 12 - inv2 * (1 / 360 - inv2 / 1260))
    );
  };
  return lg((df + 1) / 2) - lg(df / 2);
}
