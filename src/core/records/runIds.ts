/**
 * The ids a person types (a full id or a unique prefix, as `list` shows them) resolved against a
 * listing, and the store's errors. A miss says when an unreadable file may hold the run; an
 * ambiguous prefix names the candidates.
 */
import type { RecordProblem } from './recordFile';

export class RecordStoreError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RecordStoreError';
  }
}

/** The id (or prefix) a person typed matches no record, or several: a usage mistake, not a fault. */
export class RecordNotFoundError extends RecordStoreError {
  /** The message in Simplified Chinese (the CLI and the extension say it in the user's language). */
  readonly zh: string;
  constructor(message: string, zh: string) {
    super(message);
    this.name = 'RecordNotFoundError';
    this.zh = zh;
  }
}

/** "No run with this id in this folder", in both languages (`why` adds what may explain it). */
export function noSuchRun(id: string, dir: string, why = { en: '', zh: '' }): RecordNotFoundError {
  return new RecordNotFoundError(
    `no run with id ${id} in ${dir}${why.en}`,
    `${dir} 中没有 id 为 ${id} 的运行${why.zh}`,
  );
}

/** The one run `idOrPrefix` names in `dir`'s listing; RecordNotFoundError for none or several. */
export function pickRun<T extends { id: string; startedAt: string }>(
  { heads: records, problems }: { heads: T[]; problems: RecordProblem[] },
  idOrPrefix: string,
  dir: string,
): T {
  const wanted = idOrPrefix.trim().toLowerCase();
  if (wanted === '') throw new RecordNotFoundError('empty run id', '运行 id 为空');
  const exact = records.find((r) => r.id.toLowerCase() === wanted);
  if (exact) return exact;
  const matches = records.filter((r) => r.id.toLowerCase().startsWith(wanted));
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) {
    // The run may be in a file that could not be read: say so rather than "no such run".
    const unread = problems.filter((p) => p.file.toLowerCase().includes(`-${wanted.slice(0, 8)}`));
    const why =
      unread.length > 0
        ? {
            en: `; ${unread.map((p) => `${p.file} may hold it but was skipped: ${p.reason}`).join('; ')}`,
            zh: `；${unread.map((p) => `${p.file} 可能包含它，但读取时被跳过：${p.reason}`).join('；')}`,
          }
        : problems.length > 0
          ? {
              en: `; ${problems.length} file${problems.length === 1 ? '' : 's'} in the folder could not be read (see the warnings)`,
              zh: `；该文件夹中有 ${problems.length} 个文件无法读取（见警告）`,
            }
          : undefined;
    throw noSuchRun(idOrPrefix, dir, why);
  }
  const shown = matches
    .slice(0, 5)
    .map((r) => `${r.id} (${r.startedAt})`)
    .join(', ');
  throw new RecordNotFoundError(
    `run id ${idOrPrefix} is ambiguous: ${matches.length} runs match (${shown}); type more characters`,
    `运行 id ${idOrPrefix} 不唯一：有 ${matches.length} 个运行与之匹配（${shown}）；请多输入几个字符`,
  );
}
