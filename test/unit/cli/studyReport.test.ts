import assert from 'node:assert/strict';
import { breakEvenText, StudyProgress } from '../../../src/cli/studyReport';
import type { RankingEntry, StudyEvent } from '../../../src/core/study/studyTypes';

const entry = (label: string, ratio: number, verdict: RankingEntry['verdict']): RankingEntry => ({
  label,
  flags: {},
  estimate: { ratio, lo: ratio * 0.9, hi: ratio * 1.1, rounds: 3 },
  verdict,
  rounds: 3,
  breakEven: null,
});

const update = (round: number): StudyEvent => ({
  type: 'ranking-updated',
  target: 'local',
  round,
  ranking: [entry('rcs', 0.61, 'faster'), entry('defaults', 1, 'baseline')],
  noiseFloor: null,
  alive: 2,
  etaMs: 65_000,
});

describe('explore progress and report text', () => {
  it('on a terminal, redraws the live table in place (cursor up + clear)', () => {
    let out = '';
    const p = new StudyProgress((s) => (out += s), true);
    p.onEvent(update(1));
    assert.match(out, /local: round 1, 2 alive, best rcs, ETA 1 min 5 s\n/);
    assert.match(out, /rcs +×0\.610 \[0\.549–0\.671\] +faster/);
    const lines = out.split('\n').length - 1;
    out = '';
    p.onEvent(update(2));
    assert.ok(out.startsWith(`\x1b[${lines}A\x1b[J`), JSON.stringify(out.slice(0, 12)));
    assert.match(out, /round 2/);
  });

  it('without a terminal, one line per finished round and no escape codes', () => {
    let out = '';
    const p = new StudyProgress((s) => (out += s), false);
    p.onEvent(update(1));
    p.onEvent({ type: 'round-started', target: 'local', round: 2, order: [] });
    assert.equal(out, 'local: round 1, 2 alive, best rcs, ETA 1 min 5 s\n');
  });

  it('says when a candidate pays off: immediately, after N (range), or never', () => {
    const be = (inferences: number | null, lo: number | null, hi: number | null) =>
      breakEvenText({
        ...entry('x', 0.9, 'faster'),
        breakEven: {
          inferences,
          lo,
          hi,
          oneTimeMs: 1,
          preparationMs: 0,
          gainMs: 1,
          gainLoMs: 1,
          gainHiMs: 1,
        },
      });
    assert.equal(be(0, 0, 0), 'immediately');
    assert.equal(be(4000, 3000, 6000), 'after 4,000 (3,000–6,000)');
    assert.equal(be(null, null, null), 'never');
    assert.equal(be(null, 800, null), 'never (at best after 800)');
  });
});
