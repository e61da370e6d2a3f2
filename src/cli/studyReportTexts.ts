/**
 * The words of `lar-explorer explore`'s report and live progress (studyReport.ts): verdicts, why a
 * study stopped, the noise floor, break-even, the winner. The study record and `--json` keep the
 * English words; the method paragraph and core's reasons are English (core).
 */
import type { Catalogue } from './cliLanguage';

export const STUDY_REPORT_TEXTS = {
  needsTwoRounds: { en: '{ratio} (needs 2 rounds)', zh: '{ratio}（需要 2 轮）' },
  never: { en: 'never', zh: '永不' },
  immediately: { en: 'immediately', zh: '立即' },
  after: { en: 'after {count}', zh: '{count} 次推理后' },
  neverAtBestNow: { en: 'never (at best immediately)', zh: '永不（最好情况下立即回本）' },
  neverAtBestAfter: { en: 'never (at best after {count})', zh: '永不（最好情况下 {count} 次推理后）' },
  range: { en: ' ({lo}–{hi})', zh: '（{lo}–{hi}）' },
  equivalentToBest: { en: '{verdict} (≈ best)', zh: '{verdict}（≈ 最佳）' },
  colCandidate: { en: 'candidate', zh: '候选' },
  colRatio: { en: 'ratio [95%]', zh: '比值 [95%]' },
  colVerdict: { en: 'verdict', zh: '结论' },
  colRounds: { en: 'rounds', zh: '轮数' },
  colPaysOff: { en: 'pays off', zh: '回本' },
  noiseNotMeasured: {
    en: 'noise floor: not measured (fewer than 2 A/A pairs)',
    zh: '噪声底：未测得（A/A 对少于 2 组）',
  },
  noiseFloor: {
    en: 'noise floor: two identical runs differ by ×{lo}–×{hi} here (95%, from {pairs} A/A pairs of the baseline)',
    zh: '噪声底：在此目标上两次相同的运行相差 ×{lo}–×{hi}（95%，来自基线的 {pairs} 组 A/A 对）',
  },
  header: {
    en: 'study {id} · {model} · objective {objective} · seed {seed} · stopped: {stopped}',
    zh: '实验 {id} · {model} · 优化目标 {objective} · 种子 {seed} · 停止原因：{stopped}',
  },
  targetRounds: { en: '{target}: {rounds} round(s){stopped}', zh: '{target}：{rounds} 轮{stopped}' },
  targetStopped: { en: ', {why}', zh: '，{why}' },
  entryReason: { en: '  {label}: {reason}', zh: '  {label}：{reason}' },
  leftOut: { en: '  {label}: left out: {reason}', zh: '  {label}：已排除：{reason}' },
  winner: { en: 'winner: {label}', zh: '胜出：{label}' },
  noWinner: {
    en: 'winner: none of the candidates beats the baseline beyond noise',
    zh: '胜出：没有候选在噪声之外优于基线',
  },
  studyRecord: { en: 'study record: {path}', zh: '实验记录：{path}' },
  // The statistics method as core states it (STUDY_METHOD); a record made by another version keeps
  // its own words, shown as stored.
  method: {
    en:
      'Run is the unit: per round, candidate value / geometric mean of the two baseline runs; ratio = ' +
      'geometric mean of the per-round ratios; interval = Student-t on per-round log-ratios, simultaneous ' +
      '95% (Bonferroni over candidates, Pocock boundary over the rounds the study may stop at); noise ' +
      'floor = 95% band of log(A/A) of the baseline pairs; verdicts from round 3.',
    zh:
      '证据的单位是一次运行：每一轮，候选的值 / 两次基线运行的几何平均；比值 = 各轮比值的几何平均；' +
      '区间 = 对各轮对数比值用 Student-t，联合 95%（对候选做 Bonferroni 校正，对实验可能停下的轮次用 ' +
      'Pocock 边界）；噪声底 = 基线 A/A 对的 log(A/A) 的 95% 范围；从第 3 轮起给出结论。',
  },
  // Live progress.
  studyStarted: { en: 'study {id}', zh: '实验 {id}' },
  studyResumed: { en: 'resuming {id}', zh: '继续实验 {id}' },
  candidateLeftOut: {
    en: '{target}: {candidate} left out: {reason}',
    zh: '{target}：{candidate} 已排除：{reason}',
  },
  candidateDropped: {
    en: '{target}: {candidate} dropped ({reason})',
    zh: '{target}：{candidate} 已淘汰（{reason}）',
  },
  candidateFailed: {
    en: '{target}: {candidate} failed: {reason}',
    zh: '{target}：{candidate} 失败：{reason}',
  },
  prepared: {
    en: '{target}: {candidate} prepared ({kind}, {seconds} s, {status})',
    zh: '{target}：{candidate} 已准备（{kind}，{seconds} s，{status}）',
  },
  profilingAgain: {
    en: '{target}: profiling {candidates} once more (not part of the verdict)',
    zh: '{target}：对 {candidates} 再各做一次性能分析（不计入结论）',
  },
  and: { en: ' and ', zh: ' 和 ' },
  summary: {
    en: '{target}: round {round}, {alive} alive, best {best}{eta}',
    zh: '{target}：第 {round} 轮，剩 {alive} 个候选，最佳 {best}{eta}',
  },
  eta: { en: ', ETA {duration}', zh: '，预计还需 {duration}' },
} satisfies Catalogue;

/** A candidate's verdict (studyTypes.ts Verdict). */
export const STUDY_VERDICT_TEXTS = {
  baseline: { en: 'baseline', zh: '基线' },
  faster: { en: 'faster', zh: '更快' },
  slower: { en: 'slower', zh: '更慢' },
  'within-noise': { en: 'within-noise', zh: '在噪声范围内' },
  dropped: { en: 'dropped', zh: '已淘汰' },
  failed: { en: 'failed', zh: '失败' },
} satisfies Catalogue;

/** Why a study or a target stopped (studyTypes.ts StopReason), and a study still going. */
export const STUDY_STOP_TEXTS = {
  settled: { en: 'settled', zh: '已有定论' },
  budget: { en: 'budget', zh: '预算用尽' },
  cancelled: { en: 'cancelled', zh: '已取消' },
  failed: { en: 'failed', zh: '失败' },
  running: { en: 'running', zh: '进行中' },
} satisfies Catalogue;
