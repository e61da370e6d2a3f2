/**
 * The incremental in-memory index of one run-records folder: every record (and every file that
 * could not be read) read once by `load`, then kept current file by file. A file event (a new
 * record, a rename or pin rewriting one, a deletion) costs one read of that one file
 * (`refresh`), never a reload of the folder: a study's 500th run must not re-read the 499 before it.
 * `sync` is the fallback for missed watcher events: one directory listing, then reads of the files
 * that appeared only. Bad files are kept as problems, exactly as `RecordStore.list` reports them;
 * the index only reads, it never writes or "repairs" a file.
 */
import type { RecordListing, RecordProblem, RecordStore } from './recordStore';
import type { RunRecord } from './runRecord';

type Slot = { file: string; record: RunRecord } | RecordProblem;

export class RecordIndex {
  private readonly slots = new Map<string, Slot>();
  private sorted: RunRecord[] | undefined;
  /** Record files read since this index was made (the bench and tests count them). */
  filesRead = 0;

  constructor(readonly store: RecordStore) {}

  /** Read the whole folder once (bounded batches, as `RecordStore.list`). */
  async load(): Promise<void> {
    const names = await this.store.listRecordFiles();
    this.slots.clear();
    await this.readAll(names);
  }

  /**
   * One file changed, appeared or went away (by name inside the folder): read just that file.
   * Returns true when the index changed (ignored names — temps, non-JSON — return false).
   */
  async refresh(file: string): Promise<boolean> {
    if (!isRecordFileName(file)) return false;
    const slot = await this.read(file);
    if ('missing' in slot && slot.missing) return this.slots.delete(file) ? this.dirty() : false;
    this.slots.set(file, slot);
    return this.dirty();
  }

  /** A file is known to be gone (a delete event): drop it without reading anything. */
  forget(file: string): boolean {
    return this.slots.delete(file) ? this.dirty() : false;
  }

  /**
   * Catch up after events may have been missed: list the folder once, drop files that vanished,
   * read only the files not seen before. Returns how many entries changed.
   */
  async sync(): Promise<number> {
    const names = await this.store.listRecordFiles();
    const present = new Set(names);
    let changed = 0;
    for (const file of [...this.slots.keys()]) {
      if (!present.has(file)) {
        this.slots.delete(file);
        changed++;
      }
    }
    const fresh = names.filter((n) => !this.slots.has(n));
    await this.readAll(fresh);
    changed += fresh.length;
    if (changed > 0) this.sorted = undefined;
    return changed;
  }

  /** Every readable record, oldest first (by start time, then id), and every unreadable file. */
  listing(): RecordListing {
    const problems: RecordProblem[] = [];
    for (const slot of this.slots.values()) if (!('record' in slot)) problems.push(slot);
    problems.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    return { records: this.records(), problems };
  }

  records(): RunRecord[] {
    if (!this.sorted) {
      const out: RunRecord[] = [];
      for (const slot of this.slots.values()) if ('record' in slot) out.push(slot.record);
      this.sorted = out.sort(oldestFirst);
    }
    return this.sorted;
  }

  /** The file a record was read from (renamed-by-hand files included). */
  fileOf(id: string): string | undefined {
    for (const slot of this.slots.values()) if ('record' in slot && slot.record.id === id) return slot.file;
    return undefined;
  }

  private async readAll(names: readonly string[]): Promise<void> {
    for (let i = 0; i < names.length; i += 32) {
      const batch = await Promise.all(names.slice(i, i + 32).map((n) => this.read(n)));
      for (const slot of batch) if (!('missing' in slot && slot.missing)) this.slots.set(slot.file, slot);
    }
    this.sorted = undefined;
  }

  private async read(file: string): Promise<Slot> {
    this.filesRead++;
    const entry = await this.store.readRecordFile(file);
    return 'record' in entry ? { file: entry.file, record: entry.record } : entry;
  }

  private dirty(): true {
    this.sorted = undefined;
    return true;
  }
}

/** What the store counts as a record file: `*.json`, not a dot file (temps of an interrupted write). */
export function isRecordFileName(file: string): boolean {
  return file.endsWith('.json') && !file.startsWith('.') && !file.includes('/') && !file.includes('\\');
}

function oldestFirst(a: RunRecord, b: RunRecord): number {
  const t = Date.parse(a.startedAt) - Date.parse(b.startedAt);
  if (t !== 0 && !Number.isNaN(t)) return t;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
