import assert from 'node:assert/strict';
import { breakEvenText, StudyProgress } from '../../../src/cli/studyReport';
import { displayWidth } from '../../../src/cli/textTable';
import { STUDY_REPORT_TEXTS } from '../../../src/cli/studyReportTexts';
import { STUDY_METHOD } from '../../../src/core/study/studyStatistics';
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

  it('in Chinese: the live line and table, columns aligned by terminal width', () => {
    let out = '';
    const p = new StudyProgress((s) => (out += s), true, 'zh');
    p.onEvent({ type: 'study-started', studyId: 'abc', resumed: true } as StudyEvent);
    p.onEvent(update(1));
    assert.match(out, /^继续实验 abc\n/);
    assert.match(out, /local：第 1 轮，剩 2 个候选，最佳 rcs，预计还需 1 min 5 s\n/);
    const lines = out.split('\n');
    const head = lines.find((l) => l.startsWith('#'))!;
    assert.match(head, /^# +候选 +比值 \[95%\] +结论 +轮数$/);
    const row = lines.find((l) => /rcs +×/.test(l))!;
    assert.match(row, /更快 +3$/);
    // The rounds, right-aligned, end under 轮数: wide characters count two columns.
    assert.equal(displayWidth(row), displayWidth(head));
    out = '';
    p.onEvent({ type: 'candidate-dropped', target: 'local', candidate: 'x', round: 3, reason: 'slower' });
    assert.match(out, /local：x 已淘汰（slower）\n/);
  });

  it("translates core's statistics method as core states it (a change there shows here)", () => {
    assert.equal(STUDY_REPORT_TEXTS.method.en, STUDY_METHOD);
  });

  it('says when a candidate pays off: immediately, after N (range), or never', () => {
    const be = (inferences: number | null, lo: number | null, hi: number | null, lang?: 'zh') =>
      breakEvenText(
        {
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
        },
        lang,
      );
    assert.equal(be(0, 0, 0), 'immediately');
    assert.equal(be(4000, 3000, 6000), 'after 4,000 (3,000–6,000)');
    assert.equal(be(null, null, null), 'never');
    assert.equal(be(null, 800, null), 'never (at best after 800)');
    assert.equal(be(0, 0, 0, 'zh'), '立即');
    assert.equal(be(4000, 3000, 6000, 'zh'), '4,000 次推理后（3,000–6,000）');
    assert.equal(be(null, null, null, 'zh'), '永不');
    assert.equal(be(null, 800, null, 'zh'), '永不（最好情况下 800 次推理后）');
    assert.equal(be(null, 0, null, 'zh'), '永不（最好情况下立即回本）');
  });
});
