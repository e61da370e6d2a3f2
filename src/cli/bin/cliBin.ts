/**
 * The `lar-explorer` bin, dist/cli.js (issue #15): starts the CLI's chunks through ChunkLoader with
 * V8's code cache from the user's cache folder, and at exit stores what was compiled without one.
 * Bundled on its own by scripts/cliBuild.mjs, which defines the build id and the command names.
 * `LAR_EXPLORER_CODE_CACHE=off` runs without the cache (nothing read, nothing written); so does
 * `--enable-source-maps`, so that stack traces name the sources.
 */
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { ChunkLoader } from './chunkLoader';
import {
  cacheRoot,
  codeCacheDir,
  openCodeCacheStore,
  profileName,
  type CodeCacheStore,
} from './codeCacheStore';

/** A hash of every chunk of this build (scripts/cliBuild.mjs): a cache is for this code only. */
declare const LAR_CLI_BUILD_ID: string;
/** The CLI's command names (src/cli/commands/*.ts): one cache per command, see openCodeCacheStore. */
declare const LAR_CLI_COMMANDS: readonly string[];

function openStore(): CodeCacheStore | undefined {
  if (process.env.LAR_EXPLORER_CODE_CACHE === 'off') return undefined;
  let home: string | undefined;
  try {
    home = homedir();
  } catch {
    home = undefined;
  }
  const root = cacheRoot({ env: process.env, platform: process.platform, home });
  if (!root) return undefined;
  const command = process.argv[2];
  const profile = profileName(
    command !== undefined && LAR_CLI_COMMANDS.includes(command) ? command : 'main',
    [...process.execArgv, process.env.NODE_OPTIONS ?? ''],
  );
  return openCodeCacheStore(codeCacheDir(root, LAR_CLI_BUILD_ID), profile);
}

/**
 * `node --enable-source-maps` (or in NODE_OPTIONS): the chunks go through Node's own require, whose
 * stack traces map to src/; code compiled through vm.Script would not map. Slower, for debugging.
 */
function sourceMapsWanted(): boolean {
  const flag = '--enable-source-maps';
  const p = process as { sourceMapsEnabled?: boolean };
  if (typeof p.sourceMapsEnabled === 'boolean') return p.sourceMapsEnabled;
  return process.execArgv.includes(flag) || (process.env.NODE_OPTIONS ?? '').split(/\s+/).includes(flag);
}

try {
  if (sourceMapsWanted()) {
    createRequire(__filename)(join(__dirname, 'cli-main.cjs'));
  } else {
    const loader = new ChunkLoader(__dirname, openStore());
    process.once('exit', () => loader.saveCaches());
    // cli-main starts the CLI and sets process.exitCode when it ends (src/cli/main.ts).
    loader.load('cli-main.cjs');
  }
} catch (err) {
  process.stderr.write(`lar-explorer: internal error: ${String(err)}\n`);
  process.exitCode = 1;
}
