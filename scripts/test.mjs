#!/usr/bin/env node
// `npm test`: every tier, one summary. Static checks (types, lint, format), build + package,
// unit (plain Node), integration (mocha inside code-server's real extension host) and e2e
// (Debian's Chromium driving code-server with the packaged .vsix). Installs what the tiers need
// (Debian packages when root, code-server into a cache folder) and ends with `N passed, N failed`.
//   --only unit|integration|e2e|static   run one tier (build still runs when a tier needs it)
import { spawn } from 'node:child_process';
import { ensureCodeServer } from './harness/codeServer.mjs';
import { ensureSystemPackages } from './harness/system.mjs';

const args = process.argv.slice(2);
const only = args.includes('--only') ? args[args.indexOf('--only') + 1] : undefined;
const want = (tier) => !only || only === tier;
const log = (s) => process.stderr.write(`${s}\n`);

const tiers = [];
function record(name, r, ms) {
  tiers.push({ name, ...r, ms });
  log(
    `[test] ${name}: ${r.passed} passed, ${r.failed} failed${r.skipped ? `, ${r.skipped} skipped` : ''} (${(ms / 1000).toFixed(1)} s)`,
  );
}

/** Run a command, echoing its output; resolves with { code, output }. */
function exec(cmd, argv, opts = {}) {
  return new Promise((resolve) => {
    const child = spawn(cmd, argv, {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...opts,
      env: { ...process.env, FORCE_COLOR: '0', ...opts.env },
    });
    let output = '';
    const take = (d) => {
      output += d;
      process.stderr.write(d);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

/** Mocha's spec reporter ends with "N passing", "N failing", "N pending". */
function mochaCounts(output, code) {
  const n = (re) => Number(output.match(re)?.[1] ?? 0);
  const passed = n(/(\d+) passing/);
  let failed = n(/(\d+) failing/);
  if (code !== 0 && failed === 0) failed = 1; // crashed before reporting
  return { passed, failed, skipped: n(/(\d+) pending/) };
}

async function timed(name, fn) {
  const t0 = Date.now();
  try {
    record(name, await fn(), Date.now() - t0);
  } catch (err) {
    log(`[test] ${name} could not run: ${err?.stack ?? err}`);
    record(name, { passed: 0, failed: 1 }, Date.now() - t0);
  }
}

const npx = (bin, argv, opts) => exec('npx', ['--no-install', bin, ...argv], opts);

if (want('static')) {
  await timed('static', async () => {
    const checks = [
      ['types', () => npx('tsc', ['--noEmit', '-p', '.'])],
      ['types (webview)', () => npx('tsc', ['--noEmit', '-p', 'webview'])],
      ['lint', () => npx('eslint', ['--max-warnings', '0', '.'])],
      ['format', () => npx('prettier', ['--check', '.'])],
    ];
    let passed = 0;
    let failed = 0;
    for (const [name, run] of checks) {
      const { code } = await run();
      if (code === 0) passed++;
      else {
        failed++;
        log(`[test] static check failed: ${name}`);
      }
    }
    return { passed, failed };
  });
}

const needsBuild = want('integration') || want('e2e');
if (needsBuild) {
  const t0 = Date.now();
  const b = await exec('npm', ['run', '--silent', 'package']);
  log(
    `[test] build + package: ${b.code === 0 ? 'ok' : 'FAILED'} (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
  );
  if (b.code !== 0) record('build', { passed: 0, failed: 1 }, Date.now() - t0);
}

if (want('unit')) {
  await timed('unit', async () => {
    const r = await npx('mocha', []);
    return mochaCounts(r.output, r.code);
  });
}

if ((want('integration') || want('e2e')) && !tiers.some((t) => t.name === 'build')) {
  try {
    ensureSystemPackages(log);
    ensureCodeServer(log);
  } catch (err) {
    log(`[test] cannot prepare the VS Code harness: ${err?.message ?? err}`);
    record('harness', { passed: 0, failed: 1 }, 0);
  }
}
const harnessOk = !tiers.some((t) => t.name === 'build' || t.name === 'harness');

if (want('integration') && harnessOk) {
  await timed('integration', async () => {
    const { runIntegrationTier } = await import('./harness/integration.mjs');
    return runIntegrationTier({ log });
  });
}

if (want('e2e') && harnessOk) {
  await timed('e2e', async () => {
    const r = await npx('mocha', ['--config', 'test/e2e/.mocharc.json']);
    return mochaCounts(r.output, r.code);
  });
}

const passed = tiers.reduce((s, t) => s + t.passed, 0);
const failed = tiers.reduce((s, t) => s + t.failed, 0);
const skipped = tiers.reduce((s, t) => s + (t.skipped ?? 0), 0);
log('');
for (const t of tiers)
  log(
    `  ${t.name.padEnd(12)} ${String(t.passed).padStart(4)} passed ${String(t.failed).padStart(3)} failed  ${(t.ms / 1000).toFixed(1).padStart(6)} s`,
  );
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 ? 1 : 0);
