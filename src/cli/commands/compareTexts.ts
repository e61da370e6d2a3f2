/**
 * What `lar-explorer compare` prints in words: headings, phase names, verdicts and their
 * qualifications, the test used, flag differences. The comparison's numbers and `--json` do not
 * change with the language; core's notes come in both languages already.
 */
import type { Catalogue } from '../cliLanguage';

export const COMPARE_TEXTS = {
  needsTwoRuns: { en: 'compare needs at least two different runs', zh: 'compare 至少需要两个不同的运行' },
  colRun: { en: 'run', zh: '运行' },
  colId: { en: 'id', zh: 'id' },
  colStarted: { en: 'started', zh: '开始时间' },
  colStatus: { en: 'status', zh: '状态' },
  colTarget: { en: 'target', zh: '目标' },
  colModel: { en: 'model', zh: '模型' },
  colLabel: { en: 'label', zh: '标签' },
  baselineMark: { en: '* baseline', zh: '* 基线' },
  colPhase: { en: 'phase', zh: '阶段' },
  colMs: { en: 'ms', zh: 'ms' },
  colDeltaMs: { en: 'Δ ms', zh: 'Δ ms' },
  colRatio: { en: 'ratio', zh: '比值' },
  colCi: { en: '95% CI', zh: '95% 区间' },
  colP: { en: 'p', zh: 'p' },
  colVerdict: { en: 'verdict', zh: '结论' },
  // Phases by their id in the compare model (records/compare.ts).
  phaseLoad: { en: 'load', zh: '加载' },
  phaseConfig: { en: 'configuration', zh: '配置' },
  phaseWarmup: { en: 'first warm-up', zh: '首次预热' },
  phaseInference: { en: 'inference (mean)', zh: '推理（平均）' },
  // Verdicts by the compare model's words.
  baseline: { en: 'baseline', zh: '基线' },
  faster: { en: 'FASTER', zh: '更快' },
  slower: { en: 'SLOWER', zh: '更慢' },
  noDifference: { en: 'no significant difference', zh: '差异不显著' },
  untested: { en: 'single value, not tested', zh: '单个值，未检验' },
  missing: { en: 'not measured', zh: '未测量' },
  tooFewIterations: { en: ' (too few iterations)', zh: '（迭代次数太少）' },
  highCv: { en: ' (high CV)', zh: '（CV 偏高）' },
  withinRunToRun: {
    en: ' (within run-to-run noise ×{lo}–×{hi}, {basis}; iterations alone: {said})',
    zh: '（在运行间噪声 ×{lo}–×{hi} 之内，{basis}；仅看迭代：{said}）',
  },
  noiseMeasuredBy: { en: 'measured by study {study}', zh: '由实验 {study} 测得' },
  noiseAssumed: { en: 'assumed: no study yet', zh: '假定值：尚无实验' },
  significanceWelch: {
    en: "significance: Welch's t-test, alpha 0.05, on the iteration times",
    zh: '显著性：Welch t 检验，alpha 0.05，基于各次迭代耗时',
  },
  significanceBoth: {
    en: "significance: Welch's t-test and Mann-Whitney U must agree, alpha 0.05, on the iteration times",
    zh: '显著性：Welch t 检验与 Mann-Whitney U 检验须一致，alpha 0.05，基于各次迭代耗时',
  },
  flagsDiffer: { en: 'flags that differ:', zh: '不同的参数：' },
  colFlag: { en: 'flag', zh: '参数' },
  sameFlags: { en: 'all runs use the same flags', zh: '所有运行使用相同的参数' },
  note: { en: 'note: {note}', zh: '注意：{note}' },
  undecided: { en: 'undecided: {suggestion}', zh: '无法判定：{suggestion}' },
} satisfies Catalogue;
