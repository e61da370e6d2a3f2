import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { LAR_CATALOG, larFlag, normalizeFlagName, UINT64_MAX } from '../../../src/core/engines/lar/catalog';
import { parseLarHelp } from '../../../src/core/engines/lar/helpParser';

const HELP = readFileSync(path.join(__dirname, '../../fixtures/real-logs/02_help.out'), 'utf8');

/** Every flag load_and_run.md §4 lists. */
const MD_FLAGS = [
  'cpu',
  'cpu-default',
  'cuda',
  'multithread',
  'multithread-default',
  'multi-thread-core-ids',
  'lite',
  'mdl',
  'iter',
  'warmup-iter',
  'thread',
  'share-param-mem',
  'fast-run',
  'full-run',
  'fast-run-algo-policy',
  'reproducible',
  'binary-equal-between-batch',
  'fast-run-shared-batch-size',
  'enable-nchw4',
  'enable-chwn4',
  'enable-nchw44',
  'enable-nchw44-dot',
  'enable-nchw88',
  'enable-nchw32',
  'enable-nchw64',
  'enable-nhwcd4',
  'layout-transform',
  'layout-transform-dump',
  'batch-size',
  'weight-preprocess',
  'fake-first',
  'enable-fuse-preprocess',
  'enable-fuse-conv-bias-nonlinearity',
  'enable-fuse-conv-bias-with-z',
  'optimize-for-inference',
  'fuse-grain',
  'const-shape',
  'no-sanity-check',
  'record-comp-seq',
  'record-comp-seq2',
  'disable-mem-opt',
  'workspace-limit',
  'enable-jit',
  'tensorrt',
  'tensorrt-cache',
  'enable-ioc16',
  'input',
  'io-dump',
  'io-dump-stdout',
  'io-dump-stderr',
  'bin-io-dump',
  'bin-out-dump',
  'copy-to-host',
  'packed-model-dump',
  'pack-info-json',
  'pack-cache',
  'pack-info-cryption',
  'pack-model-cryption',
  'model-dump',
  'profile',
  'profile-host',
  'model-info',
  'verbose',
  'range',
  'check-dispatch',
  'check-var-value',
  'disable-assert-throw',
  'wait-gdb',
  'get-static-mem-info',
  'c-opr-lib',
  'c-opr-lib-with-param',
  'c-opr-init-interface',
  'fitting',
  'dump-fitting-model',
];

const KIND_OF_HELP_TYPE: Record<string, string[]> = {
  bool: ['bool'],
  int32: ['int'],
  uint64: ['uint'],
  double: ['float'],
  string: ['string', 'path', 'enum'],
};

describe('LAR_CATALOG', () => {
  const names = LAR_CATALOG.flags.map((f) => f.name);

  it('holds every flag of load_and_run.md §4, and nothing else', () => {
    assert.deepEqual([...names].sort(), [...MD_FLAGS].sort());
  });

  it("holds every flag of the real --help except gflags' own", () => {
    const help = parseLarHelp(HELP);
    const own = [...help.details]
      .filter(([, d]) => !d.source?.includes('third_party/gflags'))
      .map(([n]) => n);
    assert.equal(own.length, LAR_CATALOG.flags.length - 3); // all but cuda, tensorrt, tensorrt-cache
    assert.deepEqual(
      own.filter((n) => !names.includes(n)),
      [],
    );
  });

  it('matches the kinds and defaults --help prints', () => {
    const help = parseLarHelp(HELP);
    let compared = 0;
    for (const spec of LAR_CATALOG.flags) {
      const d = help.details.get(spec.name);
      if (!d || !d.type) continue;
      compared++;
      assert.ok(KIND_OF_HELP_TYPE[d.type]?.includes(spec.kind), `${spec.name}: ${d.type} vs ${spec.kind}`);
      const expected =
        d.type === 'bool'
          ? d.default === 'true'
          : d.type === 'int32' || d.type === 'double'
            ? Number(d.default)
            : d.default === ''
              ? undefined
              : d.default;
      assert.deepEqual(spec.default, expected, spec.name);
    }
    assert.equal(compared, 71);
    assert.equal(larFlag('workspace-limit')?.default, UINT64_MAX);
  });

  it('uses canonical, unique names and known groups, each group used', () => {
    assert.equal(new Set(names).size, names.length);
    for (const n of names) assert.match(n, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    const groups = LAR_CATALOG.groups.map((g) => g.id);
    assert.deepEqual(groups, [
      'device',
      'model-interface',
      'strategy',
      'fast-run',
      'layout-single',
      'layout-global',
      'optimisation',
      'io',
      'packing',
      'plugins-debug',
      'extern-opr',
      'fitting',
    ]);
    for (const f of LAR_CATALOG.flags) assert.ok(groups.includes(f.group), f.name);
    for (const g of groups)
      assert.ok(
        LAR_CATALOG.flags.some((f) => f.group === g),
        g,
      );
    for (const g of LAR_CATALOG.groups) assert.ok(g.label.en && g.label.zh);
  });

  it('keeps flags of a group together, in group order (the command-line order)', () => {
    const order = LAR_CATALOG.groups.map((g) => g.id);
    const seq = LAR_CATALOG.flags.map((f) => order.indexOf(f.group));
    assert.deepEqual(
      seq,
      [...seq].sort((a, b) => a - b),
    );
  });

  it('describes every flag in English and Chinese', () => {
    for (const f of LAR_CATALOG.flags) {
      assert.ok(f.description.en.length > 5, f.name);
      assert.match(f.description.zh, /[\u4e00-\u9fff]/, f.name);
    }
  });

  it('gives enum values, file travel, bounds and platforms', () => {
    assert.deepEqual(larFlag('layout-transform')?.values, ['cpu', 'cuda']);
    assert.equal(larFlag('layout-transform')?.kind, 'enum');
    const travel = Object.fromEntries(LAR_CATALOG.flags.filter((f) => f.file).map((f) => [f.name, f.file]));
    assert.deepEqual(travel, {
      'fast-run-algo-policy': 'inout',
      'layout-transform-dump': 'out',
      'tensorrt-cache': 'inout',
      'io-dump': 'out',
      'bin-io-dump': 'outdir',
      'bin-out-dump': 'outdir',
      'packed-model-dump': 'out',
      'pack-info-json': 'in',
      'pack-cache': 'in',
      'model-dump': 'out',
      profile: 'out',
      'profile-host': 'out',
      'get-static-mem-info': 'outdir',
      'c-opr-lib': 'in',
      'dump-fitting-model': 'out',
    });
    assert.equal(larFlag('iter')?.min, 1);
    assert.equal(larFlag('warmup-iter')?.min, 0);
    assert.equal(larFlag('thread')?.min, 1);
    assert.deepEqual(larFlag('enable-nchw44')?.platforms, ['arm']);
    assert.deepEqual(larFlag('enable-nchw44-dot')?.platforms, ['arm']);
    assert.deepEqual(larFlag('enable-nchw88')?.platforms, ['x86']);
    for (const n of ['enable-nchw4', 'enable-chwn4', 'enable-nchw32', 'enable-nchw64', 'cuda', 'tensorrt']) {
      assert.deepEqual(larFlag(n)?.platforms, ['cuda'], n);
    }
    assert.deepEqual(larFlag('enable-fuse-conv-bias-with-z')?.platforms, ['cuda']);
    for (const f of LAR_CATALOG.flags.filter((x) => x.platforms)) assert.ok(f.platformHint?.zh, f.name);
  });

  it('finds flags by any spelling', () => {
    assert.equal(normalizeFlagName('--Fast_Run'), 'fast-run');
    assert.equal(normalizeFlagName('-enable_nchw44_dot'), 'enable-nchw44-dot');
    assert.equal(normalizeFlagName('iter'), 'iter');
    assert.equal(larFlag('--record_comp_seq2')?.name, 'record-comp-seq2');
    assert.equal(larFlag('no-such-flag'), undefined);
  });
});
