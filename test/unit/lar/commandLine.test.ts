import { mulberry32 } from '../../../src/core/seededRandom';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { FlagSet, FlagSpec } from '../../../src/core/engine';
import { LAR_CATALOG, UINT64_MAX } from '../../../src/core/engines/lar/catalog';
import {
  buildLarArgs,
  larCommandDisplay,
  parseLarArgv,
  parseLarCommandLine,
} from '../../../src/core/engines/lar/commandLine';
import { validateLarFlags } from '../../../src/core/engines/lar/validate';

const LOGS = path.join(__dirname, '../../fixtures/real-logs');

describe('buildLarArgs', () => {
  it('puts the model first, then flags in catalogue order, false booleans left out', () => {
    const args = buildLarArgs({
      model: 'm.mge',
      flags: { 'fake-first': true, iter: 20, cpu: true, 'fast-run': false, 'layout-transform': 'cpu' },
    });
    assert.deepEqual(args, ['m.mge', '--cpu', '--iter', '20', '--layout-transform', 'cpu', '--fake-first']);
  });

  it('keeps values as single arguments, whatever they hold', () => {
    const args = buildLarArgs({ model: 'my model.mge', flags: { input: 'data:a b.npy;x:[1,2]' } });
    assert.deepEqual(args, ['my model.mge', '--input', 'data:a b.npy;x:[1,2]']);
  });

  it('writes flags the catalogue lacks after the known ones', () => {
    assert.deepEqual(buildLarArgs({ model: 'm', flags: { 'zz-new': 3, iter: 2, 'aa-new': true } }), [
      'm',
      '--iter',
      '2',
      '--zz-new',
      '3',
      '--aa-new',
    ]);
  });

  it('quotes the display for a POSIX shell', () => {
    assert.equal(
      larCommandDisplay('./load_and_run', { model: 'a b.mge', flags: { profile: "it's.json", iter: 5 } }),
      `./load_and_run 'a b.mge' --iter 5 --profile 'it'\\''s.json'`,
    );
  });
});

describe('parseLarCommandLine', () => {
  it('reads every gflags spelling', () => {
    const r = parseLarCommandLine(
      'load_and_run -iter 5 --warmup_iter=2 m.mge -fast_run --Layout-Transform cpu --record-comp-seq=true --cpu=1',
    );
    assert.deepEqual(r, {
      model: 'm.mge',
      flags: {
        iter: 5,
        'warmup-iter': 2,
        'fast-run': true,
        'layout-transform': 'cpu',
        'record-comp-seq': true,
        cpu: true,
      },
      unknown: [],
      problems: [],
    });
  });

  it('switches booleans off with =false/=0/=no and --noflag, last one winning', () => {
    const r = parseLarCommandLine(
      'm.mge --fast-run --fast-run=false --cpu --cpu=0 --fake-first=no --verbose --noverbose',
    );
    assert.deepEqual(r.flags, {});
    assert.deepEqual(parseLarCommandLine('m.mge --nofast_run --fast-run').flags, { 'fast-run': true });
  });

  it('does not mistake --no-sanity-check for a negation, and negates it with --nono-sanity-check', () => {
    assert.deepEqual(parseLarCommandLine('m.mge --no-sanity-check').flags, { 'no-sanity-check': true });
    assert.deepEqual(parseLarCommandLine('m.mge --no_sanity_check --nono_sanity_check').flags, {});
  });

  it('types values by the catalogue kind', () => {
    const r = parseLarCommandLine(
      `m --iter 3 --range 0.5 --workspace-limit ${UINT64_MAX} --multithread-default 4 --input 12 --thread 0x2`,
    );
    assert.deepEqual(r.flags, {
      iter: 3,
      range: 0.5,
      'workspace-limit': UINT64_MAX,
      'multithread-default': 4,
      input: '12',
      thread: 2,
    });
    assert.deepEqual(parseLarCommandLine('m --workspace-limit 1024').flags, { 'workspace-limit': 1024 });
  });

  it('keeps text that does not fit a kind, for the validator to reject (real 44_bad_int_value)', () => {
    const r = parseLarCommandLine(readFileSync(path.join(LOGS, '44_bad_int_value.cmd'), 'utf8'));
    assert.deepEqual(r.flags, { iter: 'abc' });
    assert.deepEqual(
      validateLarFlags(r.flags).map((i) => i.rule),
      ['bad-value'],
    );
  });

  it('keeps unknown flags and their values verbatim', () => {
    const r = parseLarCommandLine('load_and_run m.mge --no-such-flag --foo=1 --bar baz --iter 2 extra');
    assert.equal(r.model, 'm.mge');
    assert.deepEqual(r.flags, { iter: 2 });
    assert.deepEqual(r.unknown, ['--no-such-flag', '--foo=1', '--bar', 'baz', 'extra']);
  });

  it('does not let an unknown flag swallow the model', () => {
    const r = parseLarCommandLine('load_and_run --mystery m.mge --iter 2');
    assert.equal(r.model, 'm.mge');
    assert.deepEqual(r.unknown, ['--mystery']);
  });

  it('reports a missing value and a bad boolean', () => {
    const r = parseLarCommandLine('m.mge --cpu=maybe --iter');
    assert.deepEqual(r.flags, {});
    assert.deepEqual(r.unknown, ['--cpu=maybe', '--iter']);
    assert.equal(r.problems.length, 2);
  });

  it('does not let a boolean take the next word (gflags does not)', () => {
    const r = parseLarCommandLine('--fast-run m.mge');
    assert.equal(r.model, 'm.mge');
    assert.deepEqual(r.flags, { 'fast-run': true });
  });

  it('treats words after -- as positional', () => {
    const r = parseLarArgv(['--', '--odd.mge', '--iter']);
    assert.equal(r.model, '--odd.mge');
    assert.deepEqual(r.unknown, ['--iter']);
  });

  it('skips a program word, env prefixes and other commands', () => {
    for (const line of [
      '/opt/bin/load_and_run m.mge --iter 2',
      'LD_LIBRARY_PATH=/opt/lib ./load_and_run m.mge --iter 2',
      'lar m.mge --iter 2',
      'load_and_run.exe m.mge --iter 2',
      'cd /data && ./load_and_run m.mge --iter 2 2>&1 | tee log.txt',
      'm.mge --iter 2',
      '$ load_and_run m.mge \\\n  --iter 2 # comment',
    ]) {
      const r = parseLarCommandLine(line);
      assert.equal(r.model, 'm.mge', line);
      assert.deepEqual(r.flags, { iter: 2 }, line);
      assert.deepEqual(r.unknown, [], line);
    }
  });

  it('returns an empty result for empty or broken text, without throwing', () => {
    assert.deepEqual(parseLarCommandLine(''), { model: null, flags: {}, unknown: [], problems: [] });
    const r = parseLarCommandLine(`load_and_run 'm.mge --iter 2`);
    assert.equal(r.model, 'm.mge --iter 2');
    assert.match(r.problems[0] ?? '', /unterminated/);
  });

  it('reads every real captured command line', () => {
    const files = [
      ...readdirSync(LOGS).filter((f) => f.endsWith('.cmd')),
      ...readdirSync(path.join(LOGS, 'convnet'))
        .filter((f) => f.endsWith('.cmd'))
        .map((f) => `convnet/${f}`),
    ];
    assert.ok(files.length >= 40);
    for (const file of files) {
      const r = parseLarCommandLine(readFileSync(path.join(LOGS, file), 'utf8'));
      if (file.startsWith('02_help')) {
        assert.deepEqual(r.unknown, ['--help'], file);
        continue;
      }
      assert.match(r.model ?? '', /\.mge$/, file);
      assert.deepEqual(r.unknown, file.startsWith('29_') ? ['--no-such-flag'] : [], file);
    }
    const shape = parseLarCommandLine(readFileSync(path.join(LOGS, '41_input_shape_string.cmd'), 'utf8'));
    assert.deepEqual(shape.flags, { input: 'data:{1,1,28,28}', iter: 3 });
    const recipe = parseLarCommandLine(
      readFileSync(path.join(LOGS, 'convnet/X16_k5_recipe2_fastrun_cache_wp.cmd'), 'utf8'),
    );
    assert.deepEqual(recipe, {
      model: 'convnet5_recipe_lt.mge',
      flags: {
        cpu: true,
        'fast-run': true,
        'fast-run-algo-policy': 'convnet5_recipe.cache',
        'weight-preprocess': true,
      },
      unknown: [],
      problems: [],
    });
  });
});

// ---------------------------------------------------------------------------------------------
// Round trip: parse(display(build(x))) === x for random valid FlagSets.

const NASTY = [
  'plain',
  'with space',
  "it's",
  '"double"',
  '$(rm -rf /)',
  '`uname`',
  'a;b&&c|d',
  '模型 数据.npy',
  'data:[1,3,224,224]',
  'line1\nline2',
  '',
  '-starts-with-dash',
  '--iter',
  'x=y',
  '\\back\\slash',
  '#hash',
  '$HOME ${X}',
  'mix \'of\' "all" $(x) `y` ; é',
];

function randomFlags(rand: () => number): FlagSet {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const flags: FlagSet = {};
  for (const spec of LAR_CATALOG.flags) {
    if (rand() > 0.3) continue;
    flags[spec.name] = randomValue(spec, rand, pick);
  }
  return flags;
}

function randomValue(spec: FlagSpec, rand: () => number, pick: <T>(xs: readonly T[]) => T): FlagSet[string] {
  switch (spec.kind) {
    case 'bool':
      return true;
    case 'int':
      return (spec.min ?? -50) + Math.floor(rand() * 1000);
    case 'uint':
      return rand() < 0.3 ? UINT64_MAX : Math.floor(rand() * 2 ** 40);
    case 'float':
      return Math.round(rand() * 100000) / 100;
    case 'enum':
      return pick(spec.values!);
    default:
      return pick(NASTY) + (rand() < 0.5 ? '' : pick(NASTY));
  }
}

describe('command line round trip', () => {
  it('parse(display(build(x))) gives x back for 500 random flag sets', () => {
    const rand = mulberry32(20240524);
    const models = ['m.mge', 'my model.mge', '模型.mge', "a'b.mge", '$(x).mge', 'dir with space/x.mgb'];
    for (let n = 0; n < 500; n++) {
      const spec = { model: models[n % models.length]!, flags: randomFlags(rand) };
      const line = larCommandDisplay(n % 2 ? '/opt/lar/load_and_run' : 'load_and_run', spec);
      const back = parseLarCommandLine(line);
      assert.deepEqual(back, { model: spec.model, flags: spec.flags, unknown: [], problems: [] }, line);
      assert.deepEqual(parseLarArgv(buildLarArgs(spec)).flags, spec.flags);
    }
  });

  it('round-trips every flag at least once', () => {
    const rand = mulberry32(7);
    const flags: FlagSet = {};
    for (const spec of LAR_CATALOG.flags) flags[spec.name] = randomValue(spec, rand, (xs) => xs[0]!);
    const back = parseLarCommandLine(larCommandDisplay('load_and_run', { model: 'm.mge', flags }));
    assert.deepEqual(back.flags, flags);
  });
});
