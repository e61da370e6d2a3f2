/** What `lar-explorer parse` says besides its JSON: an unknown engine, an unreadable log, a log without numbers. */
import type { Catalogue } from '../cliLanguage';

export const PARSE_TEXTS = {
  unknownEngine: { en: 'unknown engine "{engine}"', zh: '未知的引擎“{engine}”' },
  cannotRead: { en: 'cannot read log {file}: {reason}', zh: '无法读取日志 {file}：{reason}' },
  noSuchFile: { en: 'no such file', zh: '没有这个文件' },
  isFolder: { en: 'is a directory', zh: '是一个文件夹' },
  stdin: { en: 'stdin', zh: '标准输入' },
  measuredNothing: {
    en: 'warning: no {engine} measurements in {file} (no load time, warm-up or iterations): is it the output of a run?',
    zh: '警告：{file} 中没有 {engine} 的测量数据（没有加载时间、预热或迭代）：它是一次运行的输出吗？',
  },
} satisfies Catalogue;
