// CLI overhead benchmark (issue #15): what `lar-explorer run` costs over the bare tool.
//
// Median of 21 interleaved pairs: (a) the stand-in load_and_run invoked directly, (b)
// `node dist/cli.js run MODEL --lar <stand-in> -- <same args>`; the pairs alternate so machine load
// hits both sides alike. Prints both medians, the overhead in ms and whether it is within 80 ms;
// then `--help` start-up (median of 11) and how much of dist/ each command loads (listed by a
// preload and a module load hook in a separate, untimed invocation).
//
//   node bench/cli.mjs [--dist DIR] [--pairs N] [--flood MB]
//
// --flood MB (default 1024; 0 skips): a run whose tool prints MB MiB (the stand-in's STANDIN_FLOOD_MB),
// saved with --save: prints the CLI process's peak RSS and checks the record's log sidecar holds
// every byte the tool printed (the bare tool's output counted the same way).
//
// --dist measures another build (e.g. an untouched build of main copied aside) with the same method.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const dist = resolve(arg('--dist', join(root, 'dist')));
const pairs = Number(arg('--pairs', 21));
const floodMb = Number(arg('--flood', 1024));
const GOAL_MS = 80;

const cli = join(dist, 'cli.js');
const standin = join(root, 'test/fixtures/standin-load-and-run/load_and_run');
const model = join(root, 'samples/models/mnist_real.mge');
const toolArgs = ['--iter', '10', '--warmup-iter', '1'];
const work = mkdtempSync(join(tmpdir(), 'lar-bench-cli-'));
// Same environment for both sides: fixed seed, the stand-in's default sleep per iteration.
const env = { ...process.env, STANDIN_SEED: '7', LAR_EXPLORER_LANG: 'en', NO_COLOR: '1' };

function timed(argv) {
  const t = performance.now();
  const r = spawnSync(process.execPath, argv, { env, cwd: work, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = performance.now() - t;
  if (r.status !== 0)
    throw new Error(`${argv.join(' ')} exited ${r.status}: ${String(r.stderr).slice(-500)}`);
  return ms;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

/**
 * The dist/ JavaScript files a command loads, with their sizes: a preload records require.cache at
 * exit and registers a module.register() load hook that appends every ESM url to the same list.
 */
function loadedFiles(argv) {
  const list = join(work, 'loaded.txt');
  const hooks = join(work, 'hooks.mjs');
  const preload = join(work, 'preload.cjs');
  writeFileSync(
    hooks,
    `import { appendFileSync } from 'node:fs';
     export async function load(url, ctx, next) { appendFileSync(${JSON.stringify(list)}, url + '\\n'); return next(url, ctx); }`,
  );
  writeFileSync(
    preload,
    `const { register } = require('node:module');
     const { pathToFileURL } = require('node:url');
     register(pathToFileURL(${JSON.stringify(hooks)}));
     process.on('exit', () => require('node:fs').appendFileSync(${JSON.stringify(list)}, Object.keys(require.cache).join('\\n') + '\\n'));`,
  );
  rmSync(list, { force: true });
  spawnSync(process.execPath, ['--require', preload, ...argv], { env, cwd: work, stdio: 'ignore' });
  let text;
  try {
    text = readFileSync(list, 'utf8');
  } catch {
    return null;
  }
  const files = new Set(text.split('\n').map((f) => f.replace(/^file:\/\//, '')));
  const inDist = [...files].filter((f) => f.startsWith(dist + '/') && /\.[cm]?js$/.test(f));
  const bytes = inDist.reduce((sum, f) => sum + statSync(f).size, 0);
  return { files: inDist.length, bytes };
}

const kb = (n) => `${(n / 1024).toFixed(0)} KB`;

console.log(`dist: ${dist}`);
console.log(`model: ${model}; tool args: ${toolArgs.join(' ')}; ${pairs} interleaved pairs`);
// One untimed round of each warms the file cache.
timed([standin, model, ...toolArgs]);
timed([cli, 'run', model, '--lar', standin, '--progress', 'none', '--', ...toolArgs]);
const bare = [];
const viaCli = [];
for (let i = 0; i < pairs; i++) {
  bare.push(timed([standin, model, ...toolArgs]));
  viaCli.push(timed([cli, 'run', model, '--lar', standin, '--progress', 'none', '--', ...toolArgs]));
}
const overheads = bare.map((b, i) => viaCli[i] - b);
const mBare = median(bare);
const mCli = median(viaCli);
const mOver = median(overheads);
console.log(`bare tool:        median ${mBare.toFixed(1)} ms`);
console.log(`lar-explorer run: median ${mCli.toFixed(1)} ms`);
console.log(
  `overhead:         median of pair differences ${mOver.toFixed(1)} ms (difference of medians ${(mCli - mBare).toFixed(1)} ms) ` +
    `— goal <= ${GOAL_MS} ms: ${mOver <= GOAL_MS ? 'MET' : 'NOT MET'}`,
);

const help = [];
for (let i = 0; i < 11; i++) help.push(timed([cli, '--help']));
const bareNode = [];
for (let i = 0; i < 11; i++) bareNode.push(timed(['-e', '0']));
console.log(
  `--help:           median ${median(help).toFixed(1)} ms of 11 (bare \`node -e 0\`: ${median(bareNode).toFixed(1)} ms)`,
);

console.log('JavaScript loaded from dist/ per command:');
const commands = [
  ['--help'],
  ['run', model, '--lar', standin, '--progress', 'none', '--', ...toolArgs],
  ['run', model, '--lar', standin, '--progress', 'none', '--save', '--workspace', work, '--', ...toolArgs],
  ['parse', join(root, 'test/fixtures/standin-load-and-run/help.out')],
  ['list', '--workspace', work],
  ['targets', '--help'],
];
for (const c of commands) {
  const l = loadedFiles([cli, ...c]);
  const name =
    c[0] === 'run'
      ? c.includes('--save')
        ? 'run MODEL --save'
        : 'run MODEL'
      : c
          .join(' ')
          .replace(work, '<tmp>')
          .replace(root + '/', '');
  console.log(`  ${name.padEnd(40)} ${l ? `${kb(l.bytes)} in ${l.files} file(s)` : 'unknown'}`);
}
if (floodMb > 0) await flood();
rmSync(work, { recursive: true, force: true });

/** A run whose tool prints `floodMb` MiB: bounded memory and a complete sidecar. */
async function flood() {
  const floodEnv = { ...env, STANDIN_FLOOD_MB: String(floodMb), STANDIN_ITER_MS: '0' };
  // The bare tool's output size, counted as it streams (never held).
  const printed = await new Promise((done, fail) => {
    const child = spawn(process.execPath, [standin, model, ...toolArgs], {
      env: floodEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let bytes = 0;
    child.stdout.on('data', (b) => (bytes += b.length));
    child.stderr.on('data', (b) => (bytes += b.length));
    child.on('error', fail);
    child.on('close', () => done(bytes));
  });
  const ws = mkdtempSync(join(tmpdir(), 'lar-bench-flood-'));
  const rssFile = join(ws, 'rss.txt');
  const preload = join(ws, 'rss.cjs');
  writeFileSync(
    preload,
    `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS * 1024)));`,
  );
  const t = performance.now();
  const r = spawnSync(
    process.execPath,
    [
      '--require',
      preload,
      cli,
      'run',
      model,
      '--lar',
      standin,
      '--save',
      '--workspace',
      ws,
      '--progress',
      'none',
      '--',
      ...toolArgs,
    ],
    { env: floodEnv, cwd: ws, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const seconds = (performance.now() - t) / 1000;
  const runs = join(ws, '.lar-explorer', 'runs');
  const logs = (() => {
    try {
      return readdirSync(runs).filter((f) => f.endsWith('.log'));
    } catch {
      return [];
    }
  })();
  const sidecar = logs.length === 1 ? statSync(join(runs, logs[0])).size : -1;
  const rss = r.status === 0 ? Number(readFileSync(rssFile, 'utf8')) : NaN;
  console.log(
    `run printing ${floodMb} MiB (--save): exit ${r.status}, ${seconds.toFixed(1)} s, peak RSS of the CLI ${(rss / 1048576).toFixed(0)} MB; ` +
      `sidecar ${sidecar} bytes of ${printed} printed: ${sidecar === printed ? 'COMPLETE' : 'INCOMPLETE'}`,
  );
  if (r.status !== 0) console.error(String(r.stderr).slice(-500));
  rmSync(ws, { recursive: true, force: true });
}
