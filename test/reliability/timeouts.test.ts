// Fault 4: `--timeout` above 2,147,483 s overflowed Node's timer to 1 ms (the run was killed at once);
// below 0.0005 s it rounded to 0, which means no limit.
import assert from 'node:assert/strict';
import { startRunTimer } from '../../src/core/runners/runTimer';
import { CliWorkspace, MODEL, STANDIN } from '../unit/cli/cliHarness';

describe('reliability: run time limits', function () {
  this.timeout(30_000);
  let ws: CliWorkspace;
  before(async () => (ws = await CliWorkspace.create()));
  after(async () => ws.dispose());

  it('a limit longer than 24.8 days does not fire at once', async () => {
    let fired = false;
    const timer = startRunTimer(2 ** 31 + 1000, () => (fired = true));
    await new Promise((r) => setTimeout(r, 50));
    timer.clear();
    assert.equal(fired, false);
  });

  it('a short limit still fires', async () => {
    let fired = false;
    startRunTimer(5, () => (fired = true));
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(fired, true);
  });

  it('run --timeout 3000000 (34 days) lets a short run finish', async () => {
    const r = await ws.run(['run', '--lar', STANDIN, '--timeout', '3000000', MODEL, '--', '--iter', '10'], {
      env: { STANDIN_ITER_MS: '1' },
    });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^OK/);
  });

  it('run --timeout 0.0001 is refused (it would mean no limit)', async () => {
    const r = await ws.run(['run', '--lar', STANDIN, '--timeout', '0.0001', MODEL]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--timeout must be at least 0\.001 seconds \(got "0\.0001"\)/);
  });
});
