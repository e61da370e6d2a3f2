/**
 * Loads the CLI's chunks (`cli-*.cjs` beside the bin, CommonJS; see scripts/cliBuild.mjs) as
 * Node's require would, but compiles each through vm.Script with V8's code cache, which Node 20
 * offers no other way (no module.enableCompileCache before Node 22). A chunk's `require` of another
 * chunk comes back here; everything else (node builtins, onnxruntime-node) goes to Node's require.
 * The chunks stay plain CommonJS: `node dist/cli-main.cjs` runs the same CLI, only without the cache.
 * Must stay tiny and import node builtins only: it runs before any chunk (see cliBin.ts).
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { Script } from 'node:vm';
import type { ChunkCaches, CodeCacheStore } from './codeCacheStore';

/** How a chunk was compiled: no store, no usable file, V8 took the cache, V8 refused it. */
export type CacheUse = 'no-store' | 'missing' | 'accepted' | 'rejected';

interface Chunk {
  script: Script;
  cache: CacheUse;
  module: { exports: unknown };
}

/** What the chunks require of each other, as esbuild writes it. */
const CHUNK_ID = /^\.\/(cli-[\w-]+\.cjs)$/;

export class ChunkLoader {
  private readonly chunks = new Map<string, Chunk>();
  /** The command's cache file, read at the first chunk. */
  private caches: ChunkCaches | undefined;
  /** The `require` every chunk gets. */
  private readonly require: NodeJS.Require;

  constructor(
    private readonly dir: string,
    private readonly store: CodeCacheStore | undefined,
  ) {
    const nodeRequire = createRequire(join(dir, 'cli.js'));
    const require = ((id: string) => {
      const chunk = CHUNK_ID.exec(id);
      return chunk ? this.load(chunk[1]) : nodeRequire(id);
    }) as NodeJS.Require;
    require.resolve = nodeRequire.resolve;
    require.cache = nodeRequire.cache;
    require.main = nodeRequire.main;
    require.extensions = nodeRequire.extensions;
    this.require = require;
  }

  /** The exports of chunk `name` (e.g. `cli-main.cjs`), loading it and what it requires first. */
  load(name: string): unknown {
    const loaded = this.chunks.get(name);
    if (loaded) return loaded.module.exports;
    const filename = join(this.dir, name);
    // The wrapper opens on the source's first line, as Node's own does, so line numbers hold.
    const source = `(function (exports, require, module, __filename, __dirname) {${readFileSync(filename, 'utf8')}\n})`;
    this.caches ??= this.store?.read() ?? new Map();
    const cachedData = this.caches.get(name);
    const script = new Script(source, { filename, cachedData });
    const cache: CacheUse = !this.store
      ? 'no-store'
      : cachedData === undefined
        ? 'missing'
        : script.cachedDataRejected
          ? 'rejected'
          : 'accepted';
    const chunk: Chunk = { script, cache, module: { exports: {} } };
    // Registered before it runs, as require does, so chunks that require each other get the exports.
    this.chunks.set(name, chunk);
    try {
      const wrapper = script.runInThisContext() as (...args: unknown[]) => void;
      wrapper.call(
        chunk.module.exports,
        chunk.module.exports,
        this.require,
        chunk.module,
        filename,
        this.dir,
      );
    } catch (err) {
      this.chunks.delete(name);
      throw err;
    }
    return chunk.module.exports;
  }

  /** How each chunk loaded so far was compiled. */
  cacheUse(): Record<string, CacheUse> {
    return Object.fromEntries([...this.chunks].map(([name, c]) => [name, c.cache]));
  }

  /**
   * Rewrites the command's cache when a chunk was compiled without one V8 accepted: that chunk's
   * code with the functions this invocation compiled (why it runs at exit), the others' as they
   * were (chunks this invocation did not load included). Never throws.
   */
  saveCaches(): void {
    const stale = [...this.chunks].filter(([, c]) => c.cache === 'missing' || c.cache === 'rejected');
    if (!this.store || stale.length === 0) return;
    const caches = new Map(this.caches);
    for (const [name, chunk] of stale) {
      try {
        caches.set(name, chunk.script.createCachedData());
      } catch {
        caches.delete(name);
      }
    }
    this.store.write(caches);
  }
}
