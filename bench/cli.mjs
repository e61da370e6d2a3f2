// CLI overhead benchmark (issue #15): what `lar-explorer run` costs over the bare tool.
//
// 21 interleaved rounds: each times (a) the stand-in load_and_run invoked directly, then (b)
// `node dist/cli.js run MODEL --lar <stand-in> -- <same args>` and (c) the same with `--save`, and
// (d) `run` without the V8 code cache (LAR_EXPLORER_CODE_CACHE=off, this build only); the order
// alternates between rounds so machine load hits every side alike. An overhead is the median of
// (b, c or d) minus the same round's (a); the goal is `run` within 80 ms. The code cache lives in a
// temp XDG_CACHE_HOME: the first, untimed invocation of each writes it (that one's time is printed).
// Then `--help` start-up (median of 11) and how much of dist/ each command loads (listed by a
// preload, a module load hook and a readFileSync hook in a separate, untimed invocation).
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
// The code cache goes in the temp folder: every build starts without one.
const env = {
  ...process.env,
  STANDIN_SEED: '7',
  LAR_EXPLORER_LANG: 'en',
  NO_COLOR: '1',
  XDG_CACHE_HOME: join(work, 'cache'),
};

function timed(argv, extraEnv = {}) {
  const t = performance.now();
  const r = spawnSync(process.execPath, argv, {
    env: { ...env, ...extraEnv },
    cwd: work,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
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
 * exit, the JavaScript files read with readFileSync (the bin's chunk loader) and registers a
 * module.register() load hook that appends every ESM url to the same list.
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
     const fs = require('node:fs');
     const read = new Set();
     const readFileSync = fs.readFileSync;
     fs.readFileSync = function (file, ...rest) {
       if (typeof file === 'string' && /\\.[cm]?js$/.test(file)) read.add(file);
       return readFileSync.call(this, file, ...rest);
     };
     process.on('exit', () => fs.appendFileSync(${JSON.stringify(list)}, [...Object.keys(require.cache), ...read].join('\\n') + '\\n'));`,
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
  // What the code cache buys: the same run compiling everything (the build measured, not --before).
  {
    name: 'run, no code cache',
    argv: (cli) => [cli, ...runArgs, '--', ...toolArgs],
    env: { LAR_EXPLORER_CODE_CACHE: 'off' },
    only: before ? 'after' : 'dist',
  },
];
const variantsOf = (b) => variants.filter((v) => !v.only || v.only === b.name);
for (const b of builds) console.log(`${b.name.padEnd(6)} ${b.dir}`);
console.log(`model: ${model}; tool args: ${toolArgs.join(' ')}; ${pairs} interleaved rounds`);
// One untimed round of each warms the file cache; the first run of each build writes its code cache.
timed([standin, model, ...toolArgs]);
for (const b of builds) {
  const first = timed(variants[0].argv(join(b.dir, 'cli.js')));
  console.log(
    `${b.name.padEnd(6)} first run (writes its code cache, if the build has one): ${first.toFixed(1)} ms`,
  );
  for (const v of variantsOf(b)) timed(v.argv(join(b.dir, 'cli.js')), v.env);
}
// Each round times the bare tool, then every build and variant right after it, in an order that
// alternates between rounds, so machine load hits all sides alike; an overhead is the difference
// to the same round's bare tool (median of those differences).
const bare = [];
const times = new Map(builds.flatMap((b) => variantsOf(b).map((v) => [`${b.name}|${v.name}`, []])));
for (let i = 0; i < pairs; i++) {
  bare.push(timed([standin, model, ...toolArgs]));
  const order = builds.flatMap((b) => variantsOf(b).map((v) => [b, v]));
  if (i % 2) order.reverse();
  for (const [b, v] of order)
    times.get(`${b.name}|${v.name}`).push(timed(v.argv(join(b.dir, 'cli.js')), v.env));
}
const overheadOf = (key) => median(times.get(key).map((t, i) => t - bare[i]));
console.log(`bare tool: median ${median(bare).toFixed(1)} ms`);
for (const v of variants) {
  for (const b of builds.filter((b) => variantsOf(b).includes(v))) {
    const key = `${b.name}|${v.name}`;
    const over = overheadOf(key);
    const goal =
      v.name === 'run MODEL' ? ` — goal <= ${GOAL_MS} ms: ${over <= GOAL_MS ? 'MET' : 'NOT MET'}` : '';
    console.log(
      `${b.name.padEnd(6)} ${v.name.padEnd(18)} median ${median(times.get(key)).toFixed(1)} ms; ` +
        `overhead (median of round differences) ${over.toFixed(1)} ms${goal}`,
    );
  }
  if (before && !v.only) {
    const b = overheadOf(`before|${v.name}`);
    const a = overheadOf(`after|${v.name}`);
    const perRound = median(times.get(`after|${v.name}`).map((t, i) => t - times.get(`before|${v.name}`)[i]));
    console.log(
      `       ${v.name.padEnd(18)} after/before overhead ${(a / b).toFixed(2)}; after - before, median per round ${perRound.toFixed(1)} ms`,
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

// Node 20 reads and parses the whole NODE_EXTRA_CA_CERTS file before any JavaScript runs: the CLI's
// own start-up (part of the overhead) pays it, as the bare tool (a Node script) does.
if (env.NODE_EXTRA_CA_CERTS) {
  const { NODE_EXTRA_CA_CERTS: _, ...without } = env;
  const plain = [];
  const withCerts = [];
  for (let i = 0; i < 11; i++) {
    withCerts.push(timed(['-e', '0']));
    const t = performance.now();
    spawnSync(process.execPath, ['-e', '0'], { env: without, stdio: 'ignore' });
    plain.push(performance.now() - t);
  }
  console.log(
    `node start-up with NODE_EXTRA_CA_CERTS set (as here): \`node -e 0\` ${median(withCerts).toFixed(1)} ms; ` +
      `without it ${median(plain).toFixed(1)} ms (in every overhead above, once: the CLI's own start)`,
  );
}

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
