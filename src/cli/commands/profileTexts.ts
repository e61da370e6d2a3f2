/** What `lar-explorer profile` says about its arguments and the profiles it cannot find. */
import type { Catalogue } from '../cliLanguage';

export const PROFILE_TEXTS = {
  jsonOrCsv: { en: 'choose one of --json and --csv', zh: '--json 和 --csv 只能选一个' },
  byOpOrType: { en: "--by takes op or type, not '{value}'", zh: '--by 只能是 op 或 type，不能是“{value}”' },
  wholeNumber: {
    en: "{option} takes a whole number, not '{value}'",
    zh: '{option} 须为整数，不能是“{value}”',
  },
  noSuchFile: { en: 'no such profile file: {file}', zh: '没有这个性能分析文件：{file}' },
  runHasNoProfile: {
    en: 'run {id} has no profile: run it again with --profile FILE (profiling slows the run)',
    zh: '运行 {id} 没有性能分析数据：请加 --profile FILE 重新运行（性能分析会拖慢运行）',
  },
  profileGone: { en: "run {id}'s profile is gone: {file}", zh: '运行 {id} 的性能分析文件已不存在：{file}' },
  run: { en: 'run {id}', zh: '运行 {id}' },
  runLabelled: { en: 'run {id} ({label})', zh: '运行 {id}（{label}）' },
} satisfies Catalogue;
