import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { RecordStore } from '../../../src/core/records/recordStore';
import { checkRecord } from '../../../src/core/records/recordSchema';
import { CliWorkspace, interruptAt, MODEL, STANDIN } from './cliHarness';

const FAST = ['--env', 'STANDIN_ITER_MS=1', '--env', 'STANDIN_SEED=7'];

describe('lar-explorer run (stand-in load_and_run)', function () {
  this.timeout(30_000);
  let ws: CliWorkspace;
  beforeEach(async () => (ws = await CliWorkspace.create()));
  afterEach(async () => ws.dispose());

  it('runs, prints the phase table and saves a record with --save', async () => {
    const r = await ws.run([
      'run',
      '--lar',
      STANDIN,
      ...FAST,
      '--save',
      '--label',
      'first',
      MODEL,
      '--',
      '--cpu',
      '--iter',
      '12',
      '--warmup-iter',
      '2',
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^OK {2}\S*load_and_run 'my model 模型\.mge' --cpu --iter 12 --warmup-iter 2\n/);
    assert.match(r.stdout, /phase +ms +sd +median +min +max +n +CV\n/);
    assert.match(r.stdout, /\nload +\d+\.\d{3}/);
    assert.match(r.stdout, /\nwarm-up 2 +\d+\.\d{3}/);
    assert.match(
      r.stdout,
      /\ninference +\d+\.\d{3} +± \d+\.\d{3} +\d+\.\d{3} +\d+\.\d{3} +\d+\.\d{3} +12 +\d+\.\d%/,
    );
    // Not a terminal: the tool's own log is streamed to stderr.
    assert.match(r.stderr, /iter 11\/12: e2e=/);
    assert.match(r.stderr, /saved run [0-9a-f-]{36} in /);
    const { records, problems } = await RecordStore.forWorkspace(ws.dir).list();
    assert.deepEqual(problems, []);
    assert.equal(records.length, 1);
    const rec = records[0]!;
    assert.equal(rec.status, 'ok');
    assert.equal(rec.label, 'first');
    assert.equal(rec.model.path, MODEL);
    assert.match(rec.model.sha256!, /^[0-9a-f]{64}$/);
    assert.deepEqual(rec.flags, { cpu: true, iter: 12, 'warmup-iter': 2 });
    assert.equal(rec.result!.iterations.length, 12);
    assert.equal(rec.result!.phases.warmupMs.length, 2);
    assert.equal(rec.exitCode, 0);
    assert.match(rec.host.tool, /^lar-explorer \d/);
    assert.match(rec.log!, /=== total time/);
  });

  it('prints the record as JSON with --json and does not save without --save', async () => {
    const r = await ws.run([
      'run',
      '--lar',
      STANDIN,
      ...FAST,
      '--json',
      '--progress',
      'none',
      MODEL,
      '--',
      '--iter',
      '3',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const rec = JSON.parse(r.stdout);
    assert.equal(rec.status, 'ok');
    assert.equal(rec.result.phases.inference.count, 3);
    // The record as a file holds it: schema 2, iterations as columns, readable by the store's check.
    assert.equal(rec.schema, 2);
    assert.equal(rec.result.iterations.e2eMs.length, 3);
    const checked = checkRecord(rec);
    assert.ok(checked.ok, JSON.stringify(checked));
    assert.equal(checked.record.result!.iterations.length, 3);
    // Only the validation warning (3 iterations) on stderr: no progress, no "saved".
    assert.equal(
      r.stderr,
      'warning (--iter): 3 iterations give a weak mean; one slow run moves it a lot.\n  fix: Use --iter 10 or more.\n',
    );
    await assert.rejects(readdir(join(ws.dir, '.lar-explorer')), /ENOENT/);
  });

  it('draws one progress line on a terminal', async () => {
    const io = await ws.run(['run', '--lar', STANDIN, ...FAST, MODEL, '--', '--iter', '3'], {});
    assert.doesNotMatch(io.stderr, /\r/);
    const tty = await (async () => {
      const { capturedIo } = await import('../../../src/cli/cliIo');
      const { main } = await import('../../../src/cli/program');
      const cio = capturedIo({ cwd: ws.dir, stderrIsTTY: true });
      const code = await main(['run', '--lar', STANDIN, ...FAST, MODEL, '--', '--iter', '3'], cio);
      return { code, stderr: cio.stderr };
    })();
    assert.equal(tty.code, 0);
    // eslint-disable-next-line no-control-regex -- the progress line is drawn with ESC[K
    assert.match(tty.stderr, /\r\x1b\[Kiter 3\/3 {2}\d+\.\d{3} ms/);
    assert.doesNotMatch(tty.stderr, /e2e=/);
    assert.ok(tty.stderr.endsWith('\r\x1b[K'), JSON.stringify(tty.stderr.slice(-20)));
  });

  it('a crash exits 1, keeps the measured iterations and explains it', async () => {
    const r = await ws.run([
      'run',
      '--lar',
      STANDIN,
      ...FAST,
      '--env',
      'STANDIN_CRASH=iter:3',
      '--save',
      MODEL,
      '--',
      '--iter',
      '10',
    ]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^FAILED/);
    assert.match(r.stdout, /reason: load_and_run crashed \(segmentation fault\) during the timed iterations/);
    const [rec] = (await RecordStore.forWorkspace(ws.dir).list()).records;
    assert.equal(rec!.status, 'failed');
    assert.equal(rec!.signal, 'SIGSEGV');
    assert.equal(rec!.result!.iterations.length, 3);
  });

  it('a missing load_and_run gives a saved failed record with the hint (exit 1)', async () => {
    const r = await ws.run(['run', '--lar', join(ws.dir, 'no', 'load_and_run'), '--save', MODEL]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /reason: load_and_run was not found at .*no\/load_and_run\. Pass --lar /);
    const [rec] = (await RecordStore.forWorkspace(ws.dir).list()).records;
    assert.equal(rec!.status, 'failed');
    assert.equal(rec!.runnerError!.code, 'binary-missing');
    assert.equal(rec!.exitCode, null);
  });

  it('uses $LAR_EXPLORER_LAR when --lar is not given', async () => {
    const r = await ws.run(['run', '--progress', 'none', MODEL, '--', '--iter', '2'], {
      env: { LAR_EXPLORER_LAR: STANDIN, STANDIN_ITER_MS: '1' },
    });
    assert.equal(r.code, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^OK {2}\S+standin-load-and-run\/load_and_run /);
  });

  it('Ctrl-C cancels the run, exits 130 and saves a cancelled record', async () => {
    const r = await ws.run(['run', '--lar', STANDIN, ...FAST, '--env', 'STANDIN_HANG=1', '--save', MODEL], {
      during: interruptAt('=== prepare'),
    });
    assert.equal(r.code, 130);
    assert.match(r.stderr, /cancelling/);
    const [rec] = (await RecordStore.forWorkspace(ws.dir).list()).records;
    assert.equal(rec!.status, 'cancelled');
    assert.match(rec!.reason!, /cancelled by the user/);
    assert.equal(rec!.result!.phases.loadMs !== null, true);
  });

  it('--timeout stops a hung run: status timeout, exit 1', async () => {
    const started = Date.now();
    const r = await ws.run([
      'run',
      '--lar',
      STANDIN,
      ...FAST,
      '--env',
      'STANDIN_HANG=1',
      '--timeout',
      '0.5',
      '--save',
      '--progress',
      'none',
      MODEL,
    ]);
    assert.equal(r.code, 1);
    assert.ok(Date.now() - started < 10_000);
    assert.match(r.stdout, /^TIMEOUT/);
    assert.match(r.stdout, /exceeded its time limit after 0\.5 s/);
    const [rec] = (await RecordStore.forWorkspace(ws.dir).list()).records;
    assert.equal(rec!.status, 'timeout');
  });

  it('list, compare and export work on saved runs (ids by prefix)', async () => {
    const a = await ws.run([
      'run',
      '--lar',
      STANDIN,
      ...FAST,
      '--save',
      '--progress',
      'none',
      '--label',
      'base',
      MODEL,
      '--',
      '--iter',
      '12',
    ]);
    const b = await ws.run([
      'run',
      '--lar',
      STANDIN,
      ...FAST,
      '--save',
      '--progress',
      'none',
      MODEL,
      '--',
      '--iter',
      '12',
      '--fast-run',
    ]);
    assert.equal(a.code + b.code, 0, a.stderr + b.stderr);
    const { records } = await RecordStore.forWorkspace(ws.dir).list();
    const [ra, rb] = records;

    // Shanghai, not UTC, so a UTC time printed anywhere would show up as 8 hours off.
    const tz = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    const list = await ws.run(['list']);
    const cmpLocal = await ws.run(['compare', ra!.id.slice(0, 8), rb!.id.slice(0, 8)]);
    if (tz === undefined) delete process.env.TZ;
    else process.env.TZ = tz;
    const shanghai = (iso: string) =>
      new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 19).replace('T', ' ');
    for (const out of [list.stdout, cmpLocal.stdout]) {
      assert.ok(out.includes(shanghai(ra!.startedAt)), out);
      assert.doesNotMatch(out, /\d{4}-\d\d-\d\dT\d\d:/);
    }
    assert.equal(list.code, 0);
    assert.match(list.stdout, /^id +time +status +model +target +mean ms +sd +n +CV +label \/ flags\n/);
    assert.ok(list.stdout.includes(ra!.id.slice(0, 8)) && list.stdout.includes(rb!.id.slice(0, 8)));
    assert.match(list.stdout, /base {2}--iter=12/);
    const listJson = JSON.parse((await ws.run(['list', '--json'])).stdout);
    assert.equal(listJson.runs.length, 2);
    assert.deepEqual(listJson.problems, []);

    const cmp = await ws.run(['compare', ra!.id.slice(0, 8), rb!.id.slice(0, 6)]);
    assert.equal(cmp.code, 0, cmp.stderr);
    assert.match(cmp.stdout, /inference \(mean\) +#1/);
    assert.match(cmp.stdout, /flags that differ:\nflag +#1 +#2\n--fast-run +– +true\n/);
    const cmpJson = JSON.parse(
      (await ws.run(['compare', ra!.id, rb!.id, '--baseline', rb!.id.slice(0, 8), '--json'])).stdout,
    );
    assert.equal(cmpJson.baselineId, rb!.id);
    const infCells = cmpJson.phases.find((p: { phase: string }) => p.phase === 'inference').cells;
    assert.equal(infCells[1].verdict, 'baseline');
    assert.equal(infCells[0].testable, true);
    assert.equal(typeof infCells[0].pValue, 'number');

    const one = await ws.run(['compare', ra!.id]);
    assert.equal(one.code, 2);
    assert.match(one.stderr, /at least two different runs/);
    const bad = await ws.run(['compare', ra!.id, 'ffffffff']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /no run with id ffffffff/);

    const csv = await ws.run(['export', '--format', 'csv']);
    assert.equal(csv.code, 0);
    assert.equal(csv.stdout.trimEnd().split('\n').length, 3);
    const md = await ws.run(['export', '--format', 'md', '--out', 'runs.md', rb!.id.slice(0, 8)]);
    assert.equal(md.code, 0);
    assert.match(md.stderr, /wrote 1 run to .*runs\.md/);
    const mdText = await readFile(join(ws.dir, 'runs.md'), 'utf8');
    assert.equal(mdText.trimEnd().split('\n').length, 3);
    assert.ok(mdText.includes(rb!.id.slice(0, 8)));
    // No --format: the --out extension decides, else a Markdown table for the terminal.
    const plain = await ws.run(['export']);
    assert.equal(plain.code, 0, plain.stderr);
    assert.match(plain.stdout, /^\| id \| label \| time \|/);
    assert.equal((await ws.run(['export', '--out', 'runs.csv'])).code, 0);
    assert.match(await readFile(join(ws.dir, 'runs.csv'), 'utf8'), /^id,label,time,/);
  });

  it('still prints the numbers when the record cannot be saved (exit 1)', async () => {
    const { mkdir, writeFile } = await import('node:fs/promises');
    await mkdir(join(ws.dir, '.lar-explorer'), { recursive: true });
    await writeFile(join(ws.dir, '.lar-explorer', 'runs'), 'a file where the folder should be');
    const r = await ws.run([
      'run',
      '--lar',
      STANDIN,
      ...FAST,
      '--save',
      '--progress',
      'none',
      MODEL,
      '--',
      '--iter',
      '10',
    ]);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^OK /);
    assert.match(r.stdout, /\ninference +\d/);
    assert.match(
      r.stderr,
      /the run finished \(ok\) but its record could not be saved: cannot create run records folder/,
    );
  });

  it('list reports a corrupt record on stderr and keeps going', async () => {
    await ws.run([
      'run',
      '--lar',
      STANDIN,
      ...FAST,
      '--save',
      '--progress',
      'none',
      MODEL,
      '--',
      '--iter',
      '2',
    ]);
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(ws.dir, '.lar-explorer', 'runs', '20200101T000000.000Z-00000000.json'), '{oops');
    const r = await ws.run(['list']);
    assert.equal(r.code, 0);
    assert.match(r.stderr, /warning: skipped 20200101T000000\.000Z-00000000\.json: not valid JSON/);
    assert.equal(r.stdout.trimEnd().split('\n').length, 2);
  });

  it('refuses an ssh destination written as host:port with exit 2 and the ssh:// spelling', async () => {
    const r = await ws.run(['run', '--target', 'pi@10.0.0.2:2222', MODEL]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /write ssh:\/\/pi@10\.0\.0\.2:2222/);
  });
});
