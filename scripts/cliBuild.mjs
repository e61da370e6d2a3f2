// The CLI's esbuild options, shared by scripts/build.mjs (dist/) and the test that checks what each
// command loads (test/unit/cli/bundleLoads.test.ts builds into a temp folder with the same options).
//
// Code splitting, so each command loads only its own code (issue #15: the single 1.6 MB CommonJS
// bundle was parsed whole for every command, `--help` included, and `run` paid for the study,
// profile and history code). program.ts imports each command with a dynamic import(); esbuild turns
// those into chunks, and what commands share (core, commander) into shared chunks. Chosen over
// per-command bundles, which would each carry a copy of core and need a hand-kept list of entries.
//
// esbuild splits ESM only; the chunks are then turned into CommonJS (`cli-main.cjs`, `cli-*.cjs`),
// each on its own, imports becoming require() and import() a deferred require(). Why: Node 20's
// ESM loader cost every run ~5 ms (its own modules, resolution, per-chunk jobs), and only code
// compiled through vm.Script can use V8's code cache, which saves most of the ~7 ms spent compiling
// the `run` path (src/cli/bin/chunkLoader.ts). The bin, dist/cli.js, is bundled from
// src/cli/bin/cliBin.ts with this build's id (a hash of every chunk: the cache key) and the command
// names (src/cli/commands/*.ts: one cache per command).
// Everything sits flat in the output folder so `__dirname` is dist/ in every chunk, as the runner
// lookup beside the bundle (`bundled(__dirname)`) expects.
import * as esbuild from 'esbuild';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** esbuild options for the CLI into `outdir`; `common` carries sourcemap/minify of the build mode. */
export function cliBuildOptions(outdir, common = {}) {
  const { sourcemap, ...rest } = common;
  return {
    bundle: true,
    logLevel: 'warning',
    legalComments: 'none',
    ...rest,
    // Inline in the ESM step, so the CommonJS step can carry the mapping on (it reads inline maps).
    sourcemap: sourcemap ? 'inline' : false,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    splitting: true,
    entryPoints: [{ in: 'src/cli/main.ts', out: 'cli-main' }],
    outdir,
    chunkNames: 'cli-[hash]',
    // Named for what they become: the references between chunks already say .cjs.
    outExtension: { '.js': '.cjs' },
    metafile: true,
    write: false,
    external: ['onnxruntime-node'],
    plugins: [commonJsChunks(outdir, { minify: Boolean(common.minify), sourcemap: Boolean(sourcemap) })],
  };
}

/** After each (re)build: the chunks as CommonJS, stale chunks removed, then the bin. */
function commonJsChunks(outdir, { minify, sourcemap }) {
  return {
    name: 'lar-cli-commonjs-chunks',
    setup(build) {
      build.onEnd(async (result) => {
        if (result.errors.length > 0) return;
        mkdirSync(outdir, { recursive: true });
        const chunks = await Promise.all(
          result.outputFiles.map(async (file) => {
            const name = basename(file.path);
            const out = await esbuild.transform(file.text, {
              loader: 'js',
              format: 'cjs',
              platform: 'node',
              target: 'node20',
              // import() of a chunk becomes Promise.resolve().then(() => require(...)).
              supported: { 'dynamic-import': false },
              // ESM is strict; the CommonJS chunk must be too.
              banner: "'use strict';",
              minify,
              legalComments: 'none',
              sourcemap: sourcemap ? 'external' : false,
              sourcefile: name,
            });
            const code = sourcemap ? `${out.code}//# sourceMappingURL=${name}.map\n` : out.code;
            return { name, code, map: sourcemap ? out.map : undefined };
          }),
        );
        for (const c of chunks) {
          writeAtomically(join(outdir, c.name), c.code);
          if (c.map) writeAtomically(join(outdir, `${c.name}.map`), c.map);
        }
        removeStaleChunks(outdir, new Set(chunks.map((c) => c.name)), sourcemap);
        await buildBin(outdir, buildId(chunks), commandNames(result.metafile), minify);
      });
    },
  };
}

/** A hash of every chunk: the code cache of one build is never used for another's code. */
function buildId(chunks) {
  const hash = createHash('sha256');
  for (const c of [...chunks].sort((a, b) => a.name.localeCompare(b.name)))
    hash.update(`${c.name}\0${c.code}\0`);
  return hash.digest('hex').slice(0, 16);
}

/** The commands, one per file in src/cli/commands/ (ARCHITECTURE.md: "A new CLI command"). */
function commandNames(metafile) {
  return Object.keys(metafile.inputs)
    .map((f) => /^src\/cli\/commands\/([a-z][\w-]*)\.ts$/.exec(f)?.[1])
    .filter(Boolean)
    .sort();
}

async function buildBin(outdir, id, commands, minify) {
  const outfile = join(outdir, 'cli.js');
  await esbuild.build({
    entryPoints: ['src/cli/bin/cliBin.ts'],
    outfile: `${outfile}.tmp`,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify,
    legalComments: 'none',
    logLevel: 'warning',
    banner: { js: '#!/usr/bin/env node' },
    define: { LAR_CLI_BUILD_ID: JSON.stringify(id), LAR_CLI_COMMANDS: JSON.stringify(commands) },
  });
  chmodSync(`${outfile}.tmp`, 0o755);
  renameSync(`${outfile}.tmp`, outfile);
}

/** dist/ is overwritten in place while a test tier may read it: each file appears whole. */
function writeAtomically(file, text) {
  writeFileSync(`${file}.tmp`, text);
  renameSync(`${file}.tmp`, file);
}

/**
 * Chunk names change with their content: drop the ones no longer produced (and older .mjs ones),
 * and the maps a build without source maps left.
 */
function removeStaleChunks(outdir, current, withMaps) {
  for (const f of readdirSync(outdir)) {
    const [, chunk, map] = /^(cli-.*\.[cm]js)(\.map)?$/.exec(f) ?? [];
    if (chunk && (!current.has(chunk) || (map && !withMaps))) rmSync(join(outdir, f), { force: true });
  }
}
