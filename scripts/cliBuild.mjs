// The CLI's esbuild options, shared by scripts/build.mjs (dist/) and the test that checks what each
// command loads (test/unit/cli/bundleLoads.test.ts builds into a temp folder with the same options).
//
// ESM with code splitting, so each command loads only its own code (issue #15: the single 1.6 MB
// CommonJS bundle was parsed whole for every command, `--help` included, and `run` paid for the
// study, profile and history code). program.ts imports each command with a dynamic import();
// esbuild turns those into chunks, and what commands share (core, commander) into shared chunks.
// Chosen over per-command CommonJS bundles, which would each carry a copy of core (several MB in the
// package) and need a hand-kept list of entries.
// Everything sits flat in the output folder (entry `cli-main.mjs`, chunks `cli-*.mjs`) so
// `__dirname` is dist/ in every chunk, as the runner lookup beside the bundle (`bundled(__dirname)`)
// expects; the banner gives ESM chunks the `require`/`__dirname` that bundled CommonJS packages and
// run.ts use. The `bin` stays dist/cli.js, a few lines of CommonJS written by build.mjs (a .js file
// under a package.json without "type" is CommonJS; an ESM bin would need a renamed bin or detection).

/** esbuild options for the CLI into `outdir`; `common` carries sourcemap/minify of the build mode. */
export function cliBuildOptions(outdir, common = {}) {
  return {
    bundle: true,
    logLevel: 'warning',
    legalComments: 'none',
    ...common,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    splitting: true,
    entryPoints: [{ in: 'src/cli/main.ts', out: 'cli-main' }],
    outdir,
    chunkNames: 'cli-[hash]',
    outExtension: { '.js': '.mjs' },
    metafile: true,
    external: ['onnxruntime-node'],
    banner: {
      js: [
        "import { createRequire as __larCreateRequire } from 'node:module';",
        "import { fileURLToPath as __larFileUrlToPath } from 'node:url';",
        "import { dirname as __larDirname } from 'node:path';",
        'const require = __larCreateRequire(import.meta.url);',
        'const __filename = __larFileUrlToPath(import.meta.url);',
        'const __dirname = __larDirname(__filename);',
      ].join(' '),
    },
  };
}
