// Studies end to end on simulated load_and_run targets (real scheduler, statistics, runBenchmark,
// output parser, stores; the stand-in's timing model on a virtual clock).
import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { RecordStore } from '../../../src/core/records/recordStore';
import { resumeStudy } from '../../../src/core/study/runStudy';
import { STUDY_SCHEMA_VERSION, type StudyEvent } from '../../../src/core/study/studyTypes';
import { c, simDeps, simStudy, simWorkspace } from '../../support/studyHarness';
import { VirtualClock } from '../../support/simulatedLar';

const DRIFTING = { STANDIN_NOISE: '0.03', STANDIN_DRIFT: '0.10:60', STANDIN_STEPS: '20:0.08,45:-0.06' };
const workspaces: string[] = [];
const track = <T extends { workspace: string }>(s: T): T => (workspaces.push(s.workspace), s);
after(() => workspaces.forEach((w) => rmSync(w, { recursive: true, force: true })));

const entry = (s: { record: { targets: Array<{ ranking: Array<{ label: string }> }> } }, label: string) =>
  s.record.targets[0].ranking.find(
    (r) => r.label === label,
  ) as import('../../../src/core/study/studyTypes').RankingEntry;

describe('studies (simulated targets)', function () {
  // CPU- and fsync-bound (hundreds of simulated runs, each record written durably): generous under load.
  this.timeout(120_000);
  it('A/A candidates stay within noise under drift and steps', async () => {
    let called = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const s = track(
        await simStudy({ seed, candidates: [c('defaults'), c('same'), c('again')], knobs: DRIFTING }),
      );
      for (const label of ['same', 'again']) if (entry(s, label).verdict !== 'within-noise') called++;
      const nf = s.record.targets[0].noiseFloor!;
      assert.ok(nf.lo < 1 && nf.hi > 1 && nf.pairs >= 3);
    }
    assert.ok(called <= 1, `${called} of 24 A/A candidates called faster/slower`);
  });

  it('finds a true 1.5× effect, and its interval holds the truth', async () => {
    const s = track(
      await simStudy({
        seed: 3,
        candidates: [c('defaults'), c('quicker', { 'weight-preprocess': true })],
        knobs: { ...DRIFTING, STANDIN_FACTORS: JSON.stringify({ 'weight-preprocess': 1 / 1.5 }) },
      }),
    );
    const e = entry(s, 'quicker');
    assert.equal(e.verdict, 'faster');
    assert.ok(e.estimate!.lo < 1 / 1.5 && e.estimate!.hi > 1 / 1.5, JSON.stringify(e.estimate));
    assert.equal(s.record.stoppedBecause, 'settled');
    assert.ok(e.rounds >= 3 && e.rounds < 10, 'settled early, not at the end of the budget');
  });

  it('drops a candidate 79× slower (nchw88 on x86) after round 3, keeping its runs and the reason', async () => {
    const events: StudyEvent[] = [];
    const s = track(
      await simStudy({
        seed: 5,
        candidates: [
          c('defaults'),
          c('nchw88', { 'enable-nchw88': true }),
          c('wp', { 'weight-preprocess': true }),
        ],
        knobs: { STANDIN_NOISE: '0.03' },
        onEvent: (e) => events.push(e),
      }),
    );
    const e = entry(s, 'nchw88');
    assert.equal(e.verdict, 'dropped');
    assert.equal(e.rounds, 3);
    assert.match(e.reason!, /^round 3: slower than (defaults|wp) by ×\d/);
    const dropped = events.find((x) => x.type === 'candidate-dropped');
    assert.deepEqual(dropped && [dropped.type === 'candidate-dropped' && dropped.round], [3]);
    const later = s.record.schedule.filter((r) => r.candidate === 'nchw88' && r.round > 3);
    assert.equal(later.length, 0, 'not run after it was dropped');
    const { records } = await RecordStore.forWorkspace(s.workspace).list();
    assert.equal(
      records.filter((r) => r.study?.candidate === 'nchw88').length,
      3,
      'its runs stay in the history',
    );
  });

  it('the objective decides: fast-run wins per inference, loses the cost of 10 inferences', async () => {
    const candidates = [c('defaults'), c('fast-run', { 'fast-run': true })];
    const knobs = { STANDIN_NOISE: '0.01', STANDIN_ITER_NOISE: '0.005' };
    const perInference = track(await simStudy({ seed: 8, candidates, knobs, iterations: 30 }));
    assert.equal(
      entry(perInference, 'fast-run').verdict,
      'faster',
      JSON.stringify(entry(perInference, 'fast-run')),
    );
    const be = entry(perInference, 'fast-run').breakEven!;
    // ~5.5 s more warm-up for ~1.5 ms per inference: thousands of inferences, as the guide says.
    assert.ok(be.inferences! > 2000 && be.inferences! < 6000, String(be.inferences));
    const shortLived = track(
      await simStudy({
        seed: 8,
        candidates,
        knobs,
        iterations: 30,
        def: { objective: { kind: 'cost', inferences: 10 } },
      }),
    );
    const e = entry(shortLived, 'fast-run');
    assert.equal(e.verdict, 'dropped', 'surely slower than the baseline by more than the noise floor');
    assert.match(e.reason!, /^round 3: slower than defaults/);
    assert.ok(e.estimate!.ratio > 10, 'load + configuration + 5.7 s warm-up + 10 inferences');
  });

  it('a failing candidate fails only itself (the real fast-run segfault during warm-up)', async () => {
    const s = track(
      await simStudy({
        seed: 2,
        candidates: [
          c('defaults'),
          c('fast-run', { 'fast-run': true }),
          c('rcs', { 'record-comp-seq': true }),
        ],
        knobs: { STANDIN_NOISE: '0.03', STANDIN_CRASH_ON_FLAG: 'fast-run' },
      }),
    );
    const failed = entry(s, 'fast-run');
    assert.equal(failed.verdict, 'failed');
    assert.match(failed.reason!, /^round 1: load_and_run crashed \(segmentation fault\) during warm-up/);
    assert.equal(entry(s, 'rcs').verdict, 'faster');
    assert.notEqual(s.record.stoppedBecause, 'failed');
    assert.equal(s.record.schedule.filter((r) => r.candidate === 'fast-run').length, 1, 'not retried');
  });

  it('prepares an artifact once per target, keeps its cost apart, and the candidate runs reuse it', async () => {
    const s = track(
      await simStudy({
        seed: 4,
        maxRounds: 3,
        targets: ['local', 'ssh://board'],
        candidates: [
          c('defaults'),
          c(
            'cached',
            { 'fast-run-algo-policy': '${algoCache}' },
            {
              prepare: {
                kind: 'algo-cache',
                flags: { 'fast-run': true, 'fast-run-algo-policy': '${algoCache}' },
              },
            },
          ),
        ],
        knobs: { STANDIN_NOISE: '0.02' },
      }),
    );
    const preps = s.record.preparations;
    assert.deepEqual(preps.map((p) => p.target).sort(), ['local', 'ssh://board']);
    assert.notEqual(preps[0].path, preps[1].path, 'one artifact per target, never shared');
    assert.ok(
      preps.every((p) => p.status === 'ok' && p.costMs > 5000),
      'the fast-run search cost is measured',
    );
    const { records } = await RecordStore.forWorkspace(s.workspace).list();
    for (const p of preps) {
      const runs = records.filter((r) => r.study?.candidate === 'cached' && r.target === p.target);
      const prep = runs.filter((r) => r.study!.role === 'preparation');
      assert.equal(prep.length, 1);
      assert.equal(prep[0].flags['fast-run'], true);
      const measured = runs.filter((r) => r.study!.role === 'candidate');
      assert.ok(measured.length >= 3);
      for (const r of measured) {
        assert.equal(r.flags['fast-run'], undefined, 'measured runs read the cache, they do not search');
        assert.ok(String(r.flags['fast-run-algo-policy']).endsWith(p.path.split('/').slice(1).join('/')));
      }
      assert.equal(p.key.target, p.target);
      assert.match(p.key.modelSha256!, /^[0-9a-f]{64}$/);
    }
    const be = entry(s, 'cached').breakEven!;
    assert.ok(be.preparationMs > 5000 && be.oneTimeMs >= be.preparationMs - 500);
  });

  it('a resumed study reuses its prepared artifact only for the same binary', async () => {
    const workspace = simWorkspace();
    workspaces.push(workspace);
    const controller = new AbortController();
    let runs = 0;
    const opts = {
      seed: 6,
      maxRounds: 3,
      workspace,
      candidates: [
        c('defaults'),
        c(
          'cached',
          { 'fast-run-algo-policy': '${algoCache}' },
          {
            prepare: {
              kind: 'algo-cache' as const,
              flags: { 'fast-run': true, 'fast-run-algo-policy': '${algoCache}' },
            },
          },
        ),
      ],
      knobs: { STANDIN_NOISE: '0.02' },
      signal: controller.signal,
      onEvent: (e: StudyEvent) => {
        if (e.type === 'run-finished' && ++runs === 2) controller.abort();
      },
    };
    const first = await simStudy(opts);
    assert.equal(first.record.preparations.length, 1);
    const clock = new VirtualClock(first.clock.nowMs);
    const same = simDeps(opts, workspace, clock).deps;
    const resumed = await resumeStudy(first.record.id, same);
    assert.equal(resumed.preparations.length, 1, 'same target, binary, model, flags: reused');
    const other = simDeps(opts, workspace, clock).deps;
    other.targets.local.program = '/opt/other/load_and_run';
    const again = await resumeStudy(first.record.id, other, undefined, { maxRounds: 4 });
    assert.equal(again.preparations.length, 2, 'another binary: prepared again, never reused');
    assert.equal(again.preparations[1].key.program, '/opt/other/load_and_run');
  });

  it('writes a schema-versioned study record; cancel keeps everything; resume continues to the end', async () => {
    const workspace = simWorkspace();
    workspaces.push(workspace);
    const controller = new AbortController();
    let finished = 0;
    const opts = {
      seed: 9,
      maxRounds: 4,
      workspace,
      candidates: [
        c('defaults'),
        c('wp', { 'weight-preprocess': true }),
        c('fuse', { 'enable-fuse-conv-bias-nonlinearity': true }),
      ],
      knobs: { STANDIN_NOISE: '0.03' },
      signal: controller.signal,
      onEvent: (e: StudyEvent) => {
        if (e.type === 'run-finished' && ++finished === 7) controller.abort();
      },
    };
    const first = await simStudy(opts);
    assert.equal(first.record.stoppedBecause, 'cancelled');
    const file = path.join(
      workspace,
      '.lar-explorer',
      'studies',
      first.deps.studyStore.fileName(first.record),
    );
    const onDisk = JSON.parse(readFileSync(file, 'utf8'));
    assert.equal(onDisk.schema, STUDY_SCHEMA_VERSION);
    assert.equal(onDisk.kind, 'study');
    assert.equal(onDisk.stoppedBecause, 'cancelled');
    const done = onDisk.schedule.filter(
      (r: { runId?: string; status?: string }) => r.runId && r.status === 'ok',
    );
    assert.equal(done.length, 7, 'every finished run is in the record');

    const clock = new VirtualClock(first.clock.nowMs);
    const { deps } = simDeps({ ...opts, seed: 9 }, workspace, clock);
    const resumed = await resumeStudy(first.record.id.slice(0, 8), deps);
    assert.equal(resumed.id, first.record.id);
    assert.ok(resumed.stoppedBecause === 'budget' || resumed.stoppedBecause === 'settled');
    const runIds = resumed.schedule.filter((r) => r.runId).map((r) => r.runId);
    for (const r of done) assert.ok(runIds.includes(r.runId), 'runs of the first session are kept');
    const perRound = (round: number) =>
      resumed.schedule.filter((r) => r.round === round && r.status === 'ok').length;
    assert.equal(perRound(1), 4, 'baseline twice + two candidates');
    assert.equal(perRound(2), 4, 'the interrupted round was completed, not restarted');
    assert.ok(existsSync(file));
  });
});
