/**
 * Words every command may print (loaded on every start-up, so kept small): the error lines, the
 * workspace folder, unreadable record files, and the names of a run's status.
 */
import type { Catalogue } from './cliLanguage';

export const CLI_TEXTS = {
  error: { en: 'error: {message}', zh: '错误：{message}' },
  hint: { en: 'hint: {hint}', zh: '提示：{hint}' },
  causedBy: { en: '  caused by: {message}', zh: '  起因：{message}' },
  noSuchWorkspace: {
    en: '--workspace {workspace}: no such folder ({path})',
    zh: '--workspace {workspace}：没有这个文件夹（{path}）',
  },
  flagsCannotRunOne: {
    en: 'the flags cannot run ({count} problem): {messages}',
    zh: '这些参数无法运行（{count} 个问题）：{messages}',
  },
  flagsCannotRunMany: {
    en: 'the flags cannot run ({count} problems): {messages}',
    zh: '这些参数无法运行（{count} 个问题）：{messages}',
  },
  fileSkipped: { en: 'warning: skipped {file}: {reason}', zh: '警告：已跳过 {file}：{reason}' },
  filePartlyRead: { en: 'warning: {file}: {reason}', zh: '警告：{file}：{reason}' },
} satisfies Catalogue;

/** A run's status as the run report, `list` and `compare` show it (records keep the English word). */
export const RUN_STATUS_TEXTS = {
  ok: { en: 'ok', zh: '成功' },
  failed: { en: 'failed', zh: '失败' },
  cancelled: { en: 'cancelled', zh: '已取消' },
  timeout: { en: 'timeout', zh: '超时' },
  partial: { en: 'partial', zh: '不完整' },
} satisfies Catalogue;

/** A status word in the user's language; a status this build does not know is shown as stored. */
export function statusIn(lang: 'en' | 'zh', status: string): string {
  return Object.prototype.hasOwnProperty.call(RUN_STATUS_TEXTS, status)
    ? RUN_STATUS_TEXTS[status as keyof typeof RUN_STATUS_TEXTS][lang]
    : status;
}
