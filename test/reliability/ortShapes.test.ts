// Fault 6: `--free-dimension-override N=1 … H=224 … W=224` kept only the last; a dynamic dimension
// defaulted to 1 with the note only in the raw log, so a model was timed on a 1×1 image silently.
import assert from 'node:assert/strict';
import { parseOrtArgv } from '../../src/core/engines/onnx/commandLine';
import { InputError, prepareInputs } from '../../src/core/engines/onnx/inputTensors';
import { OrtOutputParser } from '../../src/core/engines/onnx/outputParser';
import { renderRunReport } from '../../src/cli/runReport';
import { sampleRecord } from '../unit/records/sampleRecord';

describe('reliability: ONNX input shapes', () => {
  it('a repeated --free-dimension-override adds to the list instead of replacing it', () => {
    const p = parseOrtArgv([
      'm.onnx',
      '--free-dimension-override',
      'N=1',
      '--free-dimension-override',
      'H=224',
      '--free-dimension-override=W=224',
    ]);
    assert.deepEqual(p.problems, []);
    assert.equal(p.flags['free-dimension-override'], 'N=1,H=224,W=224');
  });

  it('a free dimension defaulted to 1 is a warning the run report prints', () => {
    const parser = new OrtOutputParser();
    const note = "free dimension 'H' of input 'image' set to 1 (choose with --free-dimension-override H=N)";
    parser.push(
      JSON.stringify({
        event: 'inputs',
        inputs: [{ name: 'image', type: 'float32', dims: [1, 3, 1, 1], source: 'random' }],
        notes: [note],
      }) + '\n',
      'stdout',
    );
    parser.end();
    const result = parser.result();
    assert.ok(result.messages.some((m) => m.level === 'warn' && m.text === note));
    const report = renderRunReport({
      ...sampleRecord(),
      result: { ...sampleRecord().result!, messages: result.messages },
    });
    assert.ok(report.includes(`warn: ${note}`), report);
  });
});

describe('reliability: a huge free dimension', () => {
  it('is refused with the element count, not a JavaScript stack trace', () => {
    assert.throws(
      () =>
        prepareInputs({
          metadata: [{ name: 'data', isTensor: true, type: 'float32', shape: ['batch', 3, 64, 64] }],
          entries: [],
          freeDims: { batch: 99_999_999 },
          seed: 1,
          readFile: () => new Uint8Array(),
        }),
      (e: unknown) =>
        e instanceof InputError &&
        /input 'data' would have 1\.23e\+12 elements \(dims \[99999999,3,64,64\]\).*choose smaller --free-dimension-override/.test(
          e.message,
        ),
    );
  });
});
