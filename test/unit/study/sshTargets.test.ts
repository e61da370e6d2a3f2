// Two SSH targets of one study side by side, over the real test sshd (system OpenSSH): one run at a
// time per target, both targets at the same time, each with its own noise floor and ranking.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { larEngine } from '../../../src/core/engines/lar/index';
import { RecordStore } from '../../../src/core/records/recordStore';
import { runStudy } from '../../../src/core/study/runStudy';
import { StudyStore } from '../../../src/core/study/studyStore';
import type { StudyDeps } from '../../../src/core/study/studyDeps';
import { startBoard, type TestBoard } from '../../support/sshRemote';

describe('a study on two SSH targets (real sshd)', function () {
  this.timeout(180_000);
  let board: TestBoard;
  let ws: string;
  before(async () => {
    board = await startBoard();
    ws = mkdtempSync(path.join(os.tmpdir(), 'lar-study-ssh-'));
    writeFileSync(path.join(ws, 'model.mge'), 'stand-in model');
  });
  after(async () => {
    await board?.stop();
    rmSync(ws, { recursive: true, force: true });
  });

  it('runs both targets in parallel, one run at a time on each', async () => {
    const direct = board.runner();
    const viaConfig = board.runner({
      destination: board.sshd.alias,
      sshConfigFile: board.sshd.configFile,
      extraSshArgs: [],
    });
    assert.notEqual(direct.target, viaConfig.target);
    const env = { STANDIN_ITER_MS: '15', STANDIN_PROFILE: 'x86', STANDIN_NOISE: '0.03' };
    const deps: StudyDeps = {
      engine: larEngine,
      targets: {
        [direct.target]: { runner: direct, program: board.remoteLar, env },
        [viaConfig.target]: { runner: viaConfig, program: board.remoteLar, env },
      },
      workspaceRoot: ws,
      runStore: RecordStore.forWorkspace(ws),
      studyStore: StudyStore.forWorkspace(ws),
    };
    const record = await runStudy(
      {
        model: 'model.mge',
        engine: 'load_and_run',
        targets: [{ name: direct.target }, { name: viaConfig.target }],
        candidates: [
          { label: 'defaults', flags: {} },
          { label: 'rcs', flags: { 'record-comp-seq': true } },
        ],
        baseline: 'defaults',
        objective: { kind: 'mean' },
        budget: { maxRounds: 3 },
        iterations: 10,
        warmups: 1,
        seed: 3,
        cooldownMs: 0,
        commonFlags: { cpu: true },
        racing: false,
      },
      deps,
    );
    assert.equal(record.stoppedBecause, 'budget');
    const { records } = await RecordStore.forWorkspace(ws).list();
    assert.equal(records.length, 2 * 3 * 3);
    const spans = (target: string) =>
      records
        .filter((r) => r.target === target)
        .map((r) => [Date.parse(r.startedAt), Date.parse(r.endedAt!)] as const)
        .sort((a, b) => a[0] - b[0]);
    const a = spans(direct.target);
    const b = spans(viaConfig.target);
    for (const s of [a, b])
      for (let i = 1; i < s.length; i++) assert.ok(s[i][0] >= s[i - 1][1], 'one run at a time per target');
    const overlaps = a.some(([s1, e1]) => b.some(([s2, e2]) => s1 < e2 && s2 < e1));
    assert.ok(overlaps, 'the two targets ran at the same time');
    for (const t of record.targets) {
      assert.ok(t.noiseFloor && t.noiseFloor.pairs === 3, `${t.name} measured its own noise floor`);
      assert.equal(t.ranking.find((e) => e.label === 'rcs')!.verdict, 'faster');
      assert.ok(t.device?.before?.hostname, 'device facts before the study');
    }
  });
});
