import assert from 'node:assert/strict';
import { isProfiledRun, profilePathOf, profileReadOptionsOf } from '../../../src/core/profile';

describe('a run record and its profile', () => {
  it('is profiled when --profile or --profile-host names a file', () => {
    assert.equal(isProfiledRun({ flags: { profile: 'p.json' } }), true);
    assert.equal(isProfiledRun({ flags: { 'profile-host': 'h.json' } }), true);
    assert.equal(isProfiledRun({ flags: { profile: '  ' } }), false);
    assert.equal(isProfiledRun({ flags: { 'fast-run': true } }), false);
  });

  it('finds the profile among the artifacts, relative paths against the workspace', () => {
    const artifact = (localPath: string, flag?: string) => ({
      localPath,
      ...(flag ? { flag } : {}),
      target: 'local',
      createdAt: '2025-03-04T05:06:07.000Z',
      bytes: 1,
    });
    assert.equal(
      profilePathOf(
        {
          flags: {},
          artifacts: [artifact('/a/cache.bin', '--fast-run-algo-policy'), artifact('/a/p.json', '--profile')],
        },
        '/ws',
      ),
      '/a/p.json',
    );
    assert.equal(
      profilePathOf({ flags: {}, artifacts: [artifact('prof/p.json', '--profile')] }, '/ws'),
      '/ws/prof/p.json',
    );
    assert.equal(profilePathOf({ flags: { profile: 'p.json' } }, '/ws'), null);
  });

  it('reads an ONNX Runtime trace with the run\u2019s own warm-up count (default 1)', () => {
    assert.deepEqual(profileReadOptionsOf({ engine: 'onnxruntime', flags: { 'warmup-iter': 3 } }), {
      warmupRuns: 3,
    });
    assert.deepEqual(profileReadOptionsOf({ engine: 'onnxruntime', flags: {} }), { warmupRuns: 1 });
    assert.deepEqual(profileReadOptionsOf({ engine: 'load_and_run', flags: { 'warmup-iter': 3 } }), {});
  });
});
