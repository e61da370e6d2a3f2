// Extension activation cost, outside VS Code: how long `require('dist/extension.js')` (evaluating the
// bundle) and `activate()` take, with `vscode` replaced by an inert stand-in whose every member is a
// callable, constructible no-op. It measures our own code's start-up work (module evaluation, the
// services activate() builds), not VS Code's; median of 11 fresh processes.
//
//   node bench/activation.mjs [--dist DIR]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const i = process.argv.indexOf('--dist');
const dist = resolve(i > 0 ? process.argv[i + 1] : join(root, 'dist'));
const work = mkdtempSync(join(tmpdir(), 'lar-bench-activation-'));
const probe = join(work, 'probe.cjs');
writeFileSync(
  probe,
  `
const Module = require('module');
const inert = () => {
  const f = function () {};
  return new Proxy(f, {
    get: (t, k) => (k === 'then' ? undefined : k === Symbol.toPrimitive ? () => '' : k === Symbol.iterator ? function* () {} : k === 'fsPath' || k === 'path' ? ${JSON.stringify(work)} : inert()),
    set: () => true,
    defineProperty: () => true,
    apply: () => inert(),
    construct: () => inert(),
  });
};
// The bundle copies the namespace's own keys (esbuild's __toESM): list the ones it uses.
const src = require('fs').readFileSync(${JSON.stringify(join(dist, 'extension.js'))}, 'utf8');
const vscode = {};
for (const m of src.matchAll(/\\b(?:import_)?vscode\\d*\\.(\\w+)/g)) vscode[m[1]] = inert();
const resolveOriginal = Module._resolveFilename;
Module._resolveFilename = function (req, ...rest) { return req === 'vscode' ? 'vscode' : resolveOriginal.call(this, req, ...rest); };
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };
const t0 = performance.now();
const ext = require(${JSON.stringify(join(dist, 'extension.js'))});
const t1 = performance.now();
let ok = true;
try { ext.activate({ subscriptions: [], extensionUri: inert(), workspaceState: inert(), globalState: inert() }); } catch (e) { ok = String(e && e.message || e); }
const t2 = performance.now();
process.stdout.write(JSON.stringify({ load: t1 - t0, activate: t2 - t1, ok }));
setTimeout(() => process.exit(0), 0);
`,
);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const loads = [];
const activates = [];
let failure = null;
for (let n = 0; n < 11; n++) {
  const r = spawnSync(process.execPath, [probe], { encoding: 'utf8', cwd: work });
  try {
    const m = JSON.parse(r.stdout);
    loads.push(m.load);
    activates.push(m.activate);
    if (m.ok !== true) failure = m.ok;
  } catch {
    failure = r.stderr.slice(-400);
  }
}
rmSync(work, { recursive: true, force: true });
console.log(`dist: ${dist}`);
console.log(`require(extension.js): median ${median(loads).toFixed(1)} ms of 11`);
console.log(
  `activate():            median ${median(activates).toFixed(1)} ms of 11${failure ? ` (threw with the stand-in vscode: ${failure})` : ''}`,
);
console.log(`activation total:      ${(median(loads) + median(activates)).toFixed(1)} ms`);
