import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256File } from '../../src/core/fileHash';
import { TOOL_LABEL, TOOL_VERSION } from '../../src/core/version';
import pkg from '../../package.json';

describe('sha256File', () => {
  it('hashes a file piece by piece (known vector) and counts bytes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lar-hash-'));
    try {
      const p = join(dir, 'модель a.mge');
      await writeFile(p, 'abc');
      assert.deepEqual(await sha256File(p), {
        sha256: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
        bytes: 3,
      });
      const big = Buffer.alloc(3 * 1024 * 1024 + 5, 7);
      await writeFile(p, big);
      assert.equal((await sha256File(p)).bytes, big.length);
      await assert.rejects(sha256File(join(dir, 'missing.mge')), /ENOENT/);
      await assert.rejects(sha256File(dir), /EISDIR/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('stops with an AbortError when its signal aborts (Ctrl-C while a big model is hashed)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'lar-hash-'));
    try {
      const p = join(dir, 'big.mge');
      await writeFile(p, Buffer.alloc(3 * 1024 * 1024, 1));
      await assert.rejects(sha256File(p, AbortSignal.abort('stop')), (e: unknown) => {
        assert.equal((e as Error).name, 'AbortError');
        assert.equal((e as Error).cause, 'stop');
        return true;
      });
      // Aborted while hashing: it stops after the piece being read, not at the end of the file.
      const ac = new AbortController();
      const pending = sha256File(p, ac.signal);
      ac.abort('later');
      await assert.rejects(pending, { name: 'AbortError' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('version', () => {
  it('matches package.json', () => {
    assert.equal(TOOL_VERSION, pkg.version);
    assert.equal(TOOL_LABEL, `lar-explorer ${pkg.version}`);
  });
});
