// Fault 7 and hostile folders: a FIFO, a device or a folder named `*.json` in the runs folder must
// not hang list/compare/export; each is skipped with a message and the real records still load.
// A UTF-8 BOM (a Windows editor) must not make a valid record unreadable (fault 12).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RecordStore } from '../../src/core/records/recordStore';
import { recordToJson } from '../../src/core/records/canonicalJson';
import { encodeRecord } from '../../src/core/records/recordEncoding';
import { recordFileName } from '../../src/core/records/recordNames';
import { CliWorkspace } from '../unit/cli/cliHarness';
import { sampleRecord, sampleResult } from '../unit/records/sampleRecord';

describe('reliability: hostile files in the runs folder', function () {
  this.timeout(20_000);
  let ws: CliWorkspace;
  let store: RecordStore;
  let ids: string[];
  beforeEach(async () => {
    ws = await CliWorkspace.create();
    store = RecordStore.forWorkspace(ws.dir);
    const a = await store.save(sampleRecord({ result: sampleResult([5, 5.1, 4.9]) }));
    const b = await store.save(sampleRecord({ result: sampleResult([6, 6.1, 5.9]) }));
    ids = [a.id, b.id];
    execFileSync('mkfifo', [join(store.dir, 'pipe.json')]);
    await symlink('/dev/zero', join(store.dir, 'zero.json'));
    await mkdir(join(store.dir, 'folder.json'));
  });
  afterEach(async () => ws.dispose());

  it('list skips a FIFO, a device and a folder with a message each, and lists the records', async () => {
    const r = await ws.run(['list']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /skipped pipe\.json: not a regular file \(a named pipe \(FIFO\)\)/);
    assert.match(r.stderr, /skipped zero\.json: not a regular file \(a device\)/);
    assert.match(r.stderr, /skipped folder\.json: not a regular file \(a folder\)/);
    assert.equal(r.stdout.trim().split('\n').length, 3, r.stdout);
  });

  it('compare and export do not hang either', async () => {
    const c = await ws.run(['compare', ids[0]!, ids[1]!]);
    assert.equal(c.code, 0, c.stderr);
    assert.match(c.stdout, /inference/);
    const e = await ws.run(['export', '--format', 'csv']);
    assert.equal(e.code, 0, e.stderr);
    assert.equal(e.stdout.trim().split('\n').length, 3);
  });

  it('a record saved with a UTF-8 byte-order mark loads, and the file is left as it was', async () => {
    const rec = sampleRecord({ label: 'bom' });
    const file = join(store.dir, recordFileName(rec));
    await writeFile(file, '\ufeff' + recordToJson(encodeRecord(rec)));
    const before = await readFile(file);
    const { records, problems } = await store.list();
    assert.ok(
      records.some((r) => r.label === 'bom'),
      JSON.stringify(problems),
    );
    assert.deepEqual(await readFile(file), before);
  });
});
