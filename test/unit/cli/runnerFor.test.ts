// `run` picks its runner by --target, and loads the SSH modules only for a remote target (issue #15):
// the remote path goes through a dynamic import, so it is checked here to still build an SSH runner.
import assert from 'node:assert/strict';
import { runnerFor } from '../../../src/cli/commands/run';
import { UsageError } from '../../../src/cli/exitCodes';
import { LocalRunner } from '../../../src/core/runners/localRunner';
import { SshRunner } from '../../../src/core/runners/sshRunner';

describe('cli: runnerFor', () => {
  it('no --target (or --target local) runs on this machine', async () => {
    for (const target of [undefined, 'local']) {
      const runner = await runnerFor({ target, env: [] });
      assert.ok(runner instanceof LocalRunner);
      assert.equal(runner.target, 'local');
    }
  });

  it('a remote --target gets an SSH runner (loaded on demand) with its ssh config', async () => {
    const runner = await runnerFor({ target: 'pi@board', sshConfig: '/nonexistent/ssh_config', env: [] });
    assert.ok(runner instanceof SshRunner);
    assert.equal(runner.target, 'ssh:pi@board');
    await runner.dispose();
  });

  it('usage errors: --ssh-config without --target, a destination ssh cannot read', async () => {
    await assert.rejects(runnerFor({ sshConfig: 'cfg', env: [] }), (e: unknown) => {
      assert.ok(e instanceof UsageError);
      assert.match(e.message, /--ssh-config needs --target/);
      return true;
    });
    await assert.rejects(runnerFor({ target: 'pi@10.0.0.2:2222', env: [] }), UsageError);
  });
});
