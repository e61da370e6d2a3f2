// Issue #10, item 9: two-run compare may not call run-to-run noise a difference. 12 identical single
// runs (run-to-run noise like a board's, 30 iterations each) compared in all 66 pairs.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBenchmark } from '../../../src/core/benchmark/runBenchmark';
import { larEngine } from '../../../src/core/engines/lar/index';
import { compareRecords } from '../../../src/core/records/compare';
import type { RunRecord } from '../../../src/core/records/runRecord';
import type { FlagSet } from '../../../src/core/engine';
import { SimulatedLarRunner, VirtualClock } from '../../support/simulatedLar';

describe('two-run compare stays honest', () => {
  let ws: string;
  const clock = new VirtualClock();
  // 8% run-to-run (Arm boards swing 13–20%), 2% between iterations of one run.
  const runner = new SimulatedLarRunner({
    clock,
    seed: 12,
    knobs: { STANDIN_PROFILE: 'x86', STANDIN_NOISE: '0.08', STANDIN_ITER_NOISE: '0.02' },
  });
  const run = (flags: FlagSet): Promise<RunRecord> =>
    runBenchmark({
      engine: larEngine,
      runner,
      program: 'load_and_run',
      model: 'model.mge',
      flags: { cpu: true, iter: 30, ...flags },
      workspaceRoot: ws,
      collectFacts: false,
      now: clock.now,
    });
  before(() => {
    ws = mkdtempSync(path.join(os.tmpdir(), 'lar-honest-'));
    writeFileSync(path.join(ws, 'model.mge'), 'stand-in');
  });
  after(() => rmSync(ws, { recursive: true, force: true }));

  it('12 identical runs in all 66 pairs: at most 3 called faster/slower', async () => {
    const runs: RunRecord[] = [];
    for (let i = 0; i < 12; i++) runs.push(await run({}));
    let called = 0;
    let iterationsAloneCalled = 0;
    let pairs = 0;
    for (let i = 0; i < 12; i++)
      for (let j = i + 1; j < 12; j++) {
        const cell = compareRecords([runs[i], runs[j]]).phases.find((p) => p.phase === 'inference')!.cells[1];
        pairs++;
        if (cell.verdict === 'faster' || cell.verdict === 'slower') called++;
        if (cell.verdict === 'faster' || cell.verdict === 'slower' || cell.iterationTestSaid)
          iterationsAloneCalled++;
      }
    assert.equal(pairs, 66);
    assert.ok(called <= 3, `${called} of 66 identical pairs called a difference`);
    // The defect this guards against: the iteration test alone calls most of these pairs.
    assert.ok(iterationsAloneCalled >= 33, `iterations alone called ${iterationsAloneCalled}`);
  });

  it('a real, large effect is still called (nchw44 2.2× slower, nchw88 79× slower)', async () => {
    const base = await run({});
    for (const flag of ['enable-nchw44', 'enable-nchw88']) {
      const other = await run({ [flag]: true });
      const cell = compareRecords([base, other]).phases.find((p) => p.phase === 'inference')!.cells[1];
      assert.equal(cell.verdict, 'slower', flag);
      assert.equal(cell.iterationTestSaid, undefined);
    }
  });

  it('with a measured noise floor, a smaller real effect is called and the band is reported', async () => {
    const base = await run({});
    const quicker = await run({ 'record-comp-seq': true });
    const floors = { local: { lo: 0.8, hi: 1.25, studyId: 'abc' } };
    const cell = compareRecords([base, quicker], undefined, { noiseFloors: floors }).phases.find(
      (p) => p.phase === 'inference',
    )!.cells[1];
    assert.equal(cell.verdict, 'faster');
    assert.deepEqual(cell.runToRun, { lo: 0.8, hi: 1.25, basis: 'study', studyId: 'abc' });
  });
});
