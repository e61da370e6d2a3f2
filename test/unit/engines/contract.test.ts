// The Engine contract as the shells use it: everything engine-specific is answered by the engine
// or the registry, so code outside src/core/engines never branches on an engine's id.
import assert from 'node:assert/strict';
import type { Engine } from '../../../src/core/engine';
import { larEngine } from '../../../src/core/engines/lar/index';
import { ortEngine } from '../../../src/core/engines/onnx/index';
import {
  allEngines,
  engineForModel,
  engineForTargetChecks,
  modelExtensions,
} from '../../../src/core/engines/registry';

function feed(engine: Engine, text: string) {
  const parser = engine.createParser();
  parser.push(text);
  parser.end();
  return parser;
}

describe('Engine contract', () => {
  it('the registry answers which engine runs a model and which one target checks ask', () => {
    assert.equal(engineForModel('a/B.MGE'), larEngine);
    assert.equal(engineForModel('x.onnx'), ortEngine);
    assert.equal(engineForModel('x.txt'), undefined);
    assert.deepEqual(modelExtensions().sort(), ['.mdl', '.mge', '.mgb', '.onnx'].sort());
    assert.equal(engineForTargetChecks(), larEngine);
    assert.ok(allEngines().every((e) => e.modelContext && e.exampleCommand && e.cliExamples.length > 0));
  });

  it('capabilities: ONNX Runtime is local only and shipped; load_and_run is an installed binary', () => {
    assert.equal(ortEngine.capabilities.localOnly, true);
    assert.equal(ortEngine.program.kind, 'embedded');
    assert.equal(larEngine.capabilities.localOnly, false);
    assert.deepEqual(larEngine.program, { kind: 'binary', name: 'load_and_run' });
    assert.equal(ortEngine.helpFlags, undefined, 'nothing to ask a runner we ship');
    assert.ok(larEngine.helpFlags!('  -iter (x) type: int32 default: 10\n').has('iter'));
  });

  it('presets and recipes are the engine’s (none for ONNX Runtime)', () => {
    assert.ok(larEngine.presets.length > 0 && larEngine.recipes.length > 0);
    assert.deepEqual([ortEngine.presets, ortEngine.recipes], [[], []]);
    for (const r of larEngine.recipes) assert.ok(Object.keys(r.files).length > 0, r.id);
  });

  it('parseCommandLine keeps problems apart from unknown words, for both engines', () => {
    const lar = larEngine.parseCommandLine("load_and_run m.mge --iter 'unterminated");
    assert.ok(lar.problems.length > 0);
    const ort = ortEngine.parseCommandLine('node ort-runner.js m.onnx --intra-op-threads');
    assert.deepEqual(ort.unknown, []);
    assert.match(ort.problems.join(' '), /needs a value/);
  });

  it('parseArgs (the CLI’s words after --): a bare word is a misplaced model', () => {
    for (const engine of [larEngine, ortEngine]) {
      const p = engine.parseArgs(['--iter', '3', 'stray.bin']);
      assert.equal(p.model, null);
      assert.deepEqual(p.flags, { iter: 3 });
      assert.match(p.problems.join(' '), /the model goes before "--"/, engine.id);
    }
  });

  it('transfer specs: load_and_run splits --input into its files; ONNX Runtime marks --profile as out', () => {
    const lar = larEngine.transferSpecs(['m.mge', '--input', 'a:x.npy;b:[1,2]']);
    assert.deepEqual(
      lar.map((t) => [t.localPath, t.prefix ?? '']),
      [
        ['m.mge', ''],
        ['x.npy', 'a:'],
      ],
    );
    const ort = ortEngine.transferSpecs(
      ortEngine.buildArgs({ model: 'm.onnx', flags: { profile: 'p.json' } }),
    );
    assert.ok(ort.some((t) => t.localPath === 'p.json' && t.direction === 'out'));
  });

  it('input rows are composed by the engine, and read back', () => {
    for (const engine of allEngines()) {
      const syntax = engine.inputs!;
      const value = syntax.compose([
        { name: 'data', value: 'in/a.npy' },
        { name: '', value: 'b.json' },
        { name: 'x', value: '  ' },
      ]);
      assert.equal(value, 'data:in/a.npy;b.json', engine.id);
      assert.deepEqual(syntax.parse(value), [
        { name: 'data', value: 'in/a.npy' },
        { name: '', value: 'b.json' },
      ]);
    }
  });

  it('describeExit: ONNX Runtime gives its coded reason in both languages', () => {
    const err = '{"event":"error","code":"model-invalid","message":"Protobuf parsing failed."}\n';
    const d = ortEngine.describeExit({ exitCode: 1, signal: null, ended: 'exited' }, feed(ortEngine, err));
    assert.equal(d.status, 'failed');
    assert.equal(d.reason.en, 'ONNX Runtime could not load the model: Protobuf parsing failed.');
    assert.equal(d.reason.zh, 'ONNX Runtime 无法加载该模型：Protobuf parsing failed.');
  });

  it('describeExit: load_and_run reads its signals and where the run was (the parser’s phase)', () => {
    const parser = feed(larEngine, 'load model: 12.5ms\n');
    assert.equal(parser.phase?.(), 'configure');
    const d = larEngine.describeExit({ exitCode: 139, signal: null, ended: 'exited' }, parser);
    assert.equal(d.status, 'failed');
    assert.match(d.reason.en, /segmentation fault/);
    assert.equal(d.reason.zh, d.reason.en, 'no translation of the tool’s own words is invented');
  });

  it('the ONNX parser reports phases too', () => {
    const parser = ortEngine.createParser();
    assert.equal(parser.phase?.(), 'start');
    parser.push('{"event":"session","loadMs":3.5}\n');
    assert.equal(parser.phase?.(), 'warm-up');
  });
});
