import assert from 'node:assert/strict';
import { larEngine } from '../../../src/core/engines/lar/index';
import { ortEngine } from '../../../src/core/engines/onnx/index';
import { guideCandidates } from '../../../src/core/engines/lar/studyCandidates';
import { onnxGuideCandidates } from '../../../src/core/engines/onnx/studyCandidates';
import {
  parseCandidateFile,
  parseCandidateLine,
  screenCandidates,
} from '../../../src/core/study/candidateSources';

describe('study candidates', () => {
  it('the guide set follows the arch: nchw44/nchw44-dot on Arm, nchw88 on x86, defaults first', () => {
    const arm = guideCandidates({ arch: 'aarch64' }).map((c) => c.label);
    const x86 = guideCandidates({ arch: 'x86_64' }).map((c) => c.label);
    assert.equal(arm[0], 'defaults');
    assert.ok(arm.includes('nchw44') && arm.includes('nchw44-dot') && !arm.includes('nchw88'));
    assert.ok(x86.includes('nchw88') && !x86.includes('nchw44'));
    for (const l of [
      'fast-run',
      'full-run',
      'weight-preprocess',
      'fast-run+weight-preprocess',
      'fake-first',
      'record-comp-seq',
    ])
      assert.ok(x86.includes(l), l);
    const fakeFirst = guideCandidates({ arch: 'x86_64' }).find((c) => c.label === 'fake-first')!;
    assert.deepEqual(fakeFirst.flags, { 'fake-first': true, 'warmup-iter': 2 });
    const cached = guideCandidates({}).find((c) => c.prepare?.kind === 'algo-cache')!;
    assert.equal(cached.prepare!.flags['fast-run'], true);
    assert.equal(cached.flags['fast-run'], undefined, 'the measured runs read the cache, they do not search');
  });

  it('every guide candidate passes load_and_run validation with --cpu; the ONNX set passes ONNX validation', () => {
    const { usable, excluded } = screenCandidates(
      larEngine,
      guideCandidates({ arch: 'x86_64' }),
      { cpu: true },
      {},
    );
    assert.deepEqual(excluded, []);
    assert.ok(usable.length >= 12);
    const onnx = screenCandidates(ortEngine, onnxGuideCandidates(4), {}, undefined);
    assert.deepEqual(onnx.excluded, []);
    assert.ok(onnx.usable.some((c) => c.flags['execution-mode'] === 'parallel'));
  });

  it('leaves out, with the reason, what cannot run on the target', () => {
    const set = guideCandidates({});
    const traits = { arch: 'aarch64', supportedFlags: new Set(['cpu', 'iter', 'warmup-iter', 'fast-run']) };
    const { usable, excluded } = screenCandidates(larEngine, set, { cpu: true }, traits);
    assert.ok(usable.some((c) => c.label === 'fast-run'));
    assert.match(excluded.find((x) => x.label === 'nchw88')!.reason, /for x86 only; this target is aarch64/);
    assert.match(excluded.find((x) => x.label === 'record-comp-seq')!.reason, /lacks --record-comp-seq/);
    const bad = screenCandidates(
      larEngine,
      [{ label: 'two', flags: { cpu: true, cuda: true } }],
      {},
      undefined,
    );
    assert.equal(bad.usable.length, 0);
    assert.ok(bad.excluded[0].reason.length > 0);
  });

  it('parses "LABEL: FLAGS" lines and candidate files; unknown flags are an error', () => {
    assert.deepEqual(parseCandidateLine(larEngine, 'fr: --fast-run --iter 20'), {
      label: 'fr',
      flags: { 'fast-run': true, iter: 20 },
      source: 'explicit',
    });
    assert.deepEqual(parseCandidateLine(larEngine, 'defaults:').flags, {});
    assert.throws(
      () => parseCandidateLine(larEngine, 'x: --nope'),
      /candidate "x": not MegEngine load_and_run flags: --nope/,
    );
    assert.throws(() => parseCandidateLine(larEngine, 'no colon'), /LABEL: FLAGS/);
    const file = parseCandidateFile(larEngine, '# mine\ndefaults:\nwp: --weight-preprocess  # cheap\n');
    assert.deepEqual(
      file.map((c) => c.label),
      ['defaults', 'wp'],
    );
    const json = parseCandidateFile(
      ortEngine,
      '[{"label":"all","flags":{"graph-optimization-level":"all"}}]',
    );
    assert.equal(json[0].flags['graph-optimization-level'], 'all');
  });
});
