/**
 * The guide's three-step benchmarking recipes (lar-inference-optimize.zh.rst, section
 * 有关常见推理测速的优化设置总结) and common one-click presets, as data.
 * Each recipe step's output file is a later step's input, so file values are placeholders
 * (`${dumpedModel}`, `${algoCache}`) filled in by `instantiateRecipe` for one model and target.
 */

import type { LocalizedText, ModelFacts, Preset, Recipe, RecipeStep } from '../../engine';
import { ALGO_CACHE, DUMPED_MODEL } from '../../studyCandidate';
export { instantiateRecipe, type RecipeFiles } from '../../benchmark/recipeSteps';
export type { Preset, Recipe, RecipeStep } from '../../engine';
// The placeholders are shared with study preparations (studyCandidate.ts); recipes name them here too.
export { ALGO_CACHE, DUMPED_MODEL };

/** The files that link the steps, named after the model: the dumped model and the algorithm cache. */
const RECIPE_FILES = { dumpedModel: '.layout-transform.mge', algoCache: '.fast-run.cache' };

const DUMP_NOTE: LocalizedText = {
  en: 'Use a model without an embedded test case (give its data with --input): a dump of a model with one fails to load.',
  zh: '请使用不带测试用例的模型（用 --input 提供输入数据）：带测试用例的模型导出后无法加载。',
};

function dumpStep(device: 'cpu' | 'cuda'): RecipeStep {
  return {
    label: {
      en: '1. Global layout transform, dumped to a new model',
      zh: '1. 全局 layout 优化，并 dump 出优化后的模型',
    },
    model: 'original',
    flags: { [device]: true, 'layout-transform': device, 'layout-transform-dump': DUMPED_MODEL },
    note: DUMP_NOTE,
  };
}

const SEARCH_LABEL: LocalizedText = {
  en: '2. Fast-run search on the dumped model, writing the algorithm cache',
  zh: '2. 在 dump 后的模型上进行 fast-run 搜索，生成离线缓存',
};
const MEASURE_LABEL: LocalizedText = {
  en: '3. Measure with the cache (no search)',
  zh: '3. 使用离线缓存测速（不再搜索）',
};

export const LAR_RECIPES: Recipe[] = [
  {
    id: 'x86-cpu',
    label: { en: 'x86 CPU: three-step benchmark', zh: 'x86 CPU 平台推理测速' },
    platform: 'x86',
    files: RECIPE_FILES,
    steps: [
      dumpStep('cpu'),
      {
        label: SEARCH_LABEL,
        model: 'dumped',
        flags: { cpu: true, 'fast-run': true, 'fast-run-algo-policy': ALGO_CACHE, 'weight-preprocess': true },
      },
      {
        label: MEASURE_LABEL,
        model: 'dumped',
        // The summary omits --warmup-iter, but the guide's fake-first section runs it with 2: with one
        // warm-up the first real run is timed (an outlier seen on the real build).
        flags: {
          cpu: true,
          'fast-run-algo-policy': ALGO_CACHE,
          'weight-preprocess': true,
          'fake-first': true,
          'warmup-iter': 2,
        },
      },
    ],
  },
  {
    id: 'arm-cpu',
    label: { en: 'Arm CPU: three-step benchmark', zh: 'ARM CPU 平台推理测速' },
    platform: 'arm',
    files: RECIPE_FILES,
    steps: [
      dumpStep('cpu'),
      {
        label: SEARCH_LABEL,
        model: 'dumped',
        flags: {
          cpu: true,
          'fast-run': true,
          'fast-run-algo-policy': ALGO_CACHE,
          'weight-preprocess': true,
          'enable-fuse-conv-bias-nonlinearity': true,
        },
      },
      {
        label: MEASURE_LABEL,
        model: 'dumped',
        flags: {
          'cpu-default': true,
          'fast-run-algo-policy': ALGO_CACHE,
          'weight-preprocess': true,
          'enable-fuse-conv-bias-nonlinearity': true,
          'record-comp-seq': true,
        },
      },
    ],
  },
  {
    id: 'nvidia-gpu',
    label: { en: 'NVIDIA GPU: three-step benchmark', zh: 'NVIDIA GPU 平台推理测速' },
    platform: 'cuda',
    files: RECIPE_FILES,
    steps: [
      dumpStep('cuda'),
      {
        label: SEARCH_LABEL,
        model: 'dumped',
        flags: {
          cuda: true,
          'fast-run': true,
          'fast-run-algo-policy': ALGO_CACHE,
          'weight-preprocess': true,
        },
      },
      {
        label: MEASURE_LABEL,
        model: 'dumped',
        flags: {
          cuda: true,
          'fast-run-algo-policy': ALGO_CACHE,
          'weight-preprocess': true,
          'enable-fuse-conv-bias-nonlinearity': true,
          'record-comp-seq': true,
        },
      },
    ],
  },
];

/** Single optimisations a user toggles on to compare against the defaults. */
export const LAR_PRESETS: Preset[] = [
  { id: 'fast-run', label: { en: 'Fast-run search', zh: 'fast-run 算法搜索' }, flags: { 'fast-run': true } },
  {
    id: 'weight-preprocess',
    label: { en: 'Weight pre-processing', zh: 'weight 预处理' },
    flags: { 'weight-preprocess': true },
  },
  {
    id: 'fake-first',
    label: { en: 'Fake first run (2 warm-ups)', zh: 'fake-first（预热两次）' },
    flags: { 'fake-first': true, 'warmup-iter': 2 },
  },
  {
    id: 'record-comp-seq',
    label: { en: 'Kernel record (level 1)', zh: 'kern record 优化（level 1）' },
    flags: { 'record-comp-seq': true },
  },
  {
    id: 'layout-transform-cpu',
    label: { en: 'Global layout transform (CPU)', zh: '全局 layout 优化（CPU）' },
    flags: { 'layout-transform': 'cpu' },
  },
];

/**
 * Why the guide's recipes cannot run on this model, or null when they can. Each recipe's step 1
 * dumps the model after the layout transform, and a dump of a model with an embedded test case
 * fails to load (`nr == size`; see validate.ts): the whole chain would fail at step 2.
 */
export function recipesBlockedFor(model: ModelFacts): LocalizedText | null {
  if (model.hasTestcase !== true) return null;
  return {
    en: 'This model carries an embedded test case, so step 1 writes a model that fails to load. Run the recipes on the same model dumped without a test case (give its data under Inputs).',
    zh: '该模型带有测试用例，第 1 步导出的模型将无法加载。请对不带测试用例导出的同一模型运行这些方案（在“输入”中提供数据）。',
  };
}
