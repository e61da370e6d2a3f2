// A client process to kill for the remote-sweep test: one SshRunner run with an output file, its
// options as JSON in argv[2]. Killed with SIGKILL mid-run, it leaves the remote run folder behind
// exactly as a killed CLI or a crashed VS Code would (no clean-up command ever reaches the board).
import { SshRunner, type SshTargetOptions } from '../../src/core/runners/sshRunner';
import type { RunRequest } from '../../src/core/runners/runner';

const { target, req } = JSON.parse(process.argv[2] ?? '{}') as { target: SshTargetOptions; req: RunRequest };
void new SshRunner(target).run({ ...req, onStderr: (t) => process.stderr.write(t) }).then((o) => {
  process.stdout.write(JSON.stringify(o) + '\n');
});
