// Fault 5: a dropped SSH link was reported with load_and_run's own last log line as "ssh failed: …",
// and rules that grep that stderr ("No space left", "Permission denied") misclassified it.
import assert from 'node:assert/strict';
import { classifyLostRun, classifySshFailure } from '../../src/core/runners/sshErrors';

const TOOL_TAIL = [
  '[11 03:12:44 @:118] iter 41/100: e2e=5.210 ms (host=0.310 ms)',
  '[11 03:12:44 @:301] warn: could not write profile: No space left on device',
  '[11 03:12:44 @:302] open /sys/devices/system/cpu/cpu0/cpufreq: Permission denied',
].join('\n');

describe('reliability: a dropped SSH link', () => {
  const ctx = { destination: 'board1', exitCode: 255, program: '/opt/lar' };

  it('is a lost link, not disk-full or permission-denied from the tool log', () => {
    const err = classifyLostRun(`${TOOL_TAIL}\nclient_loop: send disconnect: Broken pipe\n`, ctx);
    assert.equal(err.code, 'host-unreachable');
    assert.equal(
      err.message,
      'The SSH connection to board1 was lost during the run (ssh: client_loop: send disconnect: Broken pipe).',
    );
    assert.doesNotMatch(err.message, /No space|Permission denied|iter 41/);
  });

  it('without any ssh line it still says the link was lost, quoting nothing of the tool', () => {
    const err = classifyLostRun(TOOL_TAIL, ctx);
    assert.equal(err.message, 'The SSH connection to board1 was lost during the run.');
  });
});

describe('reliability: a folder as the remote binary', () => {
  it('is called a folder, without chmod advice', () => {
    const err = classifySshFailure('lar-explorer: is a folder: /opt/mge\n', {
      destination: 'board1',
      exitCode: 126,
      program: '/opt/mge',
    });
    assert.ok(err);
    assert.equal(err.message, '/opt/mge on board1 is a folder, not a program.');
    assert.doesNotMatch(err.hint, /chmod/);
    assert.match(err.hint, /Point at the program inside \/opt\/mge, not at the folder/);
  });
});
