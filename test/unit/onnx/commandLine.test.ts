import assert from 'node:assert/strict';
import {
  buildOrtArgs,
  ortDisplayCommand,
  parseOrtArgv,
  parseOrtCommandLine,
} from '../../../src/core/engines/onnx/commandLine';
import { ORT_CATALOG } from '../../../src/core/engines/onnx/catalog';
import { ortEngine, ortRunnerProgram } from '../../../src/core/engines/onnx';
import { shellJoin } from '../../../src/core/shellQuote';
import { mulberry32 } from '../../../src/core/engines/onnx/inputTensors';
import type { FlagSet } from '../../../src/core/engine';

describe('ORT command line', () => {
  it('builds argv with the model first and flags in catalogue order', () => {
    const args = buildOrtArgs({
      model: 'samples/onnx/small_cnn.onnx',
      flags: {
        iter: 20,
        'disable-mem-pattern': true,
        'graph-optimization-level': 'all',
        'disable-cpu-mem-arena': false,
      },
    });
    assert.deepEqual(args, [
      'samples/onnx/small_cnn.onnx',
      '--graph-optimization-level',
      'all',
      '--disable-mem-pattern',
      '--iter',
      '20',
    ]);
  });

  it('displays a command a terminal reads back', () => {
    const cmd = ortDisplayCommand({
      model: 'my model.onnx',
      flags: { 'graph-optimization-level': 'all', input: 'data:[1,3,64,64]' },
    });
    assert.equal(
      cmd,
      "node dist/ort-runner.js 'my model.onnx' --graph-optimization-level all --input 'data:[1,3,64,64]'",
    );
    const back = parseOrtCommandLine(cmd);
    assert.equal(back.model, 'my model.onnx');
    assert.deepEqual(back.flags, { 'graph-optimization-level': 'all', input: 'data:[1,3,64,64]' });
  });

  it('accepts every spelling: =, one dash, underscores, bool=false, flags before the model', () => {
    const r = parseOrtCommandLine(
      'ELECTRON_RUN_AS_NODE=1 /usr/bin/node /ext/dist/ort-runner.js -iter=5 --graph_optimization_level basic m.onnx --disable-mem-pattern=false --disable-cpu-mem-arena --seed 7',
    );
    assert.equal(r.model, 'm.onnx');
    assert.deepEqual(r.flags, {
      iter: 5,
      'graph-optimization-level': 'basic',
      'disable-cpu-mem-arena': true,
      seed: 7,
    });
    assert.deepEqual(r.unknown, []);
  });

  it("maps ONNX Runtime's enable-* spellings onto our disable-* switches", () => {
    assert.deepEqual(
      parseOrtArgv(['m.onnx', '--enable-cpu-mem-arena=false', '--enable_mem_pattern=0']).flags,
      {
        'disable-cpu-mem-arena': true,
        'disable-mem-pattern': true,
      },
    );
    assert.deepEqual(parseOrtArgv(['m.onnx', '--disable-mem-pattern', '--enable-mem-pattern']).flags, {});
  });

  it('reports unknown flags, extra words and missing values', () => {
    const r = parseOrtArgv(['m.onnx', 'extra', '--fast-run', '--iter']);
    assert.equal(r.model, 'm.onnx');
    assert.deepEqual(r.unknown, ['extra', '--fast-run']);
    assert.deepEqual(r.problems, ['--iter needs a value']);
    assert.deepEqual(parseOrtArgv(['m.onnx', '--disable-mem-pattern=maybe']).problems, [
      "--disable-mem-pattern takes true or false, not 'maybe'",
    ]);
  });

  it('keeps non-numbers as text for validation to explain', () => {
    const r = parseOrtArgv(['m.onnx', '--iter', 'ten']);
    assert.equal(r.flags.iter, 'ten');
    assert.equal(ortEngine.validate(r.flags)[0]!.rule, 'not-a-number');
  });

  it('parses a tsx source command and a bare argument list', () => {
    const a = parseOrtCommandLine('npx tsx src/core/engines/onnx/ortRunnerProgram.ts m.onnx --iter 3');
    assert.deepEqual([a.model, a.flags], ['m.onnx', { iter: 3 }]);
    const b = parseOrtCommandLine('m.onnx --execution-mode parallel');
    assert.deepEqual([b.model, b.flags], ['m.onnx', { 'execution-mode': 'parallel' }]);
    const c = parseOrtCommandLine('node m.onnx');
    assert.equal(c.model, 'm.onnx');
  });

  it('round-trips random flag sets through the display string', () => {
    const rand = mulberry32(42);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const texts = ['a b.json', "it's.npy", 'x:[1,2]', '$HOME/p.json', 'ü/名.onnx', 'batch=4,seq=8'];
    for (let k = 0; k < 300; k++) {
      const flags: FlagSet = {};
      for (const f of ORT_CATALOG.flags) {
        if (rand() < 0.5) continue;
        if (f.kind === 'bool') flags[f.name] = true;
        else if (f.kind === 'enum') flags[f.name] = pick(f.values!);
        else if (f.kind === 'uint' || f.kind === 'int')
          flags[f.name] = Math.floor(rand() * 100) + (f.min ?? 0);
        else flags[f.name] = pick(texts);
      }
      const model = pick(['m.onnx', 'dir with space/m.onnx', "o'brien.onnx"]);
      const line = ortDisplayCommand({ model, flags }, '/opt/ext/dist/ort-runner.js', '/usr/bin/node');
      const back = ortEngine.parseCommandLine(line);
      assert.equal(back.model, model, line);
      assert.deepEqual(back.flags, flags, line);
      assert.deepEqual(back.unknown, [], line);
    }
  });

  it('the engine object wires it all, and the runner invocation runs under Electron as Node', () => {
    assert.equal(ortEngine.id, 'onnxruntime');
    assert.deepEqual(ortEngine.modelExtensions, ['.onnx']);
    const inv = ortRunnerProgram('/ext/dist', '/opt/code/code');
    assert.deepEqual(inv, {
      program: '/opt/code/code',
      argsPrefix: ['/ext/dist/ort-runner.js'],
      env: { ELECTRON_RUN_AS_NODE: '1' },
    });
    const argv = [
      ...inv.argsPrefix,
      ...ortEngine.buildArgs({ model: 'm.onnx', flags: { 'graph-optimization-level': 'disabled' } }),
    ];
    assert.equal(
      shellJoin(['node', ...argv]),
      'node /ext/dist/ort-runner.js m.onnx --graph-optimization-level disabled',
    );
  });
});
