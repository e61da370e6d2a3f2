import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OrtOutputParser } from '../../../src/core/engines/onnx/outputParser';
import { describeOrtExit } from '../../../src/core/engines/onnx/exitReason';
import { mulberry32 } from '../../../src/core/engines/onnx/inputTensors';
import type { ParsedResult } from '../../../src/core/engine';

const FIX = join(__dirname, '..', '..', 'fixtures', 'onnx');
const fixture = (name: string): string => readFileSync(join(FIX, name), 'utf8');

function parse(chunks: Array<[string | Uint8Array, ('stdout' | 'stderr')?]>): {
  p: OrtOutputParser;
  r: ParsedResult;
} {
  const p = new OrtOutputParser();
  for (const [c, s] of chunks) p.push(c as string, s);
  p.end();
  return { p, r: p.result() };
}

describe('OrtOutputParser on real runner output', () => {
  it('maps a run at level all to the parsed-result contract (values checked by hand)', () => {
    const { r } = parse([[fixture('run_all.stdout'), 'stdout']]);
    assert.equal(r.engine, 'onnxruntime');
    assert.deepEqual(r.tool, { generation: 'onnxruntime', megbrain: null, megdnn: null, version: '1.30.0' });
    assert.equal(r.complete, true);
    assert.equal(r.phases.loadMs, 313.221777);
    assert.equal(r.phases.configMs, null);
    assert.deepEqual(r.phases.warmupMs, [5.545985, 2.175686]);
    assert.equal(r.iterations.length, 12);
    assert.deepEqual(r.iterations[1], {
      testcase: 0,
      index: 1,
      e2eMs: 5.478229,
      hostMs: null,
      deviceMs: null,
    });
    const inf = r.phases.inference!;
    assert.equal(inf.count, 12);
    assert.ok(Math.abs(inf.meanMs - 35.590283 / 12) < 1e-9);
    assert.ok(Math.abs(inf.medianMs - (2.678875 + 2.797091) / 2) < 1e-9);
    assert.equal(inf.minMs, 1.978012);
    assert.equal(inf.maxMs, 5.478229);
    assert.ok(Math.abs(inf.sdMs - 1.0048466648204641) < 1e-9, 'sample sd, as the runner computes it');
    assert.deepEqual(r.testcases, [
      {
        index: 0,
        totalMs: 35.590283,
        meanMs: 2.9658569166666666,
        sdMs: 1.0048466648204641,
        minMs: 1.978012,
        maxMs: 5.478229,
      },
    ]);
    assert.equal(r.totalMs, 479.95992);
    assert.equal(r.fitting, null);
    const texts = r.messages.map((m) => m.text);
    assert.ok(
      texts.includes(
        "free dimension 'batch' of input 'data' set to 1 (choose with --free-dimension-override batch=N)",
      ),
    );
    assert.ok(texts.includes('input data: float32 [1,3,64,64] from random'));
    assert.ok(texts.some((t) => /^output logits: \[1,10\] mean=-0.0272112/.test(t)));
    // The defaulted free dimension changes what is timed: a warning (reliability issue, fault 6).
    assert.deepEqual(
      r.messages.filter((m) => m.level !== 'info').map((m) => [m.level, m.text]),
      [
        [
          'warn',
          "free dimension 'batch' of input 'data' set to 1 (choose with --free-dimension-override batch=N)",
        ],
      ],
    );
  });

  it('puts the optimised-model save time in configMs and ONNX Runtime stderr warnings in messages', () => {
    const { r } = parse([
      [fixture('run_save.stderr'), 'stderr'],
      [fixture('run_save.stdout'), 'stdout'],
    ]);
    assert.equal(r.complete, true);
    assert.equal(r.phases.configMs, 1.1186429999999996);
    assert.equal(r.iterations.length, 10);
    assert.ok(
      r.messages.some(
        (m) =>
          m.level === 'info' &&
          /optimised model saved: about 1\.119 ms extra \(session creation 5\.280 ms with the save, 4\.161 ms without\)/.test(
            m.text,
          ),
      ),
    );
    const warn = r.messages.find((m) => m.level === 'warn')!;
    assert.match(
      warn.text,
      /^onnxruntime: Serializing optimized model with Graph Optimization level greater than ORT_ENABLE_EXTENDED/,
    );
    assert.ok(!warn.text.includes('\x1b'), 'ANSI colour codes are stripped');
  });

  it('gives the same result for every split point of the output', () => {
    const text = fixture('run_all.stdout');
    const whole = parse([[text, 'stdout']]).r;
    for (let i = 0; i <= text.length; i += 7) {
      const { r } = parse([
        [text.slice(0, i), 'stdout'],
        [text.slice(i), 'stdout'],
      ]);
      assert.deepEqual(r, whole, `split at ${i}`);
    }
  });

  it('survives random small chunks, CRLF and byte chunks split inside UTF-8', () => {
    const text = fixture('run_all.stdout')
      .replace('samples/onnx/small_cnn.onnx', '模型/small_cnn.onnx')
      .replace(/\n/g, '\r\n');
    const bytes = new TextEncoder().encode(text);
    const rand = mulberry32(1);
    const p = new OrtOutputParser();
    for (let i = 0; i < bytes.length;) {
      const n = 1 + Math.floor(rand() * 40);
      p.push(bytes.subarray(i, i + n) as unknown as string, 'stdout');
      i += n;
    }
    p.end();
    const r = p.result();
    assert.equal(r.complete, true);
    assert.equal(r.iterations.length, 12);
    assert.equal(r.phases.loadMs, 313.221777);
  });

  it('reads a merged log (no stream given) with stderr lines in between', () => {
    const merged = fixture('run_save.stdout').replace(
      '{"event":"inputs"',
      fixture('run_save.stderr') + '{"event":"inputs"',
    );
    const { r } = parse([[merged]]);
    assert.equal(r.complete, true);
    assert.equal(r.iterations.length, 10);
    // ONNX Runtime's stderr warning, and the defaulted free dimension of the inputs event.
    assert.equal(r.messages.filter((m) => m.level === 'warn').length, 2);
  });

  it('calls onIteration for each timed run, even if a listener throws', () => {
    const p = new OrtOutputParser();
    const seen: number[] = [];
    p.onIteration = (it) => {
      seen.push(it.e2eMs);
      throw new Error('listener bug');
    };
    p.push(fixture('run_all.stdout'));
    p.end();
    assert.equal(seen.length, 12);
    assert.equal(seen[0], 2.348934);
    assert.equal(p.result().iterations.length, 12);
  });
});

describe('OrtOutputParser on failures and garbage', () => {
  it('a run killed mid-way keeps what was measured and says it is partial', () => {
    const lines = fixture('run_all.stdout').split('\n');
    const cut = lines.slice(0, 11).join('\n') + '\n{"event":"iter","ind'; // 6 timed runs, then a torn line
    const p = new OrtOutputParser();
    p.push(cut, 'stdout');
    p.end();
    const r = p.result();
    assert.equal(r.complete, false);
    assert.equal(r.iterations.length, 6);
    assert.equal(r.phases.inference!.count, 6);
    assert.equal(r.totalMs, null);
    assert.deepEqual(r.testcases, []);
    const exit = describeOrtExit({ exitCode: null, signal: 'SIGKILL', ended: 'exited' }, r, p.errorCode);
    assert.equal(exit.status, 'partial');
    assert.equal(exit.reason.en, 'The runner was killed by SIGKILL after 6 timed runs.');
    assert.equal(
      describeOrtExit({ exitCode: null, signal: 'SIGTERM', ended: 'cancelled' }, r, null).status,
      'cancelled',
    );
    assert.equal(
      describeOrtExit({ exitCode: null, signal: 'SIGTERM', ended: 'timeout' }, r, null).status,
      'timeout',
    );
  });

  it('a missing model is a coded error with a plain reason', () => {
    const { p, r } = parse([[fixture('model_missing.stdout'), 'stdout']]);
    assert.equal(r.complete, false);
    assert.equal(p.errorCode, 'model-missing');
    assert.deepEqual(r.messages, [
      { level: 'error', text: 'model file not found: samples/onnx/missing.onnx' },
    ]);
    const exit = describeOrtExit({ exitCode: 1, signal: null, ended: 'exited' }, r, p.errorCode);
    assert.deepEqual(exit, {
      status: 'failed',
      reason: {
        en: 'The model file was not found: model file not found: samples/onnx/missing.onnx',
        zh: '找不到模型文件：model file not found: samples/onnx/missing.onnx',
      },
    });
  });

  it('a file that is not an ONNX model is model-invalid, with the version still read', () => {
    const { p, r } = parse([[fixture('model_invalid.stdout')]]);
    assert.equal(p.errorCode, 'model-invalid');
    assert.equal(r.tool.version, '1.30.0');
    assert.equal(r.phases.loadMs, null);
    assert.match(r.messages.find((m) => m.level === 'error')!.text, /Protobuf parsing failed/);
    assert.equal(
      describeOrtExit({ exitCode: 1, signal: null, ended: 'exited' }, r, p.errorCode).status,
      'failed',
    );
  });

  it('an ok exit with all runs is ok; exit 0 without done is not', () => {
    const good = parse([[fixture('run_all.stdout')]]);
    assert.equal(describeOrtExit({ exitCode: 0, signal: null, ended: 'exited' }, good.r, null).status, 'ok');
    const noDone = parse([[fixture('run_all.stdout').replace(/\{"event":"done".*\n?/, '')]]);
    assert.equal(noDone.r.complete, false);
    assert.equal(
      describeOrtExit({ exitCode: 0, signal: null, ended: 'exited' }, noDone.r, null).status,
      'partial',
    );
  });

  it('never throws on garbage and counts unreadable events', () => {
    const rand = mulberry32(9);
    const junk = Uint8Array.from({ length: 5000 }, () => Math.floor(rand() * 256));
    const p = new OrtOutputParser();
    p.push(junk as unknown as string, 'stderr');
    p.push('{"event":"iter","index":0,"ms":"fast"}\n{"event":"session"}\n{not json\n[1,2]\nnull\n', 'stdout');
    p.push('{"event":"from-the-future","x":1}\n', 'stdout');
    p.push('x'.repeat(3 << 20), 'stdout'); // a 3 MB line without a newline
    p.push('\n{"event":"iter","index":0,"ms":1.5}\n', 'stdout');
    p.push(undefined as unknown as string);
    p.end();
    p.end();
    const r = p.result();
    assert.deepEqual(
      r.iterations.map((i) => i.e2eMs),
      [1.5],
    );
    assert.equal(r.complete, false);
    assert.ok(r.messages.some((m) => m.text === '2 runner line(s) looked like events but could not be read'));
    assert.ok(r.messages.every((m) => m.text.length <= 5000));
  });

  it('caps kept log lines but never drops the runner error', () => {
    const p = new OrtOutputParser();
    p.push('some log line\n'.repeat(3000), 'stderr');
    p.push('{"event":"error","code":"run-failed","message":"session.run failed: boom"}\n', 'stdout');
    p.end();
    const r = p.result();
    assert.ok(r.messages.length <= 1052);
    assert.ok(r.messages.some((m) => m.level === 'error' && m.text === 'session.run failed: boom'));
    assert.ok(r.messages.some((m) => /2000 more log line\(s\) not kept/.test(m.text)));
    assert.equal(p.errorCode, 'run-failed');
  });

  it('an error line from Node itself (no JSON) is an error message', () => {
    const { r } = parse([
      ["Error: Cannot find module 'onnxruntime-node'\n    at Module._resolveFilename\n", 'stderr'],
    ]);
    assert.equal(r.messages[0]!.level, 'error');
    assert.equal(r.messages[1]!.level, 'warn');
    const exit = describeOrtExit({ exitCode: 1, signal: null, ended: 'exited' }, r, null);
    assert.equal(
      exit.reason.en,
      "The runner exited with code 1 before any timed run: Error: Cannot find module 'onnxruntime-node'",
    );
  });
});

describe('ORT inference summary', () => {
  it('one run has sd 0, not NaN; an even count takes the middle pair for the median', async () => {
    const { summarizeIterationTimes } = await import('../../../src/core/engines/onnx/outputParser');
    assert.deepEqual(summarizeIterationTimes([2.5]), {
      meanMs: 2.5,
      sdMs: 0,
      minMs: 2.5,
      maxMs: 2.5,
      medianMs: 2.5,
      count: 1,
    });
    const s = summarizeIterationTimes([4, 1, 3, 2])!;
    assert.equal(s.medianMs, 2.5);
    assert.ok(Math.abs(s.sdMs - Math.sqrt(5 / 3)) < 1e-12);
    assert.equal(summarizeIterationTimes([]), null);
  });

  it('an input error is explained as such', () => {
    const p = new OrtOutputParser();
    p.push('{"event":"error","code":"input","message":"input file not found: x.npy"}\n');
    p.end();
    const exit = describeOrtExit({ exitCode: 1, signal: null, ended: 'exited' }, p.result(), p.errorCode);
    assert.equal(exit.reason.en, 'The input data could not be prepared: input file not found: x.npy');
    assert.equal(exit.reason.zh, '无法准备输入数据：input file not found: x.npy');
  });
});
