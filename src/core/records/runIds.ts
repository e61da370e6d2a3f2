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
  constructor(message: string) {
    super(message);
    this.name = 'RecordNotFoundError';
  }
}

/** The one run `idOrPrefix` names in `dir`'s listing; RecordNotFoundError for none or several. */
export function pickRun<T extends { id: string; startedAt: string }>(
  { heads: records, problems }: { heads: T[]; problems: RecordProblem[] },
  idOrPrefix: string,
  dir: string,
): T {
  const wanted = idOrPrefix.trim().toLowerCase();
  if (wanted === '') throw new RecordNotFoundError('empty run id');
  const exact = records.find((r) => r.id.toLowerCase() === wanted);
  if (exact) return exact;
  const matches = records.filter((r) => r.id.toLowerCase().startsWith(wanted));
  if (matches.length === 1) return matches[0];
  if (matches.length === 0) {
    // The run may be in a file that could not be read: say so rather than "no such run".
    const unread = problems.filter((p) => p.file.toLowerCase().includes(`-${wanted.slice(0, 8)}`));
    const why =
      unread.length > 0
        ? `; ${unread.map((p) => `${p.file} may hold it but was skipped: ${p.reason}`).join('; ')}`
        : problems.length > 0
          ? `; ${problems.length} file${problems.length === 1 ? '' : 's'} in the folder could not be read (see the warnings)`
          : '';
    throw new RecordNotFoundError(`no run with id ${idOrPrefix} in ${dir}${why}`);
  }
  const shown = matches
    .slice(0, 5)
    .map((r) => `${r.id} (${r.startedAt})`)
    .join(', ');
  throw new RecordNotFoundError(
    `run id ${idOrPrefix} is ambiguous: ${matches.length} runs match (${shown}); type more characters`,
  );
}
