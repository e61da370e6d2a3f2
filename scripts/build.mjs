// One esbuild script for every bundle: the extension host code, each webview, the CLI, the
// ONNX Runtime runner program and the extension-host test bundle. `--production` minifies,
// `--watch` rebuilds on change.
import * as esbuild from 'esbuild';
import { cliBuildOptions } from './cliBuild.mjs';
import { existsSync, mkdirSync } from 'node:fs';

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

const common = {
  bundle: true,
  sourcemap: production ? false : 'linked',
  minify: production,
  logLevel: 'warning',
  legalComments: 'none',
};

const node = { ...common, platform: 'node', format: 'cjs', target: 'node20' };

/** Entries whose source may not exist yet are skipped with a note (they arrive with later issues). */
const builds = [
  {
    ...node,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/extension.js',
    external: ['vscode', 'onnxruntime-node'],
  },
  // The CLI: code-split chunks as CommonJS, and the bin dist/cli.js (see cliBuild.mjs for why and how).
  cliBuildOptions('dist', common),
  {
    ...node,
    entryPoints: ['src/core/engines/onnx/ortRunnerProgram.ts'],
    outfile: 'dist/ort-runner.js',
    external: ['onnxruntime-node'],
  },
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: ['webview/benchmark/main.ts'],
    outfile: 'dist/webview/benchmark.js',
  },
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: ['webview/compare/main.ts'],
    outfile: 'dist/webview/compare.js',
  },
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: ['webview/explore/main.ts'],
    outfile: 'dist/webview/explore.js',
  },
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'es2022',
    entryPoints: ['webview/profile/main.ts'],
    outfile: 'dist/webview/profile.js',
  },
  // Not packaged (.vscodeignore drops out/): mocha inside the real extension host.
  {
    ...node,
    sourcemap: 'inline',
    minify: false,
    entryPoints: ['test/integration/index.ts'],
    outfile: 'out/test/integration/index.js',
    external: ['vscode', 'mocha', 'onnxruntime-node'],
  },
];

// dist/ is overwritten in place, not wiped: a test tier may be reading it while another builds.
mkdirSync('dist', { recursive: true });
const entryOf = (b) => b.entryPoints[0].in ?? b.entryPoints[0];
const present = builds.filter((b) => existsSync(entryOf(b)));
for (const b of builds)
  if (!present.includes(b)) console.error(`[build] skipped ${entryOf(b)} (not present)`);

if (watch) {
  const contexts = await Promise.all(present.map((b) => esbuild.context(b)));
  await Promise.all(contexts.map((c) => c.watch()));
  console.error('[build] watching');
} else {
  const t0 = Date.now();
  await Promise.all(present.map((b) => esbuild.build(b)));
  console.error(`[build] ${present.length} bundles in ${Date.now() - t0} ms`);
}
