/**
 * What `lar-explorer explore` says itself: mistakes in the study's options, cancelling, how to go
 * on. The report's words are in studyReportTexts.ts; model and flag mistakes come from runTexts.ts.
 */
import type { Catalogue } from '../cliLanguage';

export const EXPLORE_TEXTS = {
  resumeWithModel: {
    en: '--resume continues a study: give no model',
    zh: '--resume 用于继续已有的实验：不要再给出模型',
  },
  noModel: { en: 'give the model to explore (or --resume ID)', zh: '请给出要探索的模型（或 --resume ID）' },
  cancelling: {
    en: 'cancelling ({signal})… (the study keeps every finished run)',
    zh: '正在取消（{signal}）……（实验会保留每次已完成的运行）',
  },
  continueWith: {
    en: 'continue with: lar-explorer explore --resume {id}',
    zh: '继续实验：lar-explorer explore --resume {id}',
  },
  notSaved: { en: 'not saved (no --save)', zh: '未保存（没有 --save）' },
  targetProblem: { en: '{target}: {problem}', zh: '{target}：{problem}' },
  baselineNotCandidate: {
    en: '--baseline {label} is not a candidate ({candidates})',
    zh: '--baseline {label} 不是候选（候选有：{candidates}）',
  },
  candidatesUnreadable: {
    en: '--candidates {set}: not guide, presets or a readable file ({reason})',
    zh: '--candidates {set}：既不是 guide、presets，也不是可读取的文件（{reason}）',
  },
  tooFewCandidates: {
    en: 'a study needs at least two candidates (the baseline and one more)',
    zh: '实验至少需要两个候选（基线和另一个）',
  },
  wholeNumber: {
    en: '{option} takes a whole number ≥ {min} (got "{value}")',
    zh: '{option} 须为 ≥ {min} 的整数（收到的是“{value}”）',
  },
  duration: {
    en: '{option} takes a duration like 90s, 10m or 1h (got "{value}")',
    zh: '{option} 须为时长，如 90s、10m 或 1h（收到的是“{value}”）',
  },
  durationZero: {
    en: '{option} must be more than zero (got "{value}")',
    zh: '{option} 必须大于零（收到的是“{value}”）',
  },
} satisfies Catalogue;
