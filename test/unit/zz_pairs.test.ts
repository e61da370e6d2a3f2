import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runBenchmark } from '/work/wt-study/src/core/benchmark/runBenchmark';
import { larEngine } from '/work/wt-study/src/core/engines/lar/index';
import { compareRecords } from '/work/wt-study/src/core/records/compare';
import { SimulatedLarRunner, VirtualClock } from '/work/wt-study/test/support/simulatedLar';
it('count', async () => {
  const ws = mkdtempSync(path.join(os.tmpdir(), 'p-')); writeFileSync(path.join(ws, 'model.mge'), 'x');
  for (const noise of ['0.03', '0.08', '0.15']) {
    let called = 0, iter = 0;
    for (let seed = 1; seed <= 10; seed++) {
      const clock = new VirtualClock();
      const runner = new SimulatedLarRunner({ clock, seed, knobs: { STANDIN_PROFILE: 'x86', STANDIN_NOISE: noise, STANDIN_ITER_NOISE: '0.02' } });
      const runs = [];
      for (let i = 0; i < 12; i++) runs.push(await runBenchmark({ engine: larEngine, runner, program: 'load_and_run', model: 'model.mge', flags: { cpu: true, iter: 30 }, workspaceRoot: ws, collectFacts: false, now: clock.now }));
      for (let i = 0; i < 12; i++) for (let j = i + 1; j < 12; j++) {
        const c = compareRecords([runs[i], runs[j]]).phases.find((p) => p.phase === 'inference')!.cells[1];
        if (c.verdict === 'faster' || c.verdict === 'slower') called++;
        if (c.verdict === 'faster' || c.verdict === 'slower' || c.iterationTestSaid) iter++;
      }
    }
    console.log(`noise ${noise}: 10 sets of 66 identical pairs: called ${called}/660; iteration test alone ${iter}/660`);
  }
});
