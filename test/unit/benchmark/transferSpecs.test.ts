import assert from 'node:assert/strict';
import { larEngine } from '../../../src/core/engines/lar/index';
import {
  engineById,
  engineForModel,
  modelExtensions,
  registerEngine,
  unregisterEngine,
} from '../../../src/core/engines/registry';
import { rewriteArg } from '../../../src/core/runners/artifacts';
import type { Engine } from '../../../src/core/engine';

describe('transferSpecsFor', () => {
  it('names the model and every catalogue file flag with its direction', () => {
    const args = larEngine.buildArgs({
      model: 'my model.mge',
      flags: {
        cpu: true,
        'fast-run': true,
        'fast-run-algo-policy': 'algo.cache',
        profile: 'out/prof.json',
        iter: 3,
      },
    });
    const specs = larEngine.transferSpecs(args);
    assert.deepEqual(specs[0], { argIndex: 0, localPath: 'my model.mge', direction: 'in' });
    const byFlag = new Map(specs.slice(1).map((s) => [s.flag, s]));
    assert.equal(specs.length, 3);
    const algo = byFlag.get('--fast-run-algo-policy')!;
    assert.equal(algo.direction, 'inout');
    assert.equal(args[algo.argIndex], 'algo.cache');
    const prof = byFlag.get('--profile')!;
    assert.equal(prof.direction, 'out');
    assert.equal(args[prof.argIndex], 'out/prof.json');
  });

  it('splits --input into one spec per file part; shapes are not files', () => {
    const value = 'data:[1,3,224,224];img:pics/cat 1.ppm;x:{1,2};b:in/b.npy';
    const args = ['m.mge', '--input', value, '--iter', '10'];
    const specs = larEngine.transferSpecs(args).slice(1);
    assert.deepEqual(specs, [
      { argIndex: 2, localPath: 'pics/cat 1.ppm', direction: 'in', flag: '--input', prefix: 'img:' },
      { argIndex: 2, localPath: 'in/b.npy', direction: 'in', flag: '--input', prefix: 'b:' },
    ]);
    // The runners' rewrite finds each part by its prefix, so they can be rewritten in any order.
    let arg = args[2]!;
    arg = rewriteArg(arg, specs[1]!, '/r/b.npy');
    arg = rewriteArg(arg, specs[0]!, '/r/cat.ppm');
    assert.equal(arg, 'data:[1,3,224,224];img:/r/cat.ppm;x:{1,2};b:/r/b.npy');
    assert.deepEqual(larEngine.transferSpecs(['m.mge', '--input', 'inputs.json']).slice(1), [
      { argIndex: 2, localPath: 'inputs.json', direction: 'in', flag: '--input' },
    ]);
    assert.deepEqual(larEngine.transferSpecs(['m.mge', '--input', 'data:[1,3,224,224]']).length, 1);
  });

  it('handles --flag=value and a value that starts with dashes', () => {
    const specs = larEngine.transferSpecs(['m.mge', '--profile=p.json', '--io-dump', '--odd.txt']);
    assert.deepEqual(specs.slice(1), [
      { argIndex: 1, localPath: 'p.json', direction: 'out', flag: '--profile', prefix: '--profile=' },
      { argIndex: 3, localPath: '--odd.txt', direction: 'out', flag: '--io-dump' },
    ]);
  });
});

describe('engine registry', () => {
  it('finds load_and_run by model extension, case-insensitively', () => {
    for (const p of ['a.mge', 'dir/B.MGB', 'c.mdl']) assert.equal(engineForModel(p)?.id, 'load_and_run', p);
    assert.equal(engineForModel('model.onnx')?.id, 'onnxruntime');
    assert.equal(engineForModel('model.pt'), undefined);
    assert.equal(engineForModel('noext'), undefined);
    assert.equal(engineById('load_and_run'), larEngine);
    assert.equal(engineById('nope'), undefined);
  });

  it('lets a later engine take over an extension through registerEngine', () => {
    const fake: Engine = {
      ...larEngine,
      id: 'onnxruntime',
      displayName: 'fake ort',
      modelExtensions: ['.onnx'],
    };
    const previous = engineById('onnxruntime');
    registerEngine(fake);
    try {
      assert.equal(engineForModel('x.ONNX'), fake);
      assert.ok(modelExtensions().includes('.onnx'));
      assert.equal(engineForModel('x.mge'), larEngine);
    } finally {
      if (previous) registerEngine(previous);
      else unregisterEngine('onnxruntime');
    }
  });

  it('assembles the lar engine from the catalogue, builder, validator and parser', () => {
    assert.deepEqual(larEngine.modelExtensions, ['.mge', '.mgb', '.mdl']);
    assert.deepEqual(larEngine.buildArgs({ model: 'm.mge', flags: { iter: 3, cpu: true } }).slice(0, 1), [
      'm.mge',
    ]);
    assert.ok(larEngine.validate({ 'fast-run': true, 'full-run': true }).some((i) => i.severity === 'error'));
    const parsed = larEngine.parseCommandLine('load_and_run m.mge --iter=4 --bogus');
    assert.equal(parsed.model, 'm.mge');
    assert.equal(parsed.flags.iter, 4);
    assert.deepEqual(parsed.unknown, ['--bogus']);
    const parser = larEngine.createParser();
    parser.push('[04 02:48:25 @:123] load model: 12.345ms\n', 'stderr');
    parser.end();
    assert.equal(parser.result().phases.loadMs, 12.345);
  });
});
