import assert from 'node:assert/strict';
import { readableOrtLine, readableOrtLog } from '../../../src/core/engines/onnx/readableLog';

// Lines as our runner printed them for samples/onnx/small_cnn.onnx (`--iter 3`).
const RAW = [
  '{"event":"start","protocol":1,"ort":"1.30.0","node":"v20.20.2","model":"samples/onnx/small_cnn.onnx","platform":"linux","arch":"x64","iter":3,"warmupIter":1,"sessionOptions":{"executionProviders":["cpu"]},"importMs":56.646548}',
  '{"event":"session","loadMs":85.218363,"inputs":[{"name":"data","type":"float32","shape":["batch",3,64,64]}],"outputs":[{"name":"logits","type":"float32","shape":["batch",10]}]}',
  `{"event":"inputs","inputs":[{"name":"data","type":"float32","dims":[1,3,64,64],"source":"random"}],"notes":["free dimension 'batch' of input 'data' set to 1 (choose with --free-dimension-override batch=N)"]}`,
  '{"event":"warmup","index":0,"ms":21.081543}',
  '{"event":"iter","index":0,"ms":5.617348}',
  '{"event":"done","totalMs":266.171171,"iterations":3,"iterTotalMs":8.514959,"meanMs":2.8383196666666666,"sdMs":2.407200343107805,"minMs":1.400178,"maxMs":5.617348,"uptimeMs":396.438243}',
];

describe('ONNX runner log, as the Log pane shows it', () => {
  it('turns each event into a sentence, with the random inputs and the free dimension set to 1', () => {
    const lines = RAW.map(readableOrtLine);
    assert.equal(
      lines[0],
      'ONNX Runtime 1.30.0 on Node v20.20.2 (linux-x64): samples/onnx/small_cnn.onnx, 1 warm-up + 3 timed runs',
    );
    assert.equal(
      lines[1],
      'session created in 85.218 ms; inputs data float32 [batch,3,64,64]; outputs logits float32 [batch,10]',
    );
    assert.match(lines[2]!, /^input data: data \[1,3,64,64\] \(random\)\n {2}note: free dimension 'batch'/);
    assert.equal(lines[3], 'warm-up 1: 21.082 ms');
    assert.equal(lines[4], 'run 1: 5.617 ms');
    assert.equal(lines[5], 'done: 3 timed runs, mean 2.838 ms ± 2.407 ms (min 1.400 ms, max 5.617 ms)');
    for (const l of lines) assert.doesNotMatch(l, /"event"/);
  });

  it('passes other lines through and copes with chunks cut mid-line', () => {
    assert.equal(readableOrtLine('Error: boom'), 'Error: boom');
    assert.equal(readableOrtLine('{not json'), '{not json');
    const out: string[] = [];
    const log = readableOrtLog((t) => out.push(t));
    const text = RAW.slice(3, 5).join('\n') + '\n';
    log.push(text.slice(0, 17));
    log.push(text.slice(17));
    assert.deepEqual(out, ['warm-up 1: 21.082 ms\n', 'run 1: 5.617 ms\n']);
  });
});
