// A study's closing profiles (issue #13 item 5): after the verdict the baseline and the winner run
// once more with profiling on; their profiles' diff says where the gain comes from, and those runs
// stay out of the statistics. Simulated load_and_run targets writing the real mnist profile.
import assert from 'node:assert/strict';
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { RecordStore } from '../../../src/core/records/recordStore';
import { runStudy, StudyDefinitionError } from '../../../src/core/study/runStudy';
import type { StudyEvent } from '../../../src/core/study/studyTypes';
import { renderStudyReport, studyJson } from '../../../src/cli/studyReport';
import { c, simDefinition, simDeps, simStudy, simWorkspace } from '../../support/studyHarness';
import { VirtualClock } from '../../support/simulatedLar';

const workspaces: string[] = [];
after(() => workspaces.forEach((w) => rmSync(w, { recursive: true, force: true })));

const QUICKER = { STANDIN_NOISE: '0.03', STANDIN_FACTORS: JSON.stringify({ 'weight-preprocess': 1 / 1.5 }) };

describe('study: profile the baseline and the winner at the end (simulated targets)', function () {
  this.timeout(120_000);

  it('profiles both after the verdict, tags the runs "profile", and the diff adds up to the total', async () => {
    const events: StudyEvent[] = [];
    const candidates = [c('defaults'), c('quicker', { 'weight-preprocess': true })];
    const plain = await simStudy({ seed: 3, candidates, knobs: QUICKER });
    const s = await simStudy({
      seed: 3,
      candidates,
      knobs: QUICKER,
      def: { profileEnd: true },
      onEvent: (e) => events.push(e),
    });
    workspaces.push(plain.workspace, s.workspace);
    const t = s.record.targets[0]!;
    // The verdict is the same study's: the closing runs changed nothing in it.
    assert.deepEqual(t.ranking, plain.record.targets[0]!.ranking);
    assert.deepEqual(t.rounds, plain.record.targets[0]!.rounds);
    assert.equal(s.record.schedule.length, plain.record.schedule.length);
    const p = t.closingProfile!;
    assert.equal(p.status, 'ok', p.reason);
    assert.equal(p.baseline.candidate, 'defaults');
    assert.equal(p.winner!.candidate, 'quicker');
    const d = p.diff!;
    assert.ok(
      d.deltaMs < 0 && d.ratio! > 0.55 && d.ratio! < 0.8,
      `the winner's profile is faster: ${d.ratio}`,
    );
    const summed = d.contributions.reduce((x, y) => x + y.deltaMs, 0) + d.restMs;
    assert.ok(Math.abs(summed - d.deltaMs) < 1e-9, 'the lines add up to the total difference');
    assert.equal(d.contributions[0]!.type, 'ConvolutionForward');
    // Both runs are ordinary records tagged `profile`, with their profiles on disk.
    const { records } = await RecordStore.forWorkspace(s.workspace).list();
    const profiled = records.filter((r) => r.study?.role === 'profile');
    assert.deepEqual(profiled.map((r) => r.id).sort(), [p.baseline.runId, p.winner!.runId].sort());
    for (const side of [p.baseline, p.winner!])
      assert.ok(existsSync(path.resolve(s.workspace, side.profile!)));
    assert.ok(!s.record.schedule.some((x) => profiled.some((r) => r.id === x.runId)), 'not in the schedule');
    // Progress said so, after the verdict.
    const started = events.findIndex((e) => e.type === 'closing-profile-started');
    const lastVerdictRun = events.map((e) => e.type === 'run-finished').lastIndexOf(true);
    assert.ok(started > lastVerdictRun, 'the closing runs come after every scheduled run');
    assert.ok(events.some((e) => e.type === 'closing-profile-finished'));
    // The CLI report: where the difference comes from, and the command for the full diff.
    const text = renderStudyReport(s.record, 'x.json');
    assert.match(
      text,
      /where the difference comes from \(defaults → quicker, one profiled run each, device clock\)/,
    );
    assert.match(text, /ConvolutionForward \(2 operators\)\s+−\d+\.\d{3}\s+60\.0%/);
    assert.match(
      text,
      new RegExp(
        `full diff: lar-explorer profile ${p.winner!.runId!.slice(0, 8)} --vs ${p.baseline.runId!.slice(0, 8)}`,
      ),
    );
    // The same report in Chinese: the words translated, the numbers and the command as they are.
    const zh = renderStudyReport(s.record, 'x.json', 'zh');
    assert.match(zh, /差异来自哪里（defaults → quicker，各做一次性能分析运行，设备时钟）：/);
    assert.match(zh, /ConvolutionForward（2 个算子）\s+−\d+\.\d{3}\s+60\.0%/);
    assert.match(zh, /^ +Δ ms +占差异$/m);
    assert.match(zh, /^ {2}变化最大的算子：$/m);
    assert.match(zh, new RegExp(`完整差异：lar-explorer profile ${p.winner!.runId!.slice(0, 8)} --vs`));
    assert.match(zh, /（性能分析会拖慢每次运行：这两次运行不计入结论）/);
    assert.match(zh, /^胜出：quicker$/m);
    assert.match(zh, /^实验记录：x\.json$/m);
    const json = studyJson(s.record, false) as {
      targets: Array<{ closingProfile: { fullDiff: unknown; diff: unknown } }>;
    };
    assert.equal(json.targets[0]!.closingProfile.fullDiff, null, 'no --save: no runs to point at');
    assert.deepEqual(json.targets[0]!.closingProfile.diff, d);
  });

  it('without a winner there is nothing to explain: no closing runs, and the report says why', async () => {
    const s = await simStudy({
      seed: 4,
      candidates: [c('defaults'), c('same')],
      knobs: { STANDIN_NOISE: '0.03' },
      maxRounds: 4,
      def: { profileEnd: true },
    });
    workspaces.push(s.workspace);
    const p = s.record.targets[0]!.closingProfile!;
    assert.equal(p.status, 'skipped');
    assert.match(p.reason!, /no winner/);
    const { records } = await RecordStore.forWorkspace(s.workspace).list();
    assert.equal(records.filter((r) => r.study?.role === 'profile').length, 0);
    assert.match(renderStudyReport(s.record, null), /profile at the end: skipped \(no candidate beats/);
    assert.match(renderStudyReport(s.record, null, 'zh'), /结束时的性能分析：已跳过（no candidate beats/);
  });

  it('refuses a study whose candidates mix profiled and plain runs (not comparable)', async () => {
    const workspace = simWorkspace();
    workspaces.push(workspace);
    const { deps } = simDeps({ candidates: [] }, workspace, new VirtualClock());
    const def = simDefinition({ candidates: [c('defaults'), c('profiled', { profile: 'p.json' })] });
    await assert.rejects(runStudy(def, deps), (err: Error) => {
      assert.ok(err instanceof StudyDefinitionError);
      assert.match(err.message, /profiled\) would not compare with the others/);
      return true;
    });
  });
});
