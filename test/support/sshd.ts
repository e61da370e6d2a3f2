/**
 * A real OpenSSH server for the SSH runner tests: 127.0.0.1 at a free port, its own host key, its
 * own freshly generated ed25519 client key, its own sshd_config, running as the current user.
 * Tests talk to it with the system `ssh` exactly as a user would talk to a board.
 * Nothing here touches the user's ~/.ssh: every file lives in a private temp dir.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm, writeFile, chmod } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

const SSHD = '/usr/sbin/sshd';

export interface TestSshd {
  port: number;
  user: string;
  /** `user@127.0.0.1`; pass `sshArgs` along (port, key, known_hosts). */
  destination: string;
  /** -p PORT -i KEY -o UserKnownHostsFile=... for `SshTargetOptions.extraSshArgs`. */
  sshArgs: string[];
  /** An ssh_config file declaring `Host <alias>` with the same settings, for the `-F` path. */
  configFile: string;
  alias: string;
  /** Private key the server accepts. */
  clientKey: string;
  /** A key the server does NOT accept (for the auth-failure test). */
  wrongKey: string;
  knownHosts: string;
  /** Root of every file this server owns. */
  dir: string;
  stop(): Promise<void>;
}

/** Start a private sshd; call `stop()` in `after()`. */
export async function startSshd(): Promise<TestSshd> {
  ensureSshdInstalled();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'lar-sshd-'));
  const user = os.userInfo().username;
  const hostKey = path.join(dir, 'host_ed25519');
  const clientKey = path.join(dir, 'client_ed25519');
  const wrongKey = path.join(dir, 'wrong_ed25519');
  for (const k of [hostKey, clientKey, wrongKey]) {
    execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'lar-explorer-test', '-f', k]);
  }
  const authorizedKeys = path.join(dir, 'authorized_keys');
  execFileSync('cp', [clientKey + '.pub', authorizedKeys]);
  await chmod(authorizedKeys, 0o600);
  const knownHosts = path.join(dir, 'known_hosts');
  // sshd (running as root) insists on its privilege-separation directory.
  if (process.getuid?.() === 0 && !existsSync('/run/sshd')) mkdirSync('/run/sshd', { mode: 0o755 });

  let lastError: Error | undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await freePort();
    const cfg = path.join(dir, 'sshd_config');
    await writeFile(
      cfg,
      [
        `Port ${port}`,
        'ListenAddress 127.0.0.1',
        `HostKey ${hostKey}`,
        `AuthorizedKeysFile ${authorizedKeys}`,
        `PidFile ${path.join(dir, 'sshd.pid')}`,
        'PubkeyAuthentication yes',
        'PasswordAuthentication no',
        'KbdInteractiveAuthentication no',
        'UsePAM no',
        'StrictModes no',
        'PermitRootLogin yes',
        'MaxSessions 64',
        'MaxStartups 64:30:128',
        'LogLevel ERROR',
        'Subsystem sftp internal-sftp',
        '',
      ].join('\n'),
    );
    const child = spawn(SSHD, ['-D', '-e', '-f', cfg], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
    try {
      await waitForPort(port, child, () => stderr);
    } catch (e) {
      child.kill('SIGKILL');
      lastError = e as Error;
      continue;
    }
    // Never leave an sshd behind, even when the test process dies early.
    const killOnExit = () => child.kill('SIGKILL');
    process.once('exit', killOnExit);
    child.once('exit', () => process.removeListener('exit', killOnExit));
    const sshArgs = [
      '-p',
      String(port),
      '-i',
      clientKey,
      '-o',
      'IdentitiesOnly=yes',
      '-o',
      `UserKnownHostsFile=${knownHosts}`,
      '-o',
      'StrictHostKeyChecking=accept-new',
      '-o',
      'LogLevel=ERROR',
    ];
    const alias = 'lar-test-board';
    const configFile = path.join(dir, 'ssh_config');
    await writeFile(
      configFile,
      [
        `Host ${alias}`,
        '  HostName 127.0.0.1',
        `  Port ${port}`,
        `  User ${user}`,
        `  IdentityFile ${clientKey}`,
        '  IdentitiesOnly yes',
        `  UserKnownHostsFile ${knownHosts}`,
        '  StrictHostKeyChecking accept-new',
        '',
        'Host *.wildcard.example',
        '  User nobody',
        '',
      ].join('\n'),
    );
    return {
      port,
      user,
      destination: `${user}@127.0.0.1`,
      sshArgs,
      configFile,
      alias,
      clientKey,
      wrongKey,
      knownHosts,
      dir,
      stop: () => stopServer(child, dir),
    };
  }
  await rm(dir, { recursive: true, force: true });
  throw new Error(`could not start a test sshd: ${lastError?.message}`);
}

function ensureSshdInstalled(): void {
  if (existsSync(SSHD)) return;
  if (process.getuid?.() !== 0) {
    throw new Error(
      `${SSHD} is missing: the SSH runner tests need a real OpenSSH server. ` +
        'Install it with: sudo apt-get install -y openssh-server',
    );
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', 'openssh-server'], {
    stdio: 'inherit',
    env,
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, stderr: () => string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`sshd exited (${child.exitCode}): ${stderr().trim()}`);
    if (await accepts(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not listen on port ${port} within 10 s: ${stderr().trim()}`);
}

function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = net.connect(port, '127.0.0.1');
    sock.once('connect', () => {
      sock.destroy();
      resolve(true);
    });
    sock.once('error', () => resolve(false));
  });
}

async function stopServer(child: ChildProcess, dir: string): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
  await rm(dir, { recursive: true, force: true });
}
