// Faults 9 and 10: an output never overwrites a file the user did not name as an output, nor the
// model. `export --out` refuses an existing file (unless --force) and anything in the records
// folder; an output flag naming the model (or an input) stops the run before it starts.
import assert from 'node:assert/strict';
import { link, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RecordStore } from '../../src/core/records/recordStore';
import { CliWorkspace, MODEL, STANDIN } from '../unit/cli/cliHarness';
import { sampleRecord } from '../unit/records/sampleRecord';

describe('reliability: user files are never overwritten', function () {
  this.timeout(30_000);
  let ws: CliWorkspace;
  beforeEach(async () => (ws = await CliWorkspace.create()));
  afterEach(async () => ws.dispose());

  it('export --out refuses an existing file without --force, replaces it with --force', async () => {
    await RecordStore.forWorkspace(ws.dir).save(sampleRecord());
    await writeFile(join(ws.dir, 'notes.csv'), 'my notes');
    const r = await ws.run(['export', '--format', 'csv', '--out', 'notes.csv']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /notes\.csv already exists; not overwritten \(add --force to replace it\)/);
    assert.equal(await readFile(join(ws.dir, 'notes.csv'), 'utf8'), 'my notes');
    const f = await ws.run(['export', '--format', 'csv', '--out', 'notes.csv', '--force']);
    assert.equal(f.code, 0, f.stderr);
    assert.match(await readFile(join(ws.dir, 'notes.csv'), 'utf8'), /^id,/);
  });

  it('export --out never writes into the records folder, even with --force', async () => {
    const store = RecordStore.forWorkspace(ws.dir);
    await store.save(sampleRecord());
    const [name] = await readdir(store.dir);
    const before = await readFile(join(store.dir, name!));
    for (const out of [join('.lar-explorer', 'runs', name!), join('.lar-explorer', 'runs', 'new.csv')]) {
      const r = await ws.run(['export', '--format', 'json', '--out', out, '--force']);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /inside the run records folder/);
    }
    // Through a symlinked folder too.
    await symlink(store.dir, join(ws.dir, 'alias'));
    const r = await ws.run(['export', '--format', 'json', '--out', join('alias', name!), '--force']);
    assert.equal(r.code, 2, r.stderr);
    assert.deepEqual(await readFile(join(store.dir, name!)), before);
    assert.deepEqual(await readdir(store.dir), [name]);
  });

  it('an output flag naming the model stops the run before it starts; the model is intact', async () => {
    const before = await readFile(join(ws.dir, MODEL));
    await link(join(ws.dir, MODEL), join(ws.dir, 'hardlink.mge'));
    for (const path of [MODEL, `./${MODEL}`, 'hardlink.mge']) {
      const r = await ws.run(
        [
          'run',
          '--lar',
          STANDIN,
          '--save',
          MODEL,
          '--',
          '--iter',
          '2',
          '--fast-run',
          '--fast-run-algo-policy',
          path,
        ],
        { env: { STANDIN_ITER_MS: '1' } },
      );
      assert.equal(r.code, 2, r.stderr);
      assert.match(
        r.stderr,
        /--fast-run-algo-policy .* names the model itself: the run would overwrite the model/,
      );
      assert.deepEqual(await readFile(join(ws.dir, MODEL)), before);
    }
    assert.equal((await RecordStore.forWorkspace(ws.dir).list()).records.length, 0);
  });

  it('an output flag naming an input file (or another output) is refused too', async () => {
    await writeFile(join(ws.dir, 'x.npy'), 'input data');
    const r = await ws.run(
      ['run', '--lar', STANDIN, MODEL, '--', '--iter', '2', '--input', 'data:x.npy', '--profile', 'x.npy'],
      { env: { STANDIN_ITER_MS: '1' } },
    );
    assert.equal(r.code, 2, r.stderr);
    assert.match(r.stderr, /--profile x\.npy is the same file as --input x\.npy/);
    assert.equal(await readFile(join(ws.dir, 'x.npy'), 'utf8'), 'input data');
    const two = await ws.run(
      [
        'run',
        '--lar',
        STANDIN,
        MODEL,
        '--',
        '--iter',
        '2',
        '--profile',
        'p.json',
        '--layout-transform',
        'cpu',
        '--layout-transform-dump',
        'p.json',
      ],
      { env: { STANDIN_ITER_MS: '1' } },
    );
    assert.equal(two.code, 2, two.stderr);
    // The builder orders the flags, so either one is "the other".
    assert.match(two.stderr, /--[a-z-]+ p\.json is the same file as --[a-z-]+ p\.json/);
  });
});
