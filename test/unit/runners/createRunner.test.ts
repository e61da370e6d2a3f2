import assert from 'node:assert/strict';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { createRunner, runnerTargetOf } from '../../../src/core/runners/createRunner';
import { LocalRunner } from '../../../src/core/runners/localRunner';
import { RunnerError } from '../../../src/core/runners/runner';
import { SshRunner } from '../../../src/core/runners/sshRunner';

describe('createRunner (the one target → Runner factory)', () => {
  it('makes a local runner or an SSH runner from the target', async () => {
    const local = createRunner({ kind: 'local' });
    assert.ok(local instanceof LocalRunner);
    assert.equal(local.target, 'local');
    const ssh = createRunner({ kind: 'ssh', destination: 'user@board', workDir: '/tmp/w', env: { A: '1' } });
    assert.ok(ssh instanceof SshRunner);
    assert.equal(ssh.target, 'ssh:user@board');
    await Promise.all([local.dispose(), ssh.dispose()]);
  });

  it('passes the shell’s hint to the runner’s errors', async () => {
    const runner = createRunner({ kind: 'local' }, { programHint: 'Pass --lar.' });
    await assert.rejects(
      runner.run({ program: join(tmpdir(), 'no-such-dir-lar', 'load_and_run'), args: [] }),
      (e: unknown) => e instanceof RunnerError && e.code === 'binary-missing' && e.hint === 'Pass --lar.',
    );
  });

  it('reads a CLI destination: nothing or "local" is this machine', () => {
    assert.deepEqual(runnerTargetOf(undefined), { kind: 'local' });
    assert.deepEqual(runnerTargetOf('local', 'cfg'), { kind: 'local' });
    assert.deepEqual(runnerTargetOf('board1', 'cfg'), {
      kind: 'ssh',
      destination: 'board1',
      sshConfigFile: 'cfg',
    });
  });

  it('refuses a destination ssh would read as an option', () => {
    assert.throws(() => createRunner({ kind: 'ssh', destination: '-oProxyCommand=x' }), RunnerError);
  });
});
