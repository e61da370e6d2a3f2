import assert from 'node:assert/strict';
import { compareRecords, CompareError } from '../../../src/core/records/compare';
import { sampleRecord, sampleResult } from './sampleRecord';
import { larEngine } from '../../../src/core/engines/lar/index';
import { shellJoin } from '../../../src/core/shellQuote';
import { splitShellWords } from '../../../src/core/shellWords';
import { parseCandidateLine } from '../../../src/core/study/candidateSources';

// Deterministic noise: a fixed sequence around 1.
const jitter = [0.01, -0.02, 0.015, -0.005, 0.0, 0.02, -0.015, 0.005, -0.01, 0.0, 0.012, -0.012];
const around = (mean: number, n = 12) =>
  Array.from({ length: n }, (_, i) => +(mean * (1 + jitter[i % jitter.length]!)).toFixed(3));

describe('compareRecords', () => {
  const base = sampleRecord({
    id: 'base0000-0000-4000-8000-000000000000',
    flags: { cpu: true, iter: 12 },
    result: sampleResult(around(10)),
  });
  const faster = sampleRecord({
    id: 'fast0000-0000-4000-8000-000000000000',
    flags: { cpu: true, iter: 12, 'fast-run': true },
    result: sampleResult(around(8), { loadMs: 25 }),
  });
  const same = sampleRecord({
    id: 'same0000-0000-4000-8000-000000000000',
    flags: { cpu: true, iter: 12, 'fast-run': false },
    result: sampleResult(around(10).reverse()),
  });

  it('gives ratio, 95% interval and significance for the iterations', () => {
    const c = compareRecords([base, faster, same]);
    assert.equal(c.baselineId, base.id);
    assert.deepEqual(
      c.runs.map((r) => r.isBaseline),
      [true, false, false],
    );
    const inf = c.phases.find((p) => p.phase === 'inference')!;
    assert.equal(inf.test, 'welch');
    const [b, f, s] = inf.cells;
    assert.equal(b!.verdict, 'baseline');
    // ×0.8 between single runs is within what run-to-run noise does without a measured floor (×1.5).
    assert.equal(f!.verdict, 'no-difference');
    assert.equal(f!.iterationTestSaid, 'faster');
    assert.equal(f!.runToRun!.basis, 'assumed');
    assert.deepEqual(c.undecided!.runIds, [faster.id]);
    assert.match(c.undecided!.suggestion.en, /lar-explorer explore .* --candidate .* --save/);
    assert.equal(f!.significant, true);
    assert.equal(f!.testable, true);
    assert.ok(Math.abs(f!.ratio! - 0.8) < 0.001, String(f!.ratio));
    assert.ok(f!.ratioCi95!.low < 0.8 && f!.ratioCi95!.high > 0.8 && f!.ratioCi95!.high < 0.82);
    assert.ok(f!.pValue! < 1e-6);
    assert.ok(Math.abs(f!.deltaMs! - (f!.valueMs! - b!.valueMs!)) < 1e-12);
    assert.equal(s!.verdict, 'no-difference');
    assert.equal(s!.significant, false);
    assert.ok(s!.pValue! > 0.9);
    assert.equal(f!.samples, 12);
  });

  it('suggests an explore command that pastes back into the same candidates, whatever the labels', () => {
    // Chinese labels (not allowed in --candidate) and two that clean to the same word; a model
    // path with a space; a flag value with a quote.
    const model = { path: "my models/it's.mge", sha256: 'a'.repeat(64), bytes: 1 };
    const argvOf = (...flags: string[]) => ['load_and_run', model.path, ...flags];
    const b = sampleRecord({
      id: 'b0000000-0000-4000-8000-000000000000',
      label: '基线',
      model,
      argv: argvOf('--cpu', '--iter', '12'),
      result: sampleResult(around(10)),
    });
    const f1 = sampleRecord({
      id: 'f1000000-0000-4000-8000-000000000000',
      label: 'fast run',
      model,
      argv: argvOf('--cpu', '--iter', '12', '--fast-run'),
      result: sampleResult(around(8)),
    });
    const f2 = sampleRecord({
      id: 'f2000000-0000-4000-8000-000000000000',
      label: 'fast/run',
      model,
      argv: argvOf('--cpu', '--iter', '12', '--fast-run', '--fast-run-algo-policy', "it's.cache"),
      result: sampleResult(around(8.1)),
    });
    const c = compareRecords([b, f1, f2]);
    for (const text of [c.undecided!.suggestion.en, c.undecided!.suggestion.zh]) {
      const cmd = text.slice(text.indexOf('lar-explorer explore'));
      const { words, error } = splitShellWords(cmd);
      assert.equal(error, null, cmd);
      assert.deepEqual(words.slice(0, 3), ['lar-explorer', 'explore', model.path]);
      assert.equal(words.at(-1), '--save');
      const specs = words.filter((_, i) => words[i - 1] === '--candidate');
      const candidates = specs.map((s) => parseCandidateLine(larEngine, s));
      assert.deepEqual(
        candidates.map((x) => x.label),
        ['b0000000', 'fast-run', 'fast-run-2'],
      );
      assert.deepEqual(
        candidates.map((x) => x.flags),
        [b, f1, f2].map((r) => larEngine.parseCommandLine(shellJoin(['x', ...r.argv.slice(2)])).flags),
      );
      assert.equal(candidates[2]!.flags['fast-run-algo-policy'], "it's.cache");
    }
    assert.match(c.undecided!.suggestion.zh, /用实验（交错重复运行并测量噪声底）来判定/);
  });

  it('marks single-value phases as not testable but still gives the ratio', () => {
    const c = compareRecords([base, faster]);
    const load = c.phases.find((p) => p.phase === 'load')!;
    assert.equal(load.test, null);
    const cell = load.cells[1]!;
    assert.equal(cell.testable, false);
    assert.equal(cell.significant, null);
    assert.equal(cell.ratio, 2);
    assert.equal(cell.deltaMs, 12.5);
    assert.equal(cell.ratioCi95, null);
    assert.equal(cell.verdict, 'untested');
  });

  it('lists the flags that differ and the common ones (false = not given)', () => {
    const c = compareRecords([base, faster, same]);
    assert.deepEqual(c.flagDifferences, [{ flag: 'fast-run', values: [null, true, null] }]);
    assert.deepEqual(c.commonFlags, { cpu: true, iter: 12 });
  });

  it('takes the given baseline, else the pinned one', () => {
    assert.equal(compareRecords([base, faster], faster.id).baselineId, faster.id);
    assert.equal(compareRecords([base, { ...faster, baseline: true }]).baselineId, faster.id);
    assert.throws(() => compareRecords([base], 'nope'), CompareError);
    assert.throws(() => compareRecords([]), /nothing to compare/);
    const floors = { [base.target]: { lo: 0.95, hi: 1.05, studyId: 'study-1' } };
    const swapped = compareRecords([base, faster], faster.id, { noiseFloors: floors });
    const cell = swapped.phases.find((p) => p.phase === 'inference')!.cells[0]!;
    assert.equal(cell.verdict, 'slower', 'beyond a measured noise floor of ±5% a ×1.25 difference is called');
    assert.deepEqual(cell.runToRun, { lo: 0.95, hi: 1.05, basis: 'study', studyId: 'study-1' });
  });

  it('cannot test with too few iterations and says why in notes', () => {
    const tiny = sampleRecord({ result: sampleResult([5]) });
    const failed = sampleRecord({
      status: 'failed',
      reason: 'crashed',
      result: null,
      target: 'ssh:board',
      model: { path: 'other.mge', sha256: 'c'.repeat(64) },
    });
    const c = compareRecords([base, tiny, failed]);
    const inf = c.phases.find((p) => p.phase === 'inference')!;
    assert.equal(inf.cells[1]!.testable, false);
    assert.equal(inf.cells[1]!.verdict, 'untested');
    assert.equal(inf.cells[2]!.verdict, 'missing');
    assert.equal(inf.cells[2]!.valueMs, null);
    const notes = c.notes.map((n) => n.en).join('\n');
    assert.ok(
      c.notes.every((n) => /[\u4e00-\u9fff]/.test(n.zh)),
      'every note has its Chinese text',
    );
    assert.match(notes, /different model than the baseline/);
    assert.match(notes, /different target/);
    assert.match(notes, /is failed \(crashed\)/);
    assert.match(notes, /fewer than 10 iterations/);
    assert.doesNotMatch(notes, /profil/);
  });

  it('says when a profiled run is compared with unprofiled ones, and not when all are profiled', () => {
    const profiled = (label: string) =>
      sampleRecord({
        label,
        flags: { ...base.flags, profile: 'prof.json' },
        result: sampleResult([6, 6.1, 5.9]),
      });
    const a = profiled('prof-a');
    const mixed = compareRecords([base, a]).notes;
    const note = mixed.find((n) => n.en.startsWith('profiled runs'));
    assert.ok(note, mixed.map((n) => n.en).join('\n'));
    assert.match(note.en, /profiled runs \(prof-a\) against runs without profiling \(base0000\)/);
    assert.match(note.zh, /性能分析会拖慢运行/);
    const all = compareRecords([a, profiled('prof-b')]).notes;
    assert.ok(!all.some((n) => n.en.startsWith('profiled runs')));
  });

  it('calls no difference between a profiled run and a plain one (not comparable), but does between two profiled', () => {
    const slowIters = Array.from({ length: 30 }, (_, i) => 20 + (i % 3) * 0.1);
    const fastIters = Array.from({ length: 30 }, (_, i) => 5 + (i % 3) * 0.1);
    const plain = sampleRecord({ label: 'plain', result: sampleResult(fastIters) });
    const prof = (label: string, iters: number[]) =>
      sampleRecord({
        label,
        flags: { ...base.flags, profile: `${label}.json` },
        result: sampleResult(iters),
      });
    const inf = (records: Parameters<typeof compareRecords>[0]) =>
      compareRecords(records).phases.find((p) => p.phase === 'inference')!.cells[1]!;
    const mixed = inf([plain, prof('slow', slowIters)]);
    assert.equal(mixed.verdict, 'untested', 'a ×4 gap is profiling overhead as much as anything');
    assert.equal(mixed.significant, null);
    assert.ok(mixed.ratio! > 3, 'the ratio is still shown');
    assert.equal(inf([prof('fast', fastIters), prof('slow2', slowIters)]).verdict, 'slower');
  });
});
