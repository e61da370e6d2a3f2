#!/usr/bin/env node
// `npm run demo`: build and package the extension, install it into a local code-server (the real
// VS Code 1.100.3 in a browser), open a sample workspace and print the URL. Ctrl-C stops it.
//   --port N       listen on N (default 8080, or a free port if taken)
//   --no-open      do not keep serving (build, install, start, print, stop): for smoke checks
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ensureCodeServer, installVsix, startCodeServer, freePort } from './harness/codeServer.mjs';
import { ensureSystemPackages } from './harness/system.mjs';

const repo = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const smoke = args.includes('--no-open');
const portArg = args.includes('--port') ? Number(args[args.indexOf('--port') + 1]) : 8080;
const log = (s) => process.stderr.write(`[demo] ${s}\n`);

ensureSystemPackages(log);
ensureCodeServer(log);
log('building and packaging the extension');
execFileSync('npm', ['run', '--silent', 'package'], { cwd: repo, stdio: ['ignore', 'ignore', 'inherit'] });

const demoRoot = path.join(repo, '.vscode-test', 'demo');
const workspace = path.join(demoRoot, 'workspace');
const extensionsDir = path.join(demoRoot, 'extensions');
const userDataDir = path.join(demoRoot, 'user-data');
// The workspace is kept between demos (its run history lives in it); models are refreshed.
mkdirSync(workspace, { recursive: true });
cpSync(path.join(repo, 'samples'), workspace, { recursive: true });
rmSync(extensionsDir, { recursive: true, force: true });
installVsix(path.join(repo, 'dist', 'lar-explorer.vsix'), extensionsDir, userDataDir);

const port = (await isFree(portArg)) ? portArg : await freePort();
const server = await startCodeServer({
  folder: workspace,
  extensionsDir,
  userDataDir,
  port,
  // The demo workspace sits inside this repository; do not offer to open the repository.
  settings: { 'git.openRepositoryInParentFolders': 'never' },
});
const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
console.log(
  [
    '',
    'Load and Run Explorer demo is running:',
    '',
    `  ${url}`,
    '',
    `Open it in a browser (${existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : 'any browser'}) and click the "Load and Run" icon in the activity bar.`,
    'Right-click onnx/small_cnn.onnx → "Benchmark with ONNX Runtime…" runs for real with nothing else installed;',
    'for the .mge models run "Load and Run: Set load_and_run Path…" (or "Add SSH Target…" in the Targets view).',
    'Press Ctrl-C to stop.',
    '',
  ].join('\n'),
);
if (smoke) {
  await server.stop();
  process.exit(0);
}
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(sig, async () => {
    await server.stop();
    process.exit(0);
  });
}
await new Promise(() => {});

async function isFree(p) {
  const net = await import('node:net');
  return new Promise((resolve) => {
    const s = net.createServer();
    s.once('error', () => resolve(false));
    s.listen(p, '127.0.0.1', () => s.close(() => resolve(true)));
  });
}
