// `lar-explorer explore` in-process with the stand-in load_and_run (real processes, real runner).
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RecordStore } from '../../../src/core/records/recordStore';
import { CliWorkspace, MODEL, STANDIN } from './cliHarness';

const ENV = { LAR_EXPLORER_LAR: STANDIN };
// The tool's environment travels with --env (the CLI's own environment is not the target's).
const KNOBS = ['STANDIN_ITER_MS=0', 'STANDIN_PROFILE=x86', 'STANDIN_NOISE=0.03'].flatMap((k) => ['--env', k]);

describe('lar-explorer explore', function () {
  this.timeout(120000);
  let ws: CliWorkspace;
  beforeEach(async () => (ws = await CliWorkspace.create()));
  afterEach(async () => ws.dispose());

  it('prints the --json contract and saves the study and its runs with --save', async () => {
    const r = await ws.run(
      [
        'explore',
        MODEL,
        '--candidate',
        'defaults:',
        '--candidate',
        'rcs: --record-comp-seq',
        '--candidate',
        'nchw88: --enable-nchw88',
        '--max-rounds',
        '4',
        '--seed',
        '11',
        '--save',
        '--json',
        ...KNOBS,
        '--',
        '--cpu',
        '--iter',
        '5',
      ],
      { env: { ...ENV, PATH: process.env.PATH ?? '' } },
    );
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(out.study).slice(0, 6), [
      'id',
      'model',
      'objective',
      'seed',
      'rounds',
      'stoppedBecause',
    ]);
    assert.equal(out.study.model, MODEL);
    assert.equal(out.study.objective, 'mean');
    assert.equal(out.study.seed, 11);
    const t = out.targets[0];
    assert.equal(t.name, 'local');
    assert.ok(t.noiseFloor.lo < 1 && t.noiseFloor.hi > 1);
    const byLabel = Object.fromEntries(t.ranking.map((e: { label: string }) => [e.label, e]));
    assert.equal(byLabel.defaults.verdict, 'baseline');
    assert.equal(byLabel.rcs.verdict, 'faster');
    assert.equal(byLabel.nchw88.verdict, 'dropped');
    for (const e of t.ranking)
      for (const k of [
        'label',
        'flags',
        'ratio',
        'lo',
        'hi',
        'verdict',
        'rounds',
        'breakEvenInferences',
        'command',
      ])
        assert.ok(k in e, `${e.label} has ${k}`);
    assert.match(byLabel.rcs.command, /--record-comp-seq/);
    assert.match(byLabel.rcs.command, /--iter 5/);
    const studies = readdirSync(join(ws.dir, '.lar-explorer', 'studies')).filter((f) => f.endsWith('.json'));
    assert.equal(studies.length, 1);
    const { records } = await RecordStore.forWorkspace(ws.dir).list();
    const expected = t.ranking.reduce(
      (a: number, e: { rounds: number; verdict: string }) =>
        a + (e.verdict === 'baseline' ? 2 : 1) * e.rounds,
      0,
    );
    assert.equal(records.length, expected, 'every study run is an ordinary saved run');
    assert.ok(records.every((x) => x.study?.id === out.study.id));
  });

  it('prints the ranked table, noise floor and winning command on a terminal-less run', async () => {
    const r = await ws.run(
      [
        'explore',
        MODEL,
        '--candidate',
        'defaults:',
        '--candidate',
        'rcs: --record-comp-seq',
        '--max-rounds',
        '3',
        '--seed',
        '2',
        ...KNOBS,
        '--',
        '--cpu',
      ],
      { env: ENV },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /ratio \[95%\]\s+verdict\s+rounds\s+pays off/);
    assert.match(r.stdout, /noise floor: two identical runs differ by ×0\.\d+–×1\.\d+/);
    assert.match(r.stdout, /winner: rcs\n .*--record-comp-seq/);
    assert.match(r.stderr, /^study [0-9a-f-]{36}$/m);
    assert.doesNotMatch(r.stdout, /study record:/, 'nothing kept without --save');
  });

  it('exit 2 for what was typed wrong, before anything runs', async () => {
    const cases: string[][] = [
      ['explore', MODEL, '--objective', 'fastest'],
      ['explore', MODEL, '--candidate', 'a: --no-such-flag', '--candidate', 'b:'],
      ['explore', MODEL, '--candidate', 'a:', '--candidate', 'b:', '--baseline', 'c'],
      ['explore', MODEL, '--candidate', 'a:'],
      ['explore', MODEL, '--budget', 'soon'],
      ['explore', '--resume', 'nope'],
      ['explore'],
    ];
    // An unsaved study's temporary home goes away even when the study never starts.
    const homes = () => new Set(readdirSync(tmpdir()).filter((f) => f.startsWith('lar-explorer-study-')));
    const before = homes();
    for (const argv of cases) {
      const r = await ws.run(argv, { env: ENV });
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, /error: /);
    }
    const { records } = await RecordStore.forWorkspace(ws.dir).list();
    assert.equal(records.length, 0);
    assert.deepEqual(
      [...homes()].filter((f) => !before.has(f)),
      [],
    );
  });

  it('Ctrl-C exits 130 keeping every finished run, and --resume finishes the study', async () => {
    let seen = 0;
    const r = await ws.run(
      [
        'explore',
        MODEL,
        '--candidate',
        'defaults:',
        '--candidate',
        'wp: --weight-preprocess',
        '--max-rounds',
        '3',
        '--save',
        ...KNOBS,
        '--',
        '--cpu',
      ],
      {
        env: ENV,
        during: (io) => {
          const timer = setInterval(() => {
            seen = (io.stderr.match(/round/g) ?? []).length;
            if (/round 1/.test(io.stderr) || seen > 0) {
              clearInterval(timer);
              io.interrupt();
            }
          }, 5);
        },
      },
    );
    assert.equal(r.code, 130, r.stderr);
    const id = /continue with: lar-explorer explore --resume ([0-9a-f]{8})/.exec(r.stderr)?.[1];
    assert.ok(id, r.stderr);
    const before = (await RecordStore.forWorkspace(ws.dir).list()).records.filter((x) => x.status === 'ok');
    const again = await ws.run(['explore', '--resume', id!, '--json', ...KNOBS], { env: ENV });
    assert.equal(again.code, 0, again.stderr);
    const out = JSON.parse(again.stdout);
    assert.equal(out.study.rounds, 3);
    const after = (await RecordStore.forWorkspace(ws.dir).list()).records;
    for (const b of before) assert.ok(after.some((a) => a.id === b.id));
    assert.equal(after.filter((a) => a.status === 'ok').length, 3 * 3, '3 rounds × (baseline twice + wp)');
  });
});
