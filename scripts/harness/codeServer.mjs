// code-server (the real VS Code 1.100.3, served to a browser) for the integration and e2e tiers.
// Its postinstall downloads ripgrep and compiles native modules, which fails offline, so it is
// installed with --ignore-scripts and finished by hand (see shared/reference/real-vscode-harness.md),
// in a cache folder keyed by version, and reused between runs.
import { execFileSync, spawn } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
  mkdtempSync,
} from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { removeDir } from './removeDir.mjs';

export const CODE_SERVER_VERSION = '4.100.3';

export function cacheRoot() {
  const base =
    process.env.LAR_TEST_CACHE ||
    path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'lar-explorer-test');
  return base;
}

export function codeServerDir() {
  return path.join(cacheRoot(), `code-server-${CODE_SERVER_VERSION}`);
}

export function codeServerEntry() {
  return path.join(codeServerDir(), 'node_modules', 'code-server', 'out', 'node', 'entry.js');
}

function sh(cmd, args, cwd, extraEnv = {}) {
  execFileSync(cmd, args, {
    cwd,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, ...extraEnv },
  });
}

export function ensureCodeServer(log = console.error) {
  const dir = codeServerDir();
  const stamp = path.join(dir, '.complete');
  if (existsSync(stamp)) return codeServerEntry();
  log(`[harness] installing code-server ${CODE_SERVER_VERSION} into ${dir} (once; about 2-4 minutes)`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'lar-explorer-code-server', private: true }),
  );
  const npmEnv = { npm_config_yes: 'true', npm_config_audit: 'false', npm_config_fund: 'false' };
  sh('npm', ['install', '--ignore-scripts', '--no-save', `code-server@${CODE_SERVER_VERSION}`], dir, npmEnv);
  sh('npm', ['rebuild', 'argon2'], dir, npmEnv);
  const vscodeDir = path.join(dir, 'node_modules', 'code-server', 'lib', 'vscode');
  sh('npm', ['install', '--omit=dev', '--ignore-scripts', '--no-save'], vscodeDir, npmEnv);
  const rgDir = path.join(vscodeDir, 'node_modules', '@vscode', 'ripgrep', 'bin');
  mkdirSync(rgDir, { recursive: true });
  copyFileSync('/usr/bin/rg', path.join(rgDir, 'rg'));
  sh('npm', ['rebuild'], vscodeDir, npmEnv);
  const asar = path.join(vscodeDir, 'node_modules.asar');
  if (!existsSync(asar)) symlinkSync('node_modules', asar);
  sh(
    'npm',
    ['install', '--omit=dev', '--ignore-scripts', '--no-save'],
    path.join(vscodeDir, 'extensions'),
    npmEnv,
  );
  writeFileSync(stamp, new Date().toISOString());
  return codeServerEntry();
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Install a .vsix into an extensions dir, offline. */
export function installVsix(vsix, extensionsDir, userDataDir) {
  sh(
    process.execPath,
    [
      codeServerEntry(),
      '--extensions-dir',
      extensionsDir,
      '--user-data-dir',
      userDataDir,
      '--install-extension',
      vsix,
    ],
    process.cwd(),
  );
}

/**
 * Start code-server on a free loopback port. Returns { url, port, stop, userDataDir, extensionsDir }.
 * `settings` are written to the user settings; `env` is passed to the server (and so to the extension host).
 */
export async function startCodeServer({
  folder,
  extensionsDir,
  userDataDir,
  settings = {},
  env = {},
  locale,
  port,
} = {}) {
  port ??= await freePort();
  // Folders made here are removed by stop(); the caller's own are the caller's.
  const made = [];
  if (!userDataDir) made.push((userDataDir = mkdtempSync(path.join(os.tmpdir(), 'lar-cs-user-'))));
  if (!extensionsDir) made.push((extensionsDir = mkdtempSync(path.join(os.tmpdir(), 'lar-cs-ext-'))));
  const userDir = path.join(userDataDir, 'User');
  mkdirSync(userDir, { recursive: true });
  writeFileSync(
    path.join(userDir, 'settings.json'),
    JSON.stringify(
      {
        'workbench.startupEditor': 'none',
        'security.workspace.trust.enabled': false,
        'telemetry.telemetryLevel': 'off',
        'extensions.autoCheckUpdates': false,
        'extensions.autoUpdate': false,
        'workbench.tips.enabled': false,
        'update.mode': 'none',
        ...settings,
      },
      null,
      2,
    ),
  );
  if (locale) writeFileSync(path.join(userDataDir, 'User', 'argv.json'), JSON.stringify({ locale }));
  const args = [
    codeServerEntry(),
    '--auth',
    'none',
    '--bind-addr',
    `127.0.0.1:${port}`,
    '--user-data-dir',
    userDataDir,
    '--extensions-dir',
    extensionsDir,
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    ...(locale ? ['--locale', locale] : []),
  ];
  if (folder) args.push(folder);
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server exited early (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(url, { redirect: 'manual' });
      if (res.status < 500) break;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline)
      throw new Error(`code-server did not answer on ${url} within 30 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 250));
  }
  const removeMade = () => Promise.all(made.map(removeDir));
  const stop = async () => {
    if (child.exitCode !== null) return void (await removeMade());
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
    await new Promise((r) => {
      const t = setTimeout(() => {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          /* gone */
        }
        r();
      }, 3000);
      child.once('exit', () => {
        clearTimeout(t);
        r();
      });
    });
    await removeMade();
  };
  return { url, port, stop, userDataDir, extensionsDir, output: () => output };
}
