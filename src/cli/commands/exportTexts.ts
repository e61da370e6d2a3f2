/** What `lar-explorer export` says about where it writes (the exported table itself is not translated). */
import type { Catalogue } from '../cliLanguage';

export const EXPORT_TEXTS = {
  outInsideRecords: {
    en: '--out {out} is inside the run records folder {dir}: choose a file outside it',
    zh: '--out {out} 位于运行记录文件夹 {dir} 之内：请选择该文件夹之外的文件',
  },
  outIsFolder: { en: '--out {out} is a folder: name a file', zh: '--out {out} 是文件夹：请指定一个文件' },
  outExists: {
    en: '{out} already exists; not overwritten (add --force to replace it)',
    zh: '{out} 已存在，未覆盖（加 --force 可替换它）',
  },
  wroteOne: { en: 'wrote {count} run to {path}', zh: '已将 {count} 个运行写入 {path}' },
  wroteMany: { en: 'wrote {count} runs to {path}', zh: '已将 {count} 个运行写入 {path}' },
} satisfies Catalogue;
