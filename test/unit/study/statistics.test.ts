import assert from 'node:assert/strict';
import { inferencesToBreakEven, breakEvenOf } from '../../../src/core/study/breakEven';
import { roundOrder } from '../../../src/core/study/roundOrder';
import {
  decisionAlpha,
  noiseFloorFrom,
  pocockAlpha,
  ratioFromLogs,
  verdictOf,
} from '../../../src/core/study/studyStatistics';
import { mulberry32 } from '../../../src/core/seededRandom';

describe('study statistics', () => {
  it('seeded shuffles reproduce, differ between rounds and targets, and hold the baseline twice', () => {
    const live = ['defaults', 'a', 'b', 'c', 'd'];
    const one = roundOrder(42, 0, 3, live, 'defaults');
    assert.deepEqual(roundOrder(42, 0, 3, live, 'defaults'), one);
    assert.equal(one.length, live.length + 1);
    assert.deepEqual(
      one
        .filter((s) => s.candidate === 'defaults')
        .map((s) => s.slot)
        .sort(),
      ['a', 'b'],
    );
    const orders = new Set<string>();
    for (let r = 1; r <= 8; r++) orders.add(JSON.stringify(roundOrder(42, 0, r, live, 'defaults')));
    assert.ok(orders.size >= 6, 'rounds are shuffled differently');
    assert.notDeepEqual(roundOrder(42, 1, 3, live, 'defaults'), one, 'targets do not march in step');
    assert.notDeepEqual(roundOrder(43, 0, 3, live, 'defaults'), one, 'another seed, another order');
  });

  it('a geometric-mean ratio with a t interval on log-ratios (exact for a hand case)', () => {
    const logs = [Math.log(0.9), Math.log(0.8), Math.log(0.85)];
    const e = ratioFromLogs(logs, 0.05)!;
    const m = logs.reduce((a, b) => a + b) / 3;
    assert.ok(Math.abs(e.ratio - Math.exp(m)) < 1e-12);
    const sd = Math.sqrt(logs.reduce((a, b) => a + (b - m) ** 2, 0) / 2);
    // t(0.975, 2) = 4.302652729...
    const half = (4.302652729911275 * sd) / Math.sqrt(3);
    assert.ok(Math.abs(e.lo - Math.exp(m - half)) < 1e-9);
    assert.ok(Math.abs(e.hi - Math.exp(m + half)) < 1e-9);
    assert.equal(e.rounds, 3);
    assert.equal(verdictOf(e), 'faster');
    assert.equal(verdictOf({ ...e, rounds: 2 }), 'within-noise', 'no verdict before round 3');
    assert.equal(verdictOf({ ratio: 1.1, lo: 0.95, hi: 1.2, rounds: 5 }), 'within-noise');
    assert.equal(verdictOf({ ratio: 1.1, lo: 1.05, hi: 1.2, rounds: 5 }), 'slower');
  });

  it('the interval is simultaneous: stricter with more candidates and more looks', () => {
    assert.equal(pocockAlpha(1), 0.05);
    assert.ok(Math.abs(pocockAlpha(5) - 0.0158) < 1e-12);
    assert.ok(pocockAlpha(8) < pocockAlpha(4));
    assert.ok(decisionAlpha(10, 10) < decisionAlpha(1, 10));
    assert.ok(Math.abs(decisionAlpha(1, 10) - 0.012) < 1e-9, 'one candidate, 8 looks (rounds 3..10)');
  });

  it('the noise floor is the 95% band of A/A log-ratios (mean known to be 0)', () => {
    const random = mulberry32(7);
    const sd = 0.05;
    const aa = Array.from({ length: 400 }, () => {
      const u = Math.max(random(), 1e-12);
      return sd * Math.SQRT2 * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
    });
    const nf = noiseFloorFrom(aa)!;
    assert.ok(Math.abs(nf.sdLog - sd * Math.SQRT2) < 0.006, String(nf.sdLog));
    assert.ok(Math.abs(Math.log(nf.hi) - 1.96 * sd * Math.SQRT2) < 0.02);
    assert.ok(Math.abs(Math.log(nf.lo) + Math.log(nf.hi)) < 1e-12, 'symmetric around 1');
    assert.equal(noiseFloorFrom([0.1]), null, 'one pair is not a floor');
  });

  it('break-even: pays off after N, immediately, or never — with the interval carried through', () => {
    // The guide's trade-off: fast-run adds ~1.8 s of warm-up to save ~1.3 ms per inference.
    assert.equal(inferencesToBreakEven(1800, 1.3), 1385);
    assert.equal(inferencesToBreakEven(-5, 0.4), 0, 'cheaper once and per inference: immediately');
    assert.equal(inferencesToBreakEven(0, 0), 0);
    assert.equal(inferencesToBreakEven(100, 0), null, 'no gain: never');
    assert.equal(inferencesToBreakEven(100, -0.2), null, 'slower per inference: never');
    assert.equal(
      inferencesToBreakEven(-100, -0.2),
      null,
      'cheaper only for short processes: never in the long run',
    );

    const b = breakEvenOf(18.43, { ratio: 0.92, lo: 0.9, hi: 0.94, rounds: 6 }, 5462, 0);
    assert.ok(Math.abs(b.gainMs - 18.43 * 0.08) < 1e-9);
    assert.equal(b.inferences, Math.ceil(5462 / (18.43 * 0.08)));
    assert.equal(
      b.lo,
      Math.ceil(5462 / (18.43 * 0.1)),
      'the best end of the gain gives the earliest break-even',
    );
    assert.equal(b.hi, Math.ceil(5462 / (18.43 * 0.06)));
    const within = breakEvenOf(18.43, { ratio: 0.98, lo: 0.9, hi: 1.06, rounds: 6 }, 200, 1000);
    assert.equal(within.oneTimeMs, 1200, 'the preparation counts in the one-time cost');
    assert.equal(within.inferences, null, 'a gain the interval cannot tell from zero: never');
    assert.equal(within.hi, null);
    assert.ok(within.lo !== null && within.lo > 0);
  });
});
