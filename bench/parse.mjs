// Parse benchmark (issue #15 goal: >= 150 MB/s on a 100 MB log with peak RSS <= 150 MB).
//
// Writes a ~100 MB log built from the real run in reference/real-logs/04_defaults.err (its banner,
// load, prepare, warm-up, iter, finished and total lines, with the real weight-preprocess warning
// of 18_weight_preprocess every 250 iterations), many test cases of 1000 iterations. Then, each in
// its own process so peak RSS is the process's own:
//   1. the parser alone: the file streamed in 64 KiB chunks into LarOutputParser (bundled from src/),
//      the iterations visited once at the end (what a record needs): MB/s and peak RSS;
//   2. `node dist/cli.js parse FILE > /dev/null` end to end (read, parse, the JSON written): wall
//      time, MB/s and peak RSS; with --dist DIR, the same for another build (e.g. main's) alongside.
// Checks both found every generated iteration.
//
//   node bench/parse.mjs [--mb N] [--dist DIR]
import * as esbuild from 'esbuild';
import { spawnSync } from 'node:child_process';
import {
  createReadStream,
  createWriteStream,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const GOAL_MBS = 150;
const GOAL_RSS_MB = 150;
const ITERS_PER_TESTCASE = 1000;
const mb = (n) => (n / 1024 / 1024).toFixed(1);

if (process.argv[2] === '--child') await child(process.argv[3], process.argv[4]);
else await parent();

async function parent() {
  const targetBytes = Number(arg('--mb', 100)) * 1024 * 1024;
  const work = mkdtempSync(join(tmpdir(), 'lar-bench-parse-'));
  try {
    const log = join(work, 'big.log');
    const t0 = performance.now();
    const made = await generate(log, targetBytes);
    console.log(
      `generated ${mb(made.bytes)} MB from the real formats in ${((performance.now() - t0) / 1000).toFixed(1)} s: ` +
        `${made.testcases} test cases, ${made.iterations} iterations`,
    );
    const parserFile = join(work, 'parser.mjs');
    await esbuild.build({
      entryPoints: [join(root, 'src/core/engines/lar/outputParser.ts')],
      bundle: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      outfile: parserFile,
      logLevel: 'warning',
    });
    let ok = true;

    const p = JSON.parse(
      spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', parserFile, log], {
        encoding: 'utf8',
      }).stdout,
    );
    const parserMbs = made.bytes / 1024 / 1024 / p.seconds;
    console.log(
      `parser alone: ${p.seconds.toFixed(2)} s, ${parserMbs.toFixed(0)} MB/s (goal >= ${GOAL_MBS}: ${parserMbs >= GOAL_MBS ? 'MET' : 'NOT MET'}); ` +
        `peak RSS ${mb(p.maxRss)} MB (goal <= ${GOAL_RSS_MB}: ${p.maxRss <= GOAL_RSS_MB * 1048576 ? 'MET' : 'NOT MET'}); ` +
        `${p.iterations} iterations`,
    );
    ok &&= p.iterations === made.iterations;

    for (const [name, dist] of [
      ['this build', join(root, 'dist')],
      ...(arg('--dist') ? [['--dist build', resolve(arg('--dist'))]] : []),
    ]) {
      const c = cliParse(join(dist, 'cli.js'), log, work);
      if (!c) {
        console.log(`cli parse (${name}): failed`);
        ok = false;
        continue;
      }
      const cliMbs = made.bytes / 1024 / 1024 / c.seconds;
      console.log(
        `cli parse FILE > /dev/null (${name}): ${c.seconds.toFixed(2)} s, ${cliMbs.toFixed(0)} MB/s end to end, ` +
          `peak RSS ${mb(c.maxRss)} MB (goal <= ${GOAL_RSS_MB}: ${c.maxRss <= GOAL_RSS_MB * 1048576 ? 'MET' : 'NOT MET'})`,
      );
    }
    console.log(`iterations: ${ok ? 'all found' : 'MISMATCH'}`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** The parser alone in this (child) process: stream, end, visit the iterations once. */
async function child(parserFile, log) {
  const { LarOutputParser } = await import(pathToFileURL(parserFile).href);
  const start = performance.now();
  const parser = new LarOutputParser();
  for await (const chunk of createReadStream(log, { encoding: 'utf8', highWaterMark: 1 << 16 }))
    parser.push(chunk, 'stderr');
  parser.end();
  let iterations = 0;
  let sum = 0;
  parser.forEachIteration((it) => {
    iterations++;
    sum += it.e2eMs;
  });
  const result = parser.resultWithoutIterations();
  const seconds = (performance.now() - start) / 1000;
  if (!result.complete || !(sum > 0)) iterations = -1;
  process.stdout.write(
    JSON.stringify({ seconds, iterations, maxRss: process.resourceUsage().maxRSS * 1024 }),
  );
}

/** `node CLI parse LOG` with stdout to /dev/null; peak RSS from a preload that reports it at exit. */
function cliParse(cli, log, work) {
  const rssFile = join(work, 'rss.txt');
  const preload = join(work, 'rss.cjs');
  writeFileSync(
    preload,
    `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS * 1024)));`,
  );
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--require', preload, cli, 'parse', '--compact', log], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const seconds = (performance.now() - t) / 1000;
  if (r.status !== 0) {
    console.error(String(r.stderr).slice(-400));
    return null;
  }
  return { seconds, maxRss: Number(readFileSync(rssFile, 'utf8')) };
}

/** The real run's lines as templates: everything but the numbers comes from the tool's own output. */
function templates() {
  const real = readFileSync('/work/shared/reference/real-logs/04_defaults.err', 'utf8').split('\n');
  const find = (re) => {
    const line = real.find((l) => re.test(l));
    if (!line) throw new Error(`no ${re} line in 04_defaults.err`);
    return line;
  };
  const warnings = readFileSync('/work/shared/reference/real-logs/18_weight_preprocess.err', 'utf8');
  const warn = warnings.split('\n').find((l) => /\[WARN\]/.test(l)) ?? find(/creat mdl/);
  const head =
    real
      .slice(
        0,
        real.findIndex((l) => / run testcase: /.test(l)),
      )
      .join('\n') + '\n';
  return {
    head,
    testcase: find(/ run testcase: /),
    prepare: find(/=== prepare:/),
    warmup: find(/ warm up 0 /),
    iter: find(/ iter 0\//),
    finished: find(/=== finished test #/),
    total: find(/=== total time:/),
    warn,
  };
}

/** Writes the log; returns its size and what a correct parser must find. */
async function generate(path, targetBytes) {
  const t = templates();
  let seed = 42;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x7fffffff;
  };
  const out = createWriteStream(path);
  let bytes = 0;
  let buf = t.head;
  const flush = async () => {
    bytes += Buffer.byteLength(buf);
    if (!out.write(buf)) await new Promise((r) => out.once('drain', r));
    buf = '';
  };
  let tc = 0;
  for (; bytes < targetBytes; tc++) {
    buf += t.testcase.replace(/testcase: \d+/, `testcase: ${tc}`) + '\n';
    if (tc === 0) buf += `${t.prepare}\n${t.warmup}\n`;
    let sum = 0;
    let lo = Infinity;
    let hi = 0;
    for (let i = 0; i < ITERS_PER_TESTCASE; i++) {
      const e2e = Number((9.5 + rand() * 1.5).toFixed(3));
      const host = (0.03 + rand() * 0.05).toFixed(3);
      sum += e2e;
      lo = Math.min(lo, e2e);
      hi = Math.max(hi, e2e);
      buf +=
        t.iter
          .replace(/iter 0\/\d+/, `iter ${i}/${ITERS_PER_TESTCASE}`)
          .replace(/e2e=[\d.]+/, `e2e=${e2e.toFixed(3)}`)
          .replace(/host=[\d.]+/, `host=${host}`) + '\n';
      if (i % 250 === 249) buf += t.warn + '\n';
    }
    const avg = sum / ITERS_PER_TESTCASE;
    buf +=
      t.finished
        .replace(/#\d+/, `#${tc}`)
        .replace(/time=[\d.]+/, `time=${sum.toFixed(3)}`)
        .replace(/avg_time=[\d.]+/, `avg_time=${avg.toFixed(3)}`)
        .replace(/min=[\d.]+/, `min=${lo.toFixed(3)}`)
        .replace(/max=[\d.]+/, `max=${hi.toFixed(3)}`) + '\n';
    await flush();
  }
  buf = t.total + '\n';
  await flush();
  await new Promise((r) => out.end(r));
  return { bytes, testcases: tc, iterations: tc * ITERS_PER_TESTCASE };
}
