// The Engine contract's study and profile answers (issue #9): study/ and profile/ ask the engine,
// so an engine registered without its own study set still gets one, and a profile file is read by
// the reader of the engine whose `detect` claims it.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Engine } from '../../../src/core/engine';
import { larEngine } from '../../../src/core/engines/lar/index';
import { allEngines, registerEngine, unregisterEngine } from '../../../src/core/engines/registry';
import { profileReadOptionsOf, readProfileChunks } from '../../../src/core/profile';
import { guideCandidatesFor, presetCandidates } from '../../../src/core/study/candidateSources';

const FIX = join(__dirname, '..', '..', 'fixtures', 'profile');

describe('engine contract: study candidates and profiles', () => {
  it('an engine supports profiles exactly when it says how to read them', () => {
    for (const e of allEngines())
      assert.equal(e.profile !== undefined, e.capabilities.supportsProfile, `${e.displayName}`);
  });

  it('a third engine without a study set offers the defaults, then each of its presets', () => {
    const third: Engine = {
      ...larEngine,
      id: 'third-engine',
      study: undefined,
      presets: [{ id: 'quick', label: { en: 'Quick', zh: '快' }, flags: { 'fast-run': true } }],
    };
    registerEngine(third);
    try {
      const expected = [
        { label: 'defaults', flags: {}, source: 'preset' },
        { label: 'quick', flags: { 'fast-run': true }, source: 'preset' },
      ];
      assert.deepEqual(presetCandidates('third-engine'), expected);
      assert.deepEqual(guideCandidatesFor('third-engine'), expected);
    } finally {
      unregisterEngine('third-engine');
    }
  });

  it('a profile no engine claims names what every engine writes', async () => {
    await assert.rejects(readProfileChunks(['{"iterations": 3}']), (e: Error) => {
      for (const engine of allEngines())
        if (engine.profile) assert.ok(e.message.includes(engine.profile.formatHint), e.message);
      return true;
    });
  });

  it('each fixture is read by the engine that claims it, with that engine reading options from flags', async () => {
    for (const [file, engine] of [
      ['lar_mnist_profile.json', 'load_and_run'],
      ['ort_small_cnn_profile.json', 'onnxruntime'],
    ] as const) {
      const text = readFileSync(join(FIX, file), 'utf8');
      const p = await readProfileChunks([text], profileReadOptionsOf({ engine, flags: {} }));
      assert.equal(p.engine, engine, file);
    }
  });
});
