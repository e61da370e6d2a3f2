import assert from 'node:assert/strict';
import type { TargetTraits } from '../../../src/core/engine';
import { larFlag } from '../../../src/core/engines/lar/catalog';
import { buildLarArgs } from '../../../src/core/engines/lar/commandLine';
import {
  ALGO_CACHE,
  DUMPED_MODEL,
  instantiateRecipe,
  LAR_PRESETS,
  LAR_RECIPES,
} from '../../../src/core/engines/lar/recipes';
import { validateLarFlags } from '../../../src/core/engines/lar/validate';

const FILES = { model: 'resnet.mge', dumpedModel: 'resnet_lt.mge', algoCache: 'resnet.cache' };
const TARGETS: Record<string, TargetTraits> = {
  x86: { arch: 'x86_64', hasCuda: false },
  arm: { arch: 'aarch64', hasCuda: false },
  cuda: { arch: 'x86_64', hasCuda: true },
};

describe('LAR_RECIPES', () => {
  it('has the guide’s three platforms, three steps each', () => {
    assert.deepEqual(
      LAR_RECIPES.map((r) => [r.platform, r.steps.length]),
      [
        ['x86', 3],
        ['arm', 3],
        ['cuda', 3],
      ],
    );
    for (const r of LAR_RECIPES) {
      assert.ok(r.label.en && r.label.zh);
      assert.deepEqual(
        r.steps.map((s) => s.model),
        ['original', 'dumped', 'dumped'],
      );
    }
  });

  it('uses only catalogue flags', () => {
    for (const r of LAR_RECIPES)
      for (const s of r.steps) for (const f of Object.keys(s.flags)) assert.ok(larFlag(f), f);
  });

  it('instantiates to commands with no validation error, on their own target too', () => {
    for (const recipe of LAR_RECIPES) {
      for (const spec of instantiateRecipe(recipe, FILES)) {
        const target = TARGETS[recipe.platform]!;
        const errors = [...validateLarFlags(spec.flags), ...validateLarFlags(spec.flags, target)].filter(
          (i) => i.severity === 'error',
        );
        assert.deepEqual(errors, [], `${recipe.id}: ${buildLarArgs(spec).join(' ')}`);
        assert.ok(!JSON.stringify(spec).includes('${'), 'placeholder left');
      }
    }
  });

  it('chains the files: step 1 dumps what 2 and 3 run, step 2 writes the cache 3 reads', () => {
    const [dump, search, measure] = instantiateRecipe(LAR_RECIPES[0]!, FILES);
    assert.deepEqual(buildLarArgs(dump!), [
      'resnet.mge',
      '--cpu',
      '--layout-transform',
      'cpu',
      '--layout-transform-dump',
      'resnet_lt.mge',
    ]);
    assert.deepEqual(buildLarArgs(search!), [
      'resnet_lt.mge',
      '--cpu',
      '--fast-run',
      '--fast-run-algo-policy',
      'resnet.cache',
      '--weight-preprocess',
    ]);
    assert.equal(measure!.model, 'resnet_lt.mge');
    assert.equal(measure!.flags['fast-run-algo-policy'], 'resnet.cache');
    assert.equal(measure!.flags['fast-run'], undefined);
  });

  it('follows the guide: Arm step 3 uses --cpu-default and --record-comp-seq; CUDA uses cuda', () => {
    const arm = instantiateRecipe(LAR_RECIPES[1]!, FILES)[2]!;
    assert.equal(arm.flags['cpu-default'], true);
    assert.equal(arm.flags['record-comp-seq'], true);
    const cuda = instantiateRecipe(LAR_RECIPES[2]!, FILES);
    assert.equal(cuda[0]!.flags['layout-transform'], 'cuda');
    assert.ok(cuda.every((s) => s.flags.cuda === true));
  });

  it('leaves the recipe data untouched', () => {
    instantiateRecipe(LAR_RECIPES[0]!, FILES);
    assert.equal(LAR_RECIPES[0]!.steps[0]!.flags['layout-transform-dump'], DUMPED_MODEL);
    assert.equal(LAR_RECIPES[0]!.steps[1]!.flags['fast-run-algo-policy'], ALGO_CACHE);
  });
});

describe('LAR_PRESETS', () => {
  it('offers the common single optimisations, each valid and warning-free', () => {
    assert.deepEqual(
      LAR_PRESETS.map((p) => p.id),
      ['fast-run', 'weight-preprocess', 'fake-first', 'record-comp-seq', 'layout-transform-cpu'],
    );
    for (const p of LAR_PRESETS) {
      assert.ok(p.label.en && p.label.zh);
      assert.deepEqual(validateLarFlags(p.flags), [], p.id);
    }
    assert.deepEqual(LAR_PRESETS[2]!.flags, { 'fake-first': true, 'warmup-iter': 2 });
  });
});
