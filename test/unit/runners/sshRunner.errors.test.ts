import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { collectDeviceFacts } from '../../../src/core/runners/deviceFacts';
import { RunnerError, type RunnerErrorCode } from '../../../src/core/runners/runner';
import { listSshHosts } from '../../../src/core/runners/sshTargets';
import { checkTarget } from '../../../src/core/runners/targetCheck';
import { startBoard, type TestBoard } from '../../support/sshRemote';

function isRunnerError(code: RunnerErrorCode, text?: RegExp) {
  return (e: unknown) => {
    assert.ok(e instanceof RunnerError, `expected a RunnerError, got ${String(e)}`);
    assert.equal(e.code, code, `${e.code}: ${e.message}`);
    if (text) assert.match(`${e.message} ${e.hint}`, text);
    assert.ok(e.hint.length > 20, 'every error says what to do');
    return true;
  };
}

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
  });
}

describe('SshRunner errors, exec and target checks through a real sshd', function () {
  this.timeout(30_000);
  let board: TestBoard;
  let model: string;
  before(async () => {
    board = await startBoard();
    model = path.join(board.localDir, 'err.mge');
    await writeFile(model, 'err model');
  });
  after(() => board?.stop());

  const req = () => ({
    program: board.remoteLar,
    args: [model],
    files: [{ argIndex: 0, localPath: model, direction: 'in' as const }],
  });

  it('a key the server does not accept: auth-failed', async () => {
    const args = board.sshd.sshArgs.map((a) => (a === board.sshd.clientKey ? board.sshd.wrongKey : a));
    const runner = board.runner({ extraSshArgs: args, controlDir: path.join(board.localDir, 'ctl-auth') });
    await assert.rejects(runner.run(req()), isRunnerError('auth-failed', /ssh-copy-id/));
  });

  it('a port nobody listens on: host-unreachable', async () => {
    const port = await closedPort();
    const args = board.sshd.sshArgs.map((a) => (a === String(board.sshd.port) ? String(port) : a));
    const runner = board.runner({ extraSshArgs: args, controlDir: path.join(board.localDir, 'ctl-port') });
    await assert.rejects(runner.run(req()), isRunnerError('host-unreachable', /cannot be reached/));
  });

  it('a host key that changed: host-key-changed', async () => {
    const knownHosts = path.join(board.localDir, 'known_hosts_changed');
    const port = board.sshd.port;
    // A different (valid) key recorded for this host:port.
    const other = execFileSync('cat', [board.sshd.wrongKey + '.pub'], { encoding: 'utf8' })
      .split(' ')
      .slice(0, 2)
      .join(' ');
    await writeFile(knownHosts, `[127.0.0.1]:${port} ${other}\n`);
    const args = board.sshd.sshArgs.map((a) =>
      a.startsWith('UserKnownHostsFile=') ? `UserKnownHostsFile=${knownHosts}` : a,
    );
    const runner = board.runner({ extraSshArgs: args, controlDir: path.join(board.localDir, 'ctl-hk') });
    await assert.rejects(runner.run(req()), isRunnerError('host-key-changed', /ssh-keygen -R/));
  });

  it('a missing remote load_and_run: binary-missing naming the path', async () => {
    const missing = path.join(board.remoteRoot, 'no such dir', 'load_and_run');
    await assert.rejects(
      board.runner().run({ ...req(), program: missing }),
      isRunnerError('binary-missing', new RegExp(missing.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))),
    );
    // The run directory made for it is gone again.
    assert.deepEqual(await readdir(path.join(board.workDir, 'runs')), []);
  });

  it('a remote load_and_run that is not executable: binary-not-executable', async () => {
    const plain = path.join(board.remoteRoot, 'plain-file');
    await writeFile(plain, 'not a program', { mode: 0o644 });
    await assert.rejects(
      board.runner().run({ ...req(), program: plain }),
      isRunnerError('binary-not-executable', /chmod \+x/),
    );
  });

  it('a work directory that cannot be created: permission-denied', async () => {
    // A regular file where a directory must go: mkdir fails on any user, root included.
    const blocker = path.join(board.remoteRoot, 'blocker');
    await writeFile(blocker, 'x');
    const runner = board.runner({ workDir: path.join(blocker, 'work') });
    await assert.rejects(runner.run(req()), isRunnerError('permission-denied', /work directory/));
  });

  it('exec runs short commands remotely and keeps their exit code', async () => {
    const runner = board.runner();
    const v = await runner.exec(board.remoteLar, ['--version']);
    assert.equal(v.exitCode, 0);
    assert.equal(v.stdout, 'load_and_run version 1.9999.0 (test stand-in)\n');
    const help = await runner.exec(board.remoteLar, ['--help']);
    assert.equal(help.exitCode, 1);
    assert.match(help.stdout, /-layout_transform_dump \(The computing graph/);
    const usage = await runner.exec(board.remoteLar, []);
    assert.equal(usage.exitCode, 255);
    await assert.rejects(
      runner.exec(path.join(board.remoteRoot, 'nope'), []),
      isRunnerError('binary-missing'),
    );
  });

  it('collects device facts over SSH with one command', async () => {
    const facts = await collectDeviceFacts((p, a) => board.runner().exec(p, a));
    assert.equal(facts.arch, execFileSync('uname', ['-m'], { encoding: 'utf8' }).trim());
    assert.equal(facts.hostname, execFileSync('hostname', [], { encoding: 'utf8' }).trim());
    assert.equal(facts.cores, Number(execFileSync('nproc', [], { encoding: 'utf8' }).trim()));
    assert.equal(facts.loadAvg?.length, 3);
  });

  it('checkTarget: reachable with version, arch, cores and help; or says why not', async () => {
    const ok = await checkTarget(board.runner(), board.remoteLar);
    assert.equal(ok.reachable, true);
    assert.equal(ok.error, undefined);
    assert.equal(ok.larVersion, '1.9999.0');
    assert.equal(ok.arch, execFileSync('uname', ['-m'], { encoding: 'utf8' }).trim());
    assert.ok((ok.cores ?? 0) > 0);
    assert.match(ok.helpText ?? '', /-fast_run \(whether to use fast-run/);

    const noLar = await checkTarget(board.runner(), '/opt/nowhere/load_and_run');
    assert.equal(noLar.reachable, true);
    assert.match(noLar.error ?? '', /not found.*\/opt\/nowhere\/load_and_run/);

    const port = await closedPort();
    const args = board.sshd.sshArgs.map((a) => (a === String(board.sshd.port) ? String(port) : a));
    const down = await checkTarget(
      board.runner({ extraSshArgs: args, controlDir: path.join(board.localDir, 'ctl-down') }),
      'x',
    );
    assert.equal(down.reachable, false);
    assert.match(down.error ?? '', /cannot be reached/);
  });

  it('lists the test ssh_config hosts, skipping wildcard patterns', async () => {
    const hosts = await listSshHosts(board.sshd.configFile);
    assert.deepEqual(hosts, [
      { alias: board.sshd.alias, hostName: '127.0.0.1', user: board.sshd.user, port: board.sshd.port },
    ]);
  });

  it('dispose closes the shared connection', async () => {
    const controlDir = path.join(board.localDir, 'ctl-dispose');
    const runner = board.runner({ controlDir });
    await runner.exec('true', []);
    const sockets = () => execFileSync('ls', [controlDir], { encoding: 'utf8' }).trim();
    assert.match(sockets(), /^[0-9a-f]{40}$/);
    await runner.dispose();
    assert.equal(sockets(), '');
    assert.equal(existsSync(controlDir), true);
  });
});
