/** The words of `lar-explorer list`: its headings and the empty workspace. */
import type { Catalogue } from '../cliLanguage';

export const LIST_TEXTS = {
  colId: { en: 'id', zh: 'id' },
  colTime: { en: 'time', zh: '时间' },
  colStatus: { en: 'status', zh: '状态' },
  colModel: { en: 'model', zh: '模型' },
  colTarget: { en: 'target', zh: '目标' },
  colMeanMs: { en: 'mean ms', zh: '平均 ms' },
  colSd: { en: 'sd', zh: '标准差' },
  colN: { en: 'n', zh: 'n' },
  colCv: { en: 'CV', zh: 'CV' },
  colLabelFlags: { en: 'label / flags', zh: '标签 / 参数' },
  noRuns: { en: 'no saved runs in {dir}', zh: '{dir} 中没有保存的运行' },
} satisfies Catalogue;
