// The Explore panel's picture of a study: folded from the core's events while it runs, rebuilt
// from the study record when opened again. Plain data (no VS Code), so plain Node tests.
import assert from 'node:assert/strict';
import type { RankingEntry, StudyDefinition, StudyRecord } from '../../../src/core/study';
import {
  applyStudyEvent,
  snapshotOfDefinition,
  snapshotOfRecord,
} from '../../../src/extension/explore/studySnapshot';

const def: StudyDefinition = {
  model: 'models/m.mge',
  engine: 'load_and_run',
  targets: [{ name: 'local' }, { name: 'ssh:board' }],
  candidates: [
    { label: 'defaults', flags: {} },
    { label: 'fast-run', flags: { 'fast-run': true } },
  ],
  baseline: 'defaults',
  objective: { kind: 'mean' },
  budget: { maxRounds: 5 },
  iterations: 10,
  warmups: 1,
  seed: 1,
  cooldownMs: 0,
  commonFlags: {},
};

const ranking = (ratio: number): RankingEntry[] => [
  {
    label: 'fast-run',
    flags: { 'fast-run': true },
    estimate: { ratio, lo: ratio * 0.9, hi: ratio * 1.1, rounds: 3 },
    verdict: 'faster',
    rounds: 3,
    breakEven: null,
  },
  { label: 'defaults', flags: {}, estimate: null, verdict: 'baseline', rounds: 3, breakEven: null },
];

describe('Explore: study snapshots', () => {
  it('takes the id the core gives, and each target its own round, ranking and noise floor', () => {
    const s = snapshotOfDefinition('pending-1', def);
    assert.equal(s.phase, 'running');
    assert.equal(
      applyStudyEvent(s, { type: 'study-started', studyId: 'abc', path: '/x/abc.json', resumed: false }),
      true,
    );
    assert.equal(s.id, 'abc');
    applyStudyEvent(s, { type: 'round-started', target: 'ssh:board', round: 2, order: [] });
    const noise = { lo: 0.97, hi: 1.03, pairs: 2, sdLog: 0.01 };
    applyStudyEvent(s, {
      type: 'ranking-updated',
      target: 'local',
      round: 3,
      ranking: ranking(0.8),
      noiseFloor: noise,
      alive: 2,
      etaMs: 5000,
    });
    assert.equal(s.targets[0]!.round, 3);
    assert.deepEqual(s.targets[0]!.noiseFloor, noise);
    assert.equal(s.targets[0]!.ranking[0]!.estimate!.ratio, 0.8);
    assert.equal(s.targets[1]!.round, 2, 'the other target keeps its own round');
    assert.deepEqual(s.targets[1]!.ranking, []);
    // A run finishing is not a visible change by itself (the ranking after the round is).
    assert.equal(
      applyStudyEvent(s, {
        type: 'run-finished',
        target: 'local',
        round: 3,
        candidate: 'fast-run',
        slot: 'only',
        runId: 'r',
        status: 'ok',
        value: 1.5,
      }),
      false,
    );
    assert.deepEqual(s.targets[0]!.runValues, [{ candidate: 'fast-run', value: 1.5 }]);
  });

  it('a stopped study becomes what its record says, in the same object the panel holds', () => {
    const s = snapshotOfDefinition('pending-2', def);
    const record = {
      schema: 1,
      kind: 'study',
      id: 'def',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:01:00.000Z',
      tool: 't',
      definition: def,
      method: 'm',
      schedule: [
        { target: 'local', round: 1, position: 0, candidate: 'defaults', slot: 'a', status: 'ok', value: 2 },
      ],
      preparations: [],
      targets: [
        {
          name: 'local',
          roundsDone: 4,
          noiseFloor: null,
          ranking: ranking(0.7),
          rounds: [],
          excluded: [],
          stoppedBecause: 'settled',
        },
      ],
      stoppedBecause: 'settled',
      elapsedMs: 1,
      modelSha256: null,
    } as StudyRecord;
    applyStudyEvent(s, { type: 'study-stopped', stoppedBecause: 'settled', record });
    assert.equal(s.id, 'def');
    assert.equal(s.phase, 'stopped');
    assert.equal(s.stoppedBecause, 'settled');
    assert.equal(s.targets[0]!.round, 4);
    assert.deepEqual(s.targets[0]!.runValues, [{ candidate: 'defaults', value: 2 }]);
    // A target the record has no outcome for yet is still listed, empty.
    assert.equal(s.targets[1]!.name, 'ssh:board');
    assert.equal(s.targets[1]!.round, 0);
    assert.equal(snapshotOfRecord(record).targets.length, 2);
  });

  it('folds the closing profiles: running while they go, then their diff; a reopened record keeps it', () => {
    const s = snapshotOfDefinition('pending-1', def);
    assert.equal(
      applyStudyEvent(s, {
        type: 'closing-profile-started',
        target: 'local',
        candidates: ['defaults', 'fast-run'],
      }),
      true,
    );
    assert.equal(s.targets[0]!.profiling, true);
    assert.equal(s.targets[1]!.profiling, undefined, 'only that target');
    const profile = {
      status: 'ok' as const,
      baseline: { candidate: 'defaults', runId: 'a' },
      winner: { candidate: 'fast-run', runId: 'b' },
    };
    applyStudyEvent(s, { type: 'closing-profile-finished', target: 'local', profile });
    assert.equal(s.targets[0]!.profiling, false);
    assert.deepEqual(s.targets[0]!.closingProfile, profile);
    const record = {
      id: 'x',
      definition: def,
      createdAt: '2026-01-01T00:00:00Z',
      schedule: [],
      targets: [
        {
          name: 'local',
          roundsDone: 3,
          noiseFloor: null,
          ranking: ranking(0.8),
          rounds: [],
          excluded: [],
          closingProfile: profile,
        },
      ],
    } as unknown as StudyRecord;
    assert.deepEqual(snapshotOfRecord(record).targets[0]!.closingProfile, profile);
  });
});
