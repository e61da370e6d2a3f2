// Artifacts made on SSH targets named the binary by path only: a load_and_run rebuilt in place
// made an old algo cache look current. The hash is now computed on the board (once per binary per
// connection), and a board with no hashing tool says so in the provenance instead of failing.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFile, mkdir, mkdtemp, readFile, rm, stat, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readProvenance } from '../../src/core/artifacts/provenance';
import { runBenchmark } from '../../src/core/benchmark/runBenchmark';
import type { ValidationIssue } from '../../src/core/engine';
import { larEngine } from '../../src/core/engines/lar/index';
import { NO_HASH_TOOL, RemoteProgramHasher } from '../../src/core/runners/remoteHash';
import { startBoard, type TestBoard } from '../support/sshRemote';

const sha256 = async (p: string) =>
  createHash('sha256')
    .update(await readFile(p))
    .digest('hex');

describe('reliability: the binary of an SSH target is known by its hash', function () {
  this.timeout(60_000);
  let board: TestBoard;
  before(async () => (board = await startBoard()));
  after(() => board?.stop());

  it('is hashed on the board, and not again while its size and mtime stay', async () => {
    const runner = board.runner();
    const first = await runner.describeProgram(board.remoteLar);
    assert.equal(first.sha256, await sha256(board.remoteLar));
    assert.equal(first.bytes, (await stat(board.remoteLar)).size);
    // Same size, same mtime, other bytes: the cached hash comes back (it was not hashed again).
    const st = await stat(board.remoteLar);
    const text = await readFile(board.remoteLar, 'utf8');
    await writeFile(board.remoteLar, text.replace('TEST FIXTURE', 'TEST FIXTURX'));
    await utimes(board.remoteLar, st.atime, st.mtime);
    assert.equal((await runner.describeProgram(board.remoteLar)).sha256, first.sha256);
    // A rebuild (new mtime) is hashed again.
    await utimes(board.remoteLar, st.atime, new Date(st.mtimeMs + 5000));
    assert.equal((await runner.describeProgram(board.remoteLar)).sha256, await sha256(board.remoteLar));
    await writeFile(board.remoteLar, text);
  });

  it('an artifact made on the board records that hash; a rebuilt binary is flagged before reuse', async () => {
    const ws = await mkdtemp(path.join(board.localDir, 'ws-'));
    await writeFile(path.join(ws, 'm.mge'), 'a graph');
    const run = (warnings: ValidationIssue[]) =>
      runBenchmark({
        engine: larEngine,
        runner: board.runner(),
        program: board.remoteLar,
        model: 'm.mge',
        cwd: ws,
        flags: { iter: 3, 'fast-run': true, 'fast-run-algo-policy': 'algo.cache' },
        env: { STANDIN_ITER_MS: '1' },
        collectFacts: false,
        onWarnings: (w) => warnings.push(...w),
      });
    const made = await run([]);
    assert.equal(made.status, 'ok', made.reason);
    const p = await readProvenance(path.join(ws, 'algo.cache'));
    assert.ok(p, 'the cache fetched from the board has a provenance');
    assert.equal(p.binary.path, board.remoteLar);
    assert.equal(p.binary.sha256, await sha256(board.remoteLar));

    const same: ValidationIssue[] = [];
    await run(same);
    assert.deepEqual(
      same.filter((w) => w.rule === 'stale-artifact'),
      [],
    );

    await appendFile(board.remoteLar, '\n// rebuilt\n');
    const rebuilt: ValidationIssue[] = [];
    await run(rebuilt);
    const stale = rebuilt.find((w) => w.rule === 'stale-artifact');
    assert.ok(stale, 'a rebuilt binary at the same path is flagged');
    assert.match(stale.message.en, /the program changed \(.*sha256 [0-9a-f]{12} → [0-9a-f]{12}\)/);
    assert.match(stale.message.zh, /程序已变化/);
  });
});

describe('reliability: a board with no hashing tool', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'lar-nohash-'));
    await writeFile(path.join(dir, 'prog'), 'a binary\n');
    await mkdir(path.join(dir, 'bin'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  /** Run the remote command with a PATH that holds only `tools`: a board as bare as we like. */
  const boardWith = async (tools: string[]) => {
    const bin = await mkdtemp(path.join(dir, 'bin-'));
    for (const t of ['sh', 'stat', 'wc', ...tools])
      await symlink(
        execFileSync('sh', ['-c', `command -v ${t}`], { encoding: 'utf8' }).trim(),
        path.join(bin, t),
      );
    return new RemoteProgramHasher(async (cmd) => {
      try {
        return {
          stdout: execFileSync('/bin/sh', ['-c', cmd], { encoding: 'utf8', env: { PATH: bin } }),
          stderr: '',
          exitCode: 0,
        };
      } catch (e) {
        const err = e as { stdout: string; stderr: string; status: number };
        return { stdout: err.stdout, stderr: err.stderr, exitCode: err.status };
      }
    });
  };

  it('says so in the facts instead of failing, with the size', async () => {
    const facts = await (await boardWith([])).describe(path.join(dir, 'prog'));
    assert.equal(facts.sha256, undefined);
    assert.equal(facts.note, NO_HASH_TOOL);
    assert.equal(facts.bytes, 9);
  });

  it('falls back to shasum, then openssl', async () => {
    const want = await sha256(path.join(dir, 'prog'));
    assert.equal((await (await boardWith(['shasum', 'perl'])).describe(path.join(dir, 'prog'))).sha256, want);
    assert.equal((await (await boardWith(['openssl'])).describe(path.join(dir, 'prog'))).sha256, want);
  });

  it('a missing program is a note, not an error', async () => {
    const facts = await (await boardWith([])).describe(path.join(dir, 'nothing here'));
    assert.equal(facts.sha256, undefined);
    assert.match(facts.note ?? '', /not found/);
  });
});
