import assert from 'node:assert/strict';
import { ORT_CATALOG } from '../../../src/core/engines/onnx/catalog';
import { validateOrtFlags } from '../../../src/core/engines/onnx/validate';
import type { FlagSet } from '../../../src/core/engine';

const rules = (flags: FlagSet, arch?: string) =>
  validateOrtFlags(flags, arch ? { arch } : undefined).map((i) => `${i.severity}:${i.rule}`);

describe('ORT catalogue', () => {
  it('lists every session option of the brief with both languages', () => {
    const names = ORT_CATALOG.flags.map((f) => f.name);
    for (const n of [
      'graph-optimization-level',
      'optimized-model-path',
      'intra-op-threads',
      'inter-op-threads',
      'execution-mode',
      'disable-cpu-mem-arena',
      'disable-mem-pattern',
      'free-dimension-override',
      'profile',
      'iter',
      'warmup-iter',
      'input',
      'seed',
    ]) {
      assert.ok(names.includes(n), n);
    }
    assert.equal(new Set(names).size, names.length, 'names are unique');
    assert.equal(ORT_CATALOG.engine, 'onnxruntime');
    const groups = new Set(ORT_CATALOG.groups.map((g) => g.id));
    for (const f of ORT_CATALOG.flags) {
      assert.ok(f.description.en.length > 10 && f.description.zh.length > 5, f.name);
      assert.ok(groups.has(f.group), `${f.name} group ${f.group}`);
      if (f.kind === 'enum') assert.ok(f.values?.includes(String(f.default)), `${f.name} default in values`);
    }
  });

  it('marks files that travel: optimised model and profile out, input in', () => {
    const file = (n: string) => ORT_CATALOG.flags.find((f) => f.name === n)?.file;
    assert.equal(file('optimized-model-path'), 'out');
    assert.equal(file('profile'), 'out');
    assert.equal(file('input'), 'in');
    assert.equal(file('iter'), undefined);
  });

  it('graph levels include the four of the guide plus layout, default all', () => {
    const f = ORT_CATALOG.flags.find((x) => x.name === 'graph-optimization-level')!;
    assert.deepEqual(f.values, ['disabled', 'basic', 'extended', 'layout', 'all']);
    assert.equal(f.default, 'all');
    assert.match(f.description.en, /NCHWc/);
  });
});

describe('ORT validation', () => {
  it('accepts a clean set without issues', () => {
    assert.deepEqual(
      rules({ 'graph-optimization-level': 'disabled', iter: 20, 'warmup-iter': 2, 'intra-op-threads': 1 }),
      [],
    );
    assert.deepEqual(rules({}), []);
  });

  it('rejects a bad enum value, naming the allowed ones in both languages', () => {
    const [i] = validateOrtFlags({ 'graph-optimization-level': 'fast' });
    assert.equal(i!.rule, 'enum-value');
    assert.equal(i!.severity, 'error');
    assert.deepEqual(i!.flags, ['graph-optimization-level']);
    assert.match(i!.message.en, /'fast' is not one of: disabled, basic, extended, layout, all/);
    assert.match(i!.message.zh, /不在可选值中/);
    assert.deepEqual(rules({ 'execution-mode': 'async' }), ['error:enum-value']);
  });

  it('checks ranges and whole numbers', () => {
    assert.deepEqual(rules({ iter: 0 }), ['error:out-of-range']);
    assert.deepEqual(rules({ 'warmup-iter': -1 }), ['error:out-of-range']);
    assert.deepEqual(rules({ 'intra-op-threads': 2.5 }), ['error:not-a-number']);
    assert.deepEqual(rules({ iter: 'ten' }), ['error:not-a-number']);
    assert.deepEqual(rules({ seed: 4294967296 }), ['error:out-of-range']);
  });

  it('rejects unknown flags, non-boolean switches and empty paths', () => {
    assert.deepEqual(rules({ 'fast-run': true }), ['error:unknown-flag']);
    assert.deepEqual(rules({ 'disable-mem-pattern': 'maybe' }), ['error:not-boolean']);
    assert.deepEqual(rules({ profile: ' ' }), ['error:empty-value']);
  });

  it('warns on parallel mode with inter-op-threads 0, and on inter threads in sequential mode', () => {
    assert.deepEqual(rules({ 'execution-mode': 'parallel' }), ['warning:parallel-default-inter-threads']);
    assert.deepEqual(rules({ 'execution-mode': 'parallel', 'inter-op-threads': 0 }), [
      'warning:parallel-default-inter-threads',
    ]);
    assert.deepEqual(rules({ 'execution-mode': 'parallel', 'inter-op-threads': 2 }), []);
    assert.deepEqual(rules({ 'inter-op-threads': 2 }), ['warning:inter-threads-ignored']);
  });

  it('warns on few iterations, no warm-up, profiling overhead and saving an unoptimised model', () => {
    assert.deepEqual(rules({ iter: 9 }), ['warning:few-iterations']);
    assert.deepEqual(rules({ iter: 10 }), []);
    assert.deepEqual(rules({ 'warmup-iter': 0 }), ['warning:no-warmup']);
    assert.deepEqual(rules({ profile: 'p.json' }), ['warning:profile-overhead']);
    assert.deepEqual(rules({ 'optimized-model-path': 'o.onnx', 'graph-optimization-level': 'disabled' }), [
      'warning:save-unoptimized',
    ]);
    assert.deepEqual(rules({ 'optimized-model-path': 'o.onnx', 'graph-optimization-level': 'all' }), []);
  });

  it('checks the grammars of --input and --free-dimension-override', () => {
    assert.deepEqual(rules({ 'free-dimension-override': 'batch=4,seq=128' }), []);
    assert.deepEqual(rules({ 'free-dimension-override': 'batch=0' }), ['error:free-dimension-syntax']);
    assert.deepEqual(rules({ 'free-dimension-override': 'batch' }), ['error:free-dimension-syntax']);
    assert.deepEqual(rules({ input: 'data:[1,3,64,64]' }), []);
    assert.deepEqual(rules({ input: 'x.bin' }), ['error:input-syntax']);
    assert.deepEqual(rules({ input: 'a.npy;b.npy' }), ['error:input-syntax']);
    assert.deepEqual(rules({ input: 'x.npy', seed: 3 }), ['warning:seed-unused']);
    assert.deepEqual(rules({ input: 'data:[1,3,64,64]', seed: 3 }), []);
  });

  it('warns that the layout part of all does nothing off x86, only when the target is known', () => {
    assert.deepEqual(rules({ 'graph-optimization-level': 'all' }, 'aarch64'), ['warning:layout-needs-x86']);
    assert.deepEqual(rules({ 'graph-optimization-level': 'all' }, 'x86_64'), []);
    assert.deepEqual(rules({ 'graph-optimization-level': 'extended' }, 'aarch64'), []);
  });

  it('every issue has a fix in both languages', () => {
    const all = validateOrtFlags({
      iter: 2,
      'warmup-iter': 0,
      'execution-mode': 'parallel',
      profile: 'p.json',
      'graph-optimization-level': 'nope',
      bogus: 1,
    });
    assert.ok(all.length >= 6);
    for (const i of all) assert.ok(i.fix.en && i.fix.zh && i.message.zh, i.rule);
  });
});
