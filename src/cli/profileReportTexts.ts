/**
 * The words of `lar-explorer profile`'s text report (profileReport.ts) and of the study report's
 * closing profile (closingProfileReport.ts): headings, column names, the "where the difference comes
 * from" lines. CSV and `--json` keep their English names.
 */
import type { Catalogue } from './cliLanguage';

export const PROFILE_REPORT_TEXTS = {
  headerOne: {
    en: '{label}: {engine}, {clock} clock, {operators} operators, {runs} run',
    zh: '{label}：{engine}，{clock}时钟，{operators} 个算子，{runs} 次运行',
  },
  headerMany: {
    en: '{label}: {engine}, {clock} clock, {operators} operators, {runs} runs',
    zh: '{label}：{engine}，{clock}时钟，{operators} 个算子，{runs} 次运行',
  },
  total: { en: 'total {ms} ms per run{split}', zh: '每次运行共 {ms} ms{split}' },
  split: { en: ' (host {host} ms, device {device} ms)', zh: '（主机 {host} ms，设备 {device} ms）' },
  memory: {
    en: 'memory: {mib} MiB ({chunks} chunks, shared addresses counted once)',
    zh: '内存：{mib} MiB（{chunks} 块，共享的地址只计一次）',
  },
  colType: { en: 'type', zh: '类型' },
  colOps: { en: 'ops', zh: '算子数' },
  colMsPerRun: { en: 'ms/run', zh: 'ms/次' },
  colShare: { en: 'share', zh: '占比' },
  colHostMs: { en: 'host ms', zh: '主机 ms' },
  colDeviceMs: { en: 'device ms', zh: '设备 ms' },
  colPos: { en: 'pos', zh: '位置' },
  colOperator: { en: 'operator', zh: '算子' },
  colSd: { en: 'sd', zh: '标准差' },
  colN: { en: 'n', zh: 'n' },
  colInputs: { en: 'inputs', zh: '输入' },
  colLayout: { en: 'layout', zh: '布局' },
  moreTypes: {
    en: '… {count} more types (--top 0 for all)',
    zh: '…… 还有 {count} 个类型（--top 0 显示全部）',
  },
  moreOperators: {
    en: '… {count} more operators (--top 0 for all)',
    zh: '…… 还有 {count} 个算子（--top 0 显示全部）',
  },
  moreRows: { en: '… {count} more (--top 0 for all)', zh: '…… 还有 {count} 项（--top 0 显示全部）' },
  note: { en: 'note: {note}', zh: '注意：{note}' },
  // What a share of the difference is made of.
  byTypeOne: { en: '{type} ({count} operator)', zh: '{type}（{count} 个算子）' },
  byTypeMany: { en: '{type} ({count} operators)', zh: '{type}（{count} 个算子）' },
  otherOne: { en: 'everything else ({count} operator)', zh: '其余全部（{count} 个算子）' },
  otherMany: { en: 'everything else ({count} operators)', zh: '其余全部（{count} 个算子）' },
  insertedOne: { en: 'inserted ({count} operator)', zh: '新增的（{count} 个算子）' },
  insertedMany: { en: 'inserted ({count} operators)', zh: '新增的（{count} 个算子）' },
  removedOne: { en: 'removed ({count} operator)', zh: '移除的（{count} 个算子）' },
  removedMany: { en: 'removed ({count} operators)', zh: '移除的（{count} 个算子）' },
  before: { en: 'before: {label}  {ms} ms per run', zh: '之前：{label}  每次运行 {ms} ms' },
  after: { en: 'after:  {label}  {ms} ms per run', zh: '之后：{label}  每次运行 {ms} ms' },
  difference: { en: 'difference: {delta} ms ({ratio})', zh: '差值：{delta} ms（{ratio}）' },
  whereFrom: { en: 'where the difference comes from:', zh: '差异来自哪里：' },
  colDeltaMs: { en: 'Δ ms', zh: 'Δ ms' },
  colOfDifference: { en: 'of the difference', zh: '占差异' },
  total2: { en: 'total', zh: '合计' },
  colBeforeMs: { en: 'before ms', zh: '之前 ms' },
  colAfterMs: { en: 'after ms', zh: '之后 ms' },
  colRatio: { en: 'ratio', zh: '比值' },
  colOfDelta: { en: 'of Δ', zh: '占 Δ' },
  colMatch: { en: 'match', zh: '匹配' },
  colJitter: { en: 'jitter', zh: '抖动' },
  renamed: { en: '{name} (was {before})', zh: '{name}（原为 {before}）' },
  withinJitter: { en: 'within', zh: '之内' },
  beyondJitter: { en: 'beyond', zh: '之外' },
  inserted: { en: 'inserted: {list}', zh: '新增：{list}' },
  removed: { en: 'removed: {list}', zh: '移除：{list}' },
  // How an operator of one profile was matched in the other (profileDiff.ts MatchKind).
  matchName: { en: 'name', zh: '名称' },
  matchTypePosition: { en: 'type-position', zh: '类型+位置' },
  matchInserted: { en: 'inserted', zh: '新增' },
  matchRemoved: { en: 'removed', zh: '移除' },
  clockHost: { en: 'host', zh: '主机' },
  clockDevice: { en: 'device', zh: '设备' },
  // The study report's closing profile (explore --profile-end).
  closingStatus: { en: 'profile at the end: {status}{reason}', zh: '结束时的性能分析：{status}{reason}' },
  closingReason: { en: ' ({reason})', zh: '（{reason}）' },
  closingHeader: {
    en: 'where the difference comes from ({baseline} → {winner}, one profiled run each, {clock} clock):',
    zh: '差异来自哪里（{baseline} → {winner}，各做一次性能分析运行，{clock}时钟）：',
  },
  closingPerRun: {
    en: '  {before} ms → {after} ms per run: {delta} ms ({ratio})',
    zh: '  每次运行 {before} ms → {after} ms：{delta} ms（{ratio}）',
  },
  statusOk: { en: 'ok', zh: '成功' },
  statusFailed: { en: 'failed', zh: '失败' },
  statusSkipped: { en: 'skipped', zh: '已跳过' },
  theRest: { en: 'the rest', zh: '其余' },
  movedMost: { en: '  operators that moved most:', zh: '  变化最大的算子：' },
  fullDiff: { en: '  full diff: {command}', zh: '  完整差异：{command}' },
  fullDiffNotKept: {
    en: '  full diff: not kept (add --save to keep the profiled runs)',
    zh: '  完整差异：未保留（加 --save 可保留性能分析运行）',
  },
  notInVerdict: {
    en: '  (profiling slows every run: these two runs are not part of the verdict)',
    zh: '  （性能分析会拖慢每次运行：这两次运行不计入结论）',
  },
} satisfies Catalogue;
