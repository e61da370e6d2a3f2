/**
 * Paging of a node's runs in the Models view (issue #15): a model or study with hundreds of runs
 * shows the newest page and a "Show 50 more" item, the way AWS Toolkit's `LoadMoreNode` and VS
 * Code's pagination sample page a tree (a leaf item whose command widens the page). How far each
 * node is opened is kept per node key (the node's tree id) while the window lives, so a refreshed
 * tree (a new run, a rename) keeps the pages a person already opened. No `vscode` import: plain-Node
 * unit tests drive it.
 */

export const RUN_PAGE_SIZE = 50;

export interface RunPage<T> {
  /** The newest `shown` runs, then any pinned run older than them (a baseline never hides). */
  visible: T[];
  /** Runs past the page that are not shown. */
  older: number;
  /** How many the next "show more" reveals. */
  next: number;
}

/** The part of `runs` (newest first) that a node opened `shown` deep displays. */
export function pageOf<T>(
  runs: readonly T[],
  shown: number,
  pinned: (run: T) => boolean,
  pageSize = RUN_PAGE_SIZE,
): RunPage<T> {
  if (runs.length <= shown) return { visible: [...runs], older: 0, next: 0 };
  const kept = runs.slice(shown).filter(pinned);
  const older = runs.length - shown - kept.length;
  return { visible: [...runs.slice(0, shown), ...kept], older, next: Math.min(pageSize, older) };
}

/** How many runs each node shows; nodes never widened show one page. */
export class RunPages {
  private readonly shown = new Map<string, number>();

  constructor(private readonly pageSize = RUN_PAGE_SIZE) {}

  shownFor(key: string): number {
    return this.shown.get(key) ?? this.pageSize;
  }

  /** Widen a node by one page. */
  showMore(key: string): void {
    this.shown.set(key, this.shownFor(key) + this.pageSize);
  }
}
