// Fault 1: SIGTERM / SIGHUP to the CLI (CI cancellation, timeout(1), docker stop, a closed terminal)
// must behave as Ctrl-C: the run is cancelled, load_and_run's process group is stopped, the record
// is kept (`cancelled`), and the exit code is 128 + the signal.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { RecordStore } from '../../src/core/records/recordStore';
import { CliWorkspace, MODEL, STANDIN } from '../unit/cli/cliHarness';
import { cliProcess } from './cliProcess';

describe('reliability: cancel signals', function () {
  this.timeout(60_000);
  let ws: CliWorkspace;
  beforeEach(async () => (ws = await CliWorkspace.create()));
  afterEach(async () => ws.dispose());

  for (const [signal, code] of [
    ['SIGTERM', 143],
    ['SIGHUP', 129],
  ] as const) {
    it(`${signal} cancels the run, stops load_and_run, keeps a cancelled record and exits ${code}`, async () => {
      let sent = false;
      // An absolute model path puts the unique temp folder into load_and_run's argv, so `ps` finds it.
      const model = join(ws.dir, MODEL);
      const r = await cliProcess(
        ['run', '--lar', STANDIN, '--save', '--progress', 'log', model, '--', '--iter', '30'],
        ws.dir,
        { STANDIN_HANG: '1' },
        (text, child) => {
          if (!sent && text.includes('=== prepare')) {
            sent = true;
            child.kill(signal);
          }
        },
      );
      assert.equal(r.signal, null, `the CLI died of ${r.signal} instead of handling it`);
      assert.equal(r.code, code, r.stderr);
      assert.match(r.stderr, new RegExp(`cancelling \\(${signal}\\)`));
      const records = (await RecordStore.forWorkspace(ws.dir).list()).records;
      assert.equal(records.length, 1, 'the record of the cancelled run was not saved');
      assert.equal(records[0]!.status, 'cancelled');
      assert.match(records[0]!.reason!, new RegExp(`received ${signal}`));
      const ps = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' });
      assert.ok(!ps.includes(ws.dir), `load_and_run still running:\n${ps}`);
    });
  }
});
