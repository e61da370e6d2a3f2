// Fault 11: load_and_run's integer flags are gflags int32; `--iter 2147483648` must be refused
// before anything runs, with the range in both languages, and nothing saved.
import assert from 'node:assert/strict';
import { larEngine } from '../../src/core/engines/lar/index';
import { RecordStore } from '../../src/core/records/recordStore';
import { CliWorkspace, MODEL, STANDIN } from '../unit/cli/cliHarness';

describe('reliability: 32-bit flag ranges', function () {
  this.timeout(20_000);

  it('validation refuses int32 overflow for every int flag, and accepts the largest int32', () => {
    for (const flag of ['iter', 'warmup-iter', 'thread']) {
      const issues = larEngine.validate({ [flag]: 2147483648 });
      const range = issues.find((i) => i.rule === 'range');
      assert.ok(range, `--${flag} 2147483648 passed validation`);
      assert.match(range.message.en, /32-bit integer .* out of range/);
      assert.match(range.message.zh, /32 位整数/);
    }
    assert.equal(larEngine.validate({ iter: 2147483647 }).filter((i) => i.rule === 'range').length, 0);
  });

  it('run --iter 2147483648 exits 2 before starting load_and_run; nothing is saved', async () => {
    const ws = await CliWorkspace.create();
    try {
      const r = await ws.run(['run', '--lar', STANDIN, '--save', MODEL, '--', '--iter', '2147483648']);
      assert.equal(r.code, 2, r.stderr);
      assert.match(r.stderr, /--iter is a 32-bit integer in load_and_run/);
      assert.equal((await RecordStore.forWorkspace(ws.dir).list()).records.length, 0);
    } finally {
      await ws.dispose();
    }
  });
});
