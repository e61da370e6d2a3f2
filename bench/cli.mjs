// CLI overhead benchmark (issue #15): what `lar-explorer run` costs over the bare tool.
//
// 21 interleaved rounds: each times (a) the stand-in load_and_run invoked directly, then (b)
// `node dist/cli.js run MODEL --lar <stand-in> -- <same args>` and (c) the same with `--save`; the
// order alternates between rounds so machine load hits every side alike. An overhead is the median
// of (b or c) minus the same round's (a); the goal is `run` within 80 ms. Then `--help` start-up
// (median of 11) and how much of dist/ each command loads (listed by a preload and a module load
// hook in a separate, untimed invocation).
//
//   node bench/cli.mjs [--dist DIR] [--before DIR] [--pairs N] [--flood MB]
//
// --before DIR: another build (e.g. main's dist/ copied aside before a change) measured in the same
// rounds, side by side: prints both overheads, their ratio and the median per-round difference.
// --dist measures another build instead of this checkout's dist/.
// --flood MB (default 1024; 0 skips): a run whose tool prints MB MiB (the stand-in's STANDIN_FLOOD_MB),
// saved with --save: prints the CLI process's peak RSS and checks the record's log sidecar holds
// every byte the tool printed (the bare tool's output counted the same way).
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
const before = arg('--before') ? resolve(arg('--before')) : undefined;
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
function loadedFiles(dir, argv) {
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
  const inDist = [...files].filter((f) => f.startsWith(dir + '/') && /\.[cm]?js$/.test(f));
  const bytes = inDist.reduce((sum, f) => sum + statSync(f).size, 0);
  return { files: inDist.length, bytes };
}

const kb = (n) => `${(n / 1024).toFixed(0)} KB`;

/** The builds measured: this one, and the one named by --before (side by side, same rounds). */
const builds = [
  ...(before ? [{ name: 'before', dir: before }] : []),
  { name: before ? 'after' : 'dist', dir: dist },
];
const runArgs = ['run', model, '--lar', standin, '--progress', 'none'];
const variants = [
  { name: 'run MODEL', argv: (cli) => [cli, ...runArgs, '--', ...toolArgs] },
  {
    name: 'run MODEL --save',
    argv: (cli) => [cli, ...runArgs, '--save', '--workspace', work, '--', ...toolArgs],
  },
];
for (const b of builds) console.log(`${b.name.padEnd(6)} ${b.dir}`);
console.log(`model: ${model}; tool args: ${toolArgs.join(' ')}; ${pairs} interleaved rounds`);
// One untimed round of each warms the file cache.
timed([standin, model, ...toolArgs]);
for (const b of builds) for (const v of variants) timed(v.argv(join(b.dir, 'cli.js')));
// Each round times the bare tool, then every build and variant right after it, in an order that
// alternates between rounds, so machine load hits all sides alike; an overhead is the difference
// to the same round's bare tool (median of those differences).
const bare = [];
const times = new Map(builds.flatMap((b) => variants.map((v) => [`${b.name}|${v.name}`, []])));
for (let i = 0; i < pairs; i++) {
  bare.push(timed([standin, model, ...toolArgs]));
  const order = builds.flatMap((b) => variants.map((v) => [b, v]));
  if (i % 2) order.reverse();
  for (const [b, v] of order) times.get(`${b.name}|${v.name}`).push(timed(v.argv(join(b.dir, 'cli.js'))));
}
const overheadOf = (key) => median(times.get(key).map((t, i) => t - bare[i]));
console.log(`bare tool: median ${median(bare).toFixed(1)} ms`);
for (const v of variants) {
  for (const b of builds) {
    const key = `${b.name}|${v.name}`;
    const over = overheadOf(key);
    const goal =
      v.name === 'run MODEL' ? ` — goal <= ${GOAL_MS} ms: ${over <= GOAL_MS ? 'MET' : 'NOT MET'}` : '';
    console.log(
      `${b.name.padEnd(6)} ${v.name.padEnd(17)} median ${median(times.get(key)).toFixed(1)} ms; ` +
        `overhead (median of round differences) ${over.toFixed(1)} ms${goal}`,
    );
  }
  if (before) {
    const b = overheadOf(`before|${v.name}`);
    const a = overheadOf(`after|${v.name}`);
    const perRound = median(times.get(`after|${v.name}`).map((t, i) => t - times.get(`before|${v.name}`)[i]));
    console.log(
      `       ${v.name.padEnd(17)} after/before overhead ${(a / b).toFixed(2)}; after - before, median per round ${perRound.toFixed(1)} ms`,
    );
  }
}

const bareNode = [];
const help = new Map(builds.map((b) => [b.name, []]));
for (let i = 0; i < 11; i++) {
  bareNode.push(timed(['-e', '0']));
  for (const b of builds) help.get(b.name).push(timed([join(b.dir, 'cli.js'), '--help']));
}
for (const b of builds)
  console.log(
    `${b.name.padEnd(6)} --help: median ${median(help.get(b.name)).toFixed(1)} ms of 11 (bare \`node -e 0\`: ${median(bareNode).toFixed(1)} ms)`,
  );

console.log('JavaScript loaded from dist/ per command:');
const commands = [
  ['--help'],
  [...runArgs, '--', ...toolArgs],
  [...runArgs, '--save', '--workspace', work, '--', ...toolArgs],
  ['parse', join(root, 'test/fixtures/standin-load-and-run/help.out')],
  ['list', '--workspace', work],
  ['targets', '--help'],
];
for (const c of commands) {
  const name =
    c[0] === 'run'
      ? c.includes('--save')
        ? 'run MODEL --save'
        : 'run MODEL'
      : c
          .join(' ')
          .replace(work, '<tmp>')
          .replace(root + '/', '');
  const cells = builds.map((b) => {
    const l = loadedFiles(b.dir, [join(b.dir, 'cli.js'), ...c]);
    return `${b.name} ${l ? `${kb(l.bytes)} in ${l.files} file(s)` : 'unknown'}`;
  });
  console.log(`  ${name.padEnd(40)} ${cells.join('; ')}`);
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
