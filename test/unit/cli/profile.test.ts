import assert from 'node:assert/strict';
import { copyFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { RecordStore } from '../../../src/core/records/recordStore';
import { CliWorkspace, STANDIN, MODEL } from './cliHarness';

const FIX = resolve('test/fixtures/profile');
const SAMPLE = resolve('samples/onnx/small_cnn.onnx');

describe('lar-explorer profile', function () {
  this.timeout(60_000);
  let ws: CliWorkspace;
  beforeEach(async () => {
    ws = await CliWorkspace.create();
    for (const f of [
      'lar_convnet_profile.json',
      'ort_small_cnn_profile.json',
      'ort_small_cnn_noopt_profile.json',
    ]) {
      await copyFile(join(FIX, f), join(ws.dir, f));
    }
  });
  afterEach(async () => ws.dispose());

  it('shows the top operators of a load_and_run profile file, largest first', async () => {
    const r = await ws.run(['profile', 'lar_convnet_profile.json', '--top', '3']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /load_and_run, device clock, 55 operators, 1 run\ntotal 11\.351 ms per run/);
    const rows = r.stdout.split('\n').filter((l) => /ConvolutionForward/.test(l));
    assert.equal(rows.length, 3);
    assert.match(rows[0]!, /conv\(RELU\[35\],conv3\.weight\)\[39\]\s+ConvolutionForward\s+2\.344\s+20\.7%/);
    assert.match(r.stdout, /… 52 more operators/);
  });

  it('--by type --csv gives one row per type whose times add up to the total', async () => {
    const r = await ws.run(['profile', 'ort_small_cnn_profile.json', '--by', 'type', '--csv']);
    assert.equal(r.code, 0, r.stderr);
    const [header, ...rows] = r.stdout.trim().split('\n');
    assert.equal(header, 'type,operators,executions,ms_per_run,share,host_ms_per_run,device_ms_per_run');
    assert.equal(rows[0]!.split(',')[0], 'Conv');
    const json = JSON.parse((await ws.run(['profile', 'ort_small_cnn_profile.json', '--json'])).stdout);
    const sum = rows.reduce((a, row) => a + Number(row.split(',')[3]), 0);
    assert.ok(Math.abs(sum - json.perRunMs) < 1e-9);
    assert.equal(json.runs, 5); // six model_run events, the first one warm-up
  });

  it('--vs diffs two profiles with a summary that adds up to the difference', async () => {
    const r = await ws.run([
      'profile',
      'ort_small_cnn_profile.json',
      '--vs',
      'ort_small_cnn_noopt_profile.json',
      '--json',
    ]);
    assert.equal(r.code, 0, r.stderr);
    const d = JSON.parse(r.stdout);
    const sum = d.summary.reduce((a: number, s: { deltaMs: number }) => a + s.deltaMs, 0);
    assert.ok(Math.abs(sum - d.deltaMs) < 1e-9);
    assert.deepEqual(
      d.inserted.map((o: { type: string }) => o.type),
      ['ReorderOutput'],
    );
    const text = await ws.run([
      'profile',
      'ort_small_cnn_profile.json',
      '--vs',
      'ort_small_cnn_noopt_profile.json',
    ]);
    assert.match(text.stdout, /where the difference comes from:\n/);
    assert.match(text.stdout, /Conv \(6 operators\)/);
    assert.match(text.stdout, /\ntotal\s+−\d+\.\d{3}\s+100\.0%\n/);
  });

  it('reads the profile of a saved ONNX run (real trace, warm-up from the run\u2019s flags)', async () => {
    await copyFile(SAMPLE, join(ws.dir, 'small cnn.onnx'));
    const run = await ws.run([
      'run',
      '--save',
      'small cnn.onnx',
      '--',
      '--iter',
      '4',
      '--warmup-iter',
      '2',
      '--profile',
      'out/prof.json',
    ]);
    assert.equal(run.code, 0, run.stderr);
    const { records } = await RecordStore.forWorkspace(ws.dir).list();
    const id = records[0]!.id;
    const r = await ws.run(['profile', id.slice(0, 8), '--json']);
    assert.equal(r.code, 0, r.stderr);
    const p = JSON.parse(r.stdout);
    assert.equal(p.engine, 'onnxruntime');
    assert.equal(p.runs, 4);
    assert.ok(p.notes.some((n: string) => n.includes('first 2 of 6 runs')));
    assert.equal(p.source, `run ${id.slice(0, 8)}`);
    assert.equal(p.byType[0].type, 'Conv');
  });

  it('says clearly when a run has no profile, a file is not one, or an option is wrong', async () => {
    const run = await ws.run(['run', '--save', '--lar', STANDIN, MODEL, '--', '--iter', '3']);
    assert.equal(run.code, 0, run.stderr);
    const { records } = await RecordStore.forWorkspace(ws.dir).list();
    const noProfile = await ws.run(['profile', records[0]!.id]);
    assert.equal(noProfile.code, 2);
    assert.match(noProfile.stderr, /has no profile: run it again with --profile FILE/);
    const missing = await ws.run(['profile', 'nothing/here.json']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /no such profile file: nothing\/here\.json/);
    await copyFile(resolve('package.json'), join(ws.dir, 'other.json'));
    const notProfile = await ws.run(['profile', 'other.json']);
    assert.equal(notProfile.code, 1);
    assert.match(notProfile.stderr, /other\.json: not a profile/);
    const by = await ws.run(['profile', 'lar_convnet_profile.json', '--by', 'kernel']);
    assert.equal(by.code, 2);
    assert.match(by.stderr, /--by takes op or type/);
    const both = await ws.run(['profile', 'lar_convnet_profile.json', '--json', '--csv']);
    assert.equal(both.code, 2);
  });
});
