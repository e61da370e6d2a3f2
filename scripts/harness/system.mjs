// What the test harness needs from the machine (Debian packages) and how to get it.
// Installs with apt when missing and running as root; otherwise says what to install.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const NEEDS = [
  { bin: '/usr/bin/chromium', pkg: 'chromium', why: 'the browser the e2e and integration tiers drive' },
  { bin: '/usr/include/krb5.h', pkg: 'libkrb5-dev', why: "code-server's kerberos module builds against it" },
  {
    bin: '/usr/bin/rg',
    pkg: 'ripgrep',
    why: "code-server's search needs ripgrep (it cannot download its own)",
  },
  { bin: '/usr/sbin/sshd', pkg: 'openssh-server', why: 'the SSH runner tests talk to a real sshd' },
  { bin: '/usr/bin/ssh', pkg: 'openssh-client', why: 'the SSH runner uses the system OpenSSH client' },
  {
    bin: '/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc',
    pkg: 'fonts-wqy-zenhei',
    why: 'Chinese text in the zh-cn screenshots (without a CJK font Chromium draws boxes)',
  },
];

export function ensureSystemPackages(log = console.error) {
  const missing = NEEDS.filter((n) => !existsSync(n.bin));
  if (missing.length === 0) return;
  const pkgs = missing.map((m) => m.pkg);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    const lines = missing.map((m) => `  ${m.pkg}  (${m.why})`).join('\n');
    throw new Error(
      `Missing Debian packages:\n${lines}\nInstall them: sudo apt-get install -y ${pkgs.join(' ')}`,
    );
  }
  log(`[harness] installing Debian packages: ${pkgs.join(' ')} (about a minute)`);
  aptInstall(pkgs, log);
}

/**
 * `apt-get update` and `install`, quietly: dpkg prints a progress line per file it unpacks
 * (hundreds), which would bury the demo's URL. The output is kept and shown only if apt fails.
 */
export function aptInstall(pkgs, log = console.error) {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const quiet = { stdio: ['ignore', 'pipe', 'pipe'], env, maxBuffer: 64 * 1024 * 1024 };
  for (const args of [
    ['update', '-qq'],
    ['install', '-y', '-qq', '--no-install-recommends', ...pkgs],
  ]) {
    const r = spawnSync('apt-get', args, quiet);
    if (r.status !== 0) {
      log(`[harness] apt-get ${args[0]} failed:\n${r.stdout ?? ''}${r.stderr ?? ''}`);
      throw new Error(
        `apt-get ${args[0]} failed (exit ${r.status ?? r.signal}); install ${pkgs.join(' ')} by hand`,
      );
    }
  }
  log('[harness] Debian packages installed');
}
