/**
 * The words of `lar-explorer run`'s report and live progress (runReport.ts, progress.ts): phase
 * names, column headings, warnings about the numbers, validation issues' frame. On the run path:
 * nothing here belongs to another command.
 */
import type { Catalogue } from './cliLanguage';

export const RUN_REPORT_TEXTS = {
  reason: { en: 'reason: {reason}', zh: '原因：{reason}' },
  colPhase: { en: 'phase', zh: '阶段' },
  colMs: { en: 'ms', zh: 'ms' },
  colSd: { en: 'sd', zh: '标准差' },
  colMedian: { en: 'median', zh: '中位数' },
  colMin: { en: 'min', zh: '最小' },
  colMax: { en: 'max', zh: '最大' },
  colN: { en: 'n', zh: 'n' },
  colCv: { en: 'CV', zh: 'CV' },
  load: { en: 'load', zh: '加载' },
  configuration: { en: 'configuration', zh: '配置' },
  warmup: { en: 'warm-up', zh: '预热' },
  warmupN: { en: 'warm-up {n}', zh: '预热 {n}' },
  inference: { en: 'inference', zh: '推理' },
  totalInRunner: { en: 'total in the runner: {ms} ms', zh: '运行器内总耗时：{ms} ms' },
  totalOfTestCases: { en: 'total of the test cases: {ms} ms', zh: '测试用例总耗时：{ms} ms' },
  highCv: {
    en: 'warning: high variation (CV {cv} > {limit}): the machine was busy or throttling; re-run before trusting small differences',
    zh: '警告：波动大（CV {cv} > {limit}）：机器繁忙或在降频；相信微小差异之前请重新运行',
  },
  outlierOne: {
    en: 'note: {count} outlier iteration ({list}); consider more warm-up (--warmup-iter)',
    zh: '注意：{count} 次离群迭代（{list}）；可考虑增加预热（--warmup-iter）',
  },
  outlierMany: {
    en: 'note: {count} outlier iterations ({list}); consider more warm-up (--warmup-iter)',
    zh: '注意：{count} 次离群迭代（{list}）；可考虑增加预热（--warmup-iter）',
  },
  fittingBest: { en: 'fitting: best options: {best}', zh: 'fitting 找到的最佳选项：{best}' },
  toolWarning: { en: 'warn: {text}', zh: '警告：{text}' },
  toolError: { en: 'error: {text}', zh: '错误：{text}' },
  device: { en: 'device: {warning}', zh: '设备：{warning}' },
  // A validation issue: severity, the flags it is about, the message, and how to fix it.
  issueError: { en: 'error{flags}: {message}', zh: '错误{flags}：{message}' },
  issueWarning: { en: 'warning{flags}: {message}', zh: '警告{flags}：{message}' },
  issueFlags: { en: ' ({flags})', zh: '（{flags}）' },
  issueFix: { en: '  fix: {fix}', zh: '  修正：{fix}' },
} satisfies Catalogue;

/** The live progress line of a run on a terminal. */
export const PROGRESS_TEXTS = {
  starting: { en: 'starting', zh: '启动中' },
  phase: { en: '{phase}…', zh: '{phase}……' },
  iteration: { en: 'iter {done}{of}  {ms}', zh: '迭代 {done}{of}  {ms}' },
} satisfies Catalogue;

export const RUN_PHASE_TEXTS = {
  // The phases the engines' parsers name (`phase()`); one they add later is shown as named.
  start: { en: 'start', zh: '启动' },
  load: { en: 'load', zh: '加载' },
  configure: { en: 'configure', zh: '配置' },
  'warm-up': { en: 'warm-up', zh: '预热' },
  inference: { en: 'inference', zh: '推理' },
  fitting: { en: 'fitting', zh: 'fitting 搜索' },
  finished: { en: 'finished', zh: '完成' },
} satisfies Catalogue;
