/**
 * The run history of the open workspace: every workspace folder's `RecordStore`
 * (`<folder>/.lar-explorer/runs/`), loaded asynchronously and held in memory as run heads (no
 * iterations, no inline log: `readFull` reads those on demand) so views read it without I/O,
 * kept current by a file watcher on the record files (debounced: a run writes its record through a
 * temp file and a rename, a burst of events) and, because watchers miss events (seen with
 * code-server when the runs folder is created after start-up; also network drives, containers), by a
 * cheap check of the runs folders' modification times every few seconds. Each folder has the
 * store's `RecordIndex`: loaded once (and on an explicit `reload`) from the summary cache
 * (`.lar-explorer/cache/`), reading only files the cache does not describe; a watcher event then
 * costs one stat and at most one read of the file it names, and a missed-event check lists and
 * stats the folder and reads only new or changed files — a study's 500th run does not re-read the
 * 499 before it. The cache is written a few seconds after changes settle. Record files the store
 * cannot read are reported once each (log + warning) and never touched. Writes (rename, pin,
 * delete) go through the entry's store, which refreshes the index for the files it wrote; the
 * views are then rebuilt from memory (`afterWrite`).
 */
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { RecordIndex } from '../../core/records/recordIndex';
import { RecordStore, type RecordProblem } from '../../core/records/recordStore';
import { recordFileName } from '../../core/records/recordNames';
import type { RunHead } from '../../core/records/runHead';
import { monitorHistoryLoad } from './loadMonitor';
import type { RunRecord } from '../../core/records/runRecord';

export interface HistoryEntry {
  /** The run's head (no iterations, no inline log): `RunHistory.readFull` reads the rest. */
  record: RunHead;
  store: RecordStore;
  folder: vscode.WorkspaceFolder;
}

export interface HistoryProblem extends RecordProblem {
  folder: vscode.WorkspaceFolder;
  /** Absolute path of the unreadable file. */
  fsPath: string;
}

export interface RunHistoryOptions {
  debounceMs?: number;
  /** How often the runs folders' mtimes are compared (ms; default 2000; 0 turns the check off). */
  pollMs?: number;
  /** Shows a warning to the user (a seam: tests count the warnings instead of showing them). */
  warn?: (message: string) => void;
  /**
   * How long after a change the summary cache is written (ms; default 5000): a study saving a run
   * every second rewrites the cache once per pause, not once per run.
   */
  persistMs?: number;
}

export class RunHistory implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires after every reload of the cache. */
  readonly onDidChange = this.changed.event;
  private entries: HistoryEntry[] = [];
  private unreadable: HistoryProblem[] = [];
  /** `folder|file|reason` of problems already reported: each is reported once per session. */
  private readonly reported = new Set<string>();
  /** How many unreadable files were reported so far (each once); tests read it. */
  reportedProblems = 0;
  /** Full loads of the folders so far (activation, explicit reloads); tests check writes add none. */
  fullLoads = 0;
  private loading: Promise<void> | undefined;
  /** One index per runs folder (by store dir), made by the first full load. */
  private indexes = new Map<string, { folder: vscode.WorkspaceFolder; index: RecordIndex }>();
  /** Files named by watcher events since the last update, per runs folder. */
  private readonly pending = new Map<string, Set<string>>();
  /** A change without a file name (a save, a folder's mtime moved): list the folders again. */
  private pendingSync = false;
  /** Folders were added or removed (or a reload was asked): the next update is a full load. */
  private pendingReload = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private persistTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly persistMs: number;
  private watchers: vscode.Disposable[] = [];
  private readonly subs: vscode.Disposable[] = [];
  private readonly debounceMs: number;
  private readonly warn: (message: string) => void;

  constructor(
    private readonly log: vscode.LogOutputChannel,
    options: RunHistoryOptions = {},
  ) {
    this.debounceMs = options.debounceMs ?? 250;
    this.persistMs = options.persistMs ?? 5000;
    this.warn = options.warn ?? ((m) => void vscode.window.showWarningMessage(m));
    this.watchFolders();
    const pollMs = options.pollMs ?? 2000;
    if (pollMs > 0) {
      const poll = setInterval(() => void this.reloadIfFoldersChanged(), pollMs);
      poll.unref?.();
      this.subs.push({ dispose: () => clearInterval(poll) });
    }
    this.subs.push(
      vscode.workspace.onDidChangeWorkspaceFolders(() => {
        this.watchFolders();
        this.scheduleReload();
      }),
    );
  }

  /** The store of each workspace folder, in folder order. */
  stores(): Array<{ folder: vscode.WorkspaceFolder; store: RecordStore }> {
    return (vscode.workspace.workspaceFolders ?? []).map((folder) => ({
      folder,
      store: RecordStore.forWorkspace(folder.uri.fsPath),
    }));
  }

  /** Reload every store now; resolves when the cache is current. */
  reload(): Promise<void> {
    // The folders' mtimes as of this load: the periodic check reloads only when they move on.
    const next = this.stampFolders()
      .then(() => monitorHistoryLoad(this.log, this, () => this.load()))
      .then(
        () => this.changed.fire(),
        (err) => this.log.error('Loading the run history failed', err),
      );
    this.loading = next;
    return next;
  }

  /** Resolves when the latest (re)load has finished. */
  whenLoaded(): Promise<void> {
    return this.loading ?? this.reload();
  }

  /** Every cached run, oldest first within each folder. */
  all(): readonly HistoryEntry[] {
    return this.entries;
  }

  problems(): readonly HistoryProblem[] {
    return this.unreadable;
  }

  find(id: string): HistoryEntry | undefined {
    return this.entries.find((e) => e.record.id === id);
  }

  /** The model file a record names, resolved against its workspace folder. */
  modelUri(entry: HistoryEntry): vscode.Uri {
    const p = entry.record.model.path;
    return path.isAbsolute(p)
      ? vscode.Uri.file(p)
      : vscode.Uri.joinPath(entry.folder.uri, normalizeModelPath(p));
  }

  /** The full record of an entry (iterations, inline log), read from its one file. */
  readFull(entry: HistoryEntry): Promise<RunRecord | undefined> {
    return entry.store.readFull(entry.record.id);
  }

  /**
   * The full records of entries, in their order (the compare panel's input): only these files are
   * read. An entry whose file is gone or no longer readable is an error naming the run.
   */
  async readFullAll(entries: readonly HistoryEntry[]): Promise<RunRecord[]> {
    const out: RunRecord[] = [];
    for (const entry of entries) {
      const record = await this.readFull(entry);
      if (!record)
        throw new Error(
          vscode.l10n.t('The record file of run {0} is gone or unreadable.', entry.record.id.slice(0, 8)),
        );
      out.push(record);
    }
    return out;
  }

  /**
   * After a write through an entry's store (rename, pin, delete): the store already refreshed its
   * index for the files it wrote, so only the views are rebuilt — no folder is read again.
   */
  async afterWrite(): Promise<void> {
    await this.loading;
    this.publish();
    this.schedulePersist();
    this.changed.fire();
  }

  /** A record's JSON file: the one the index read it from, else by the naming rule, else by reading the folder. */
  async recordFile(entry: HistoryEntry): Promise<vscode.Uri | undefined> {
    const indexed = entry.store.index().fileOf(entry.record.id);
    if (indexed) {
      const uri = vscode.Uri.file(path.join(entry.store.dir, indexed));
      if (await readsAsRecord(uri, entry.record.id)) return uri;
    }
    const named = vscode.Uri.file(path.join(entry.store.dir, recordFileName(entry.record)));
    if (await readsAsRecord(named, entry.record.id)) return named;
    const list = await vscode.workspace.fs.readDirectory(vscode.Uri.file(entry.store.dir)).then(
      (l) => l,
      () => [] as Array<[string, vscode.FileType]>,
    );
    for (const [name] of list) {
      if (!name.endsWith('.json') || name.startsWith('.')) continue;
      const uri = vscode.Uri.file(path.join(entry.store.dir, name));
      if (await readsAsRecord(uri, entry.record.id)) return uri;
    }
    return undefined;
  }

  private async load(): Promise<void> {
    this.fullLoads++;
    const indexes = new Map<string, { folder: vscode.WorkspaceFolder; index: RecordIndex }>();
    for (const { folder, store: fresh } of this.stores()) {
      // An index kept from before writes what it knows first, so the load below reads the files
      // that changed since, not the ones only this index had seen.
      const known = this.indexes.get(fresh.dir)?.index;
      if (known) await known.persist();
      const index = known ?? fresh.index();
      try {
        // The cache is written a few seconds later (schedulePersist): at 10,000 runs it is an 11 MB
        // JSON file, and the runs are shown before it is written, not after.
        await index.load({ persist: false });
        indexes.set(fresh.dir, { folder, index });
      } catch (err) {
        this.log.error(`Cannot list the run records of ${folder.name}`, err);
      }
    }
    this.indexes = indexes;
    this.pending.clear();
    this.pendingSync = false;
    this.pendingReload = false;
    this.publish();
    this.schedulePersist();
  }

  /** Apply the file events and sync requests gathered since the last update: no full reload. */
  private async update(): Promise<void> {
    const sync = this.pendingSync;
    const pending = new Map(this.pending);
    this.pending.clear();
    this.pendingSync = false;
    let changed = false;
    for (const [dir, { folder, index }] of this.indexes) {
      try {
        for (const file of pending.get(dir) ?? []) changed = (await index.refresh(file)) || changed;
        if (sync) changed = (await index.sync()) > 0 || changed;
      } catch (err) {
        this.log.error(`Cannot update the run records of ${folder.name}`, err);
      }
    }
    if (changed) {
      this.publish();
      this.schedulePersist();
      this.changed.fire();
    }
  }

  /** Write the folders' summary caches a little later (a burst of runs costs one write). */
  private schedulePersist(): void {
    if (this.persistTimer) clearTimeout(this.persistTimer);
    this.persistTimer = setTimeout(() => {
      this.persistTimer = undefined;
      void this.persistNow();
    }, this.persistMs);
    this.persistTimer.unref?.();
  }

  private async persistNow(): Promise<void> {
    for (const { index } of this.indexes.values()) await index.persist();
  }

  /** Rebuild the flat entry list the views read from the indexes (memory only). */
  private publish(): void {
    const entries: HistoryEntry[] = [];
    const problems: HistoryProblem[] = [];
    for (const { folder, index } of this.indexes.values()) {
      const listing = index.listing();
      for (const record of listing.heads) entries.push({ record, store: index.store, folder });
      for (const p of listing.problems)
        problems.push({ ...p, folder, fsPath: path.join(index.store.dir, p.file) });
    }
    this.entries = entries;
    this.unreadable = problems;
    this.reportNewProblems(problems);
  }

  private reportNewProblems(problems: HistoryProblem[]): void {
    const fresh = problems.filter((p) => {
      const key = `${p.folder.uri.toString()}|${p.file}|${p.reason}`;
      if (this.reported.has(key)) return false;
      this.reported.add(key);
      return true;
    });
    this.reportedProblems += fresh.length;
    for (const p of fresh)
      this.log.warn(`Run record ${p.fsPath} could not be read and was left untouched: ${p.reason}`);
    if (fresh.length === 1) {
      const [p] = fresh;
      this.warn(
        p.partial
          ? vscode.l10n.t('The iterations of run record {0} could not be read — {1}', p.file, p.reason)
          : vscode.l10n.t('1 run record could not be read: {0} — {1}', p.file, p.reason),
      );
    } else if (fresh.length > 1) {
      this.warn(
        vscode.l10n.t(
          '{0} run records could not be read: {1} — see the Load and Run Explorer log',
          fresh.length,
          fresh.map((p) => p.file).join(', '),
        ),
      );
    }
  }

  private watchFolders(): void {
    for (const w of this.watchers) w.dispose();
    this.watchers = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      // A pattern with a fixed folder prefix is watched from that folder, and is never armed when the
      // folder does not exist yet (a fresh workspace, before its first run): seen in VS Code 1.100.
      // A leading `**` rides the workspace's recursive watcher instead, which sees the folder appear.
      const watcher = vscode.workspace.createFileSystemWatcher(
        new vscode.RelativePattern(folder, '**/.lar-explorer/runs/*.json'),
      );
      const poke = (uri: vscode.Uri) => this.scheduleFile(uri);
      this.watchers.push(
        watcher,
        watcher.onDidCreate(poke),
        watcher.onDidChange(poke),
        watcher.onDidDelete(poke),
      );
    }
  }

  /** `folder → mtime` of each runs folder (0 when it does not exist), as last seen. */
  private folderStamps = new Map<string, number>();

  /** Reload when a runs folder appeared, vanished or changed (a file added, renamed or removed). */
  private async reloadIfFoldersChanged(): Promise<void> {
    const before = new Map(this.folderStamps);
    await this.stampFolders();
    const moved = [...this.folderStamps].some(([dir, mtime]) => (before.get(dir) ?? 0) !== mtime);
    if (moved) this.scheduleSync();
  }

  /** Record each runs folder's mtime (0 when it does not exist). */
  private async stampFolders(): Promise<void> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const dir = path.join(folder.uri.fsPath, '.lar-explorer', 'runs');
      const mtime = await stat(dir).then(
        (st) => st.mtimeMs,
        () => 0,
      );
      this.folderStamps.set(dir, mtime);
    }
  }

  /** Coalesce a burst of file events into one full reload (folders added or removed). */
  scheduleReload(): void {
    this.pendingReload = true;
    this.arm();
  }

  /** A records folder may have changed (a run was saved): list it, read only new files. */
  scheduleSync(): void {
    this.pendingSync = true;
    this.arm();
  }

  /** A watcher named one record file: read just that file. */
  private scheduleFile(uri: vscode.Uri): void {
    const dir = path.dirname(uri.fsPath);
    const set = this.pending.get(dir) ?? new Set<string>();
    set.add(path.basename(uri.fsPath));
    this.pending.set(dir, set);
    this.arm();
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      // Before the first load (or after the folders changed) there is nothing to update: load.
      if (this.indexes.size === 0 || this.pendingReload) void this.reload();
      else {
        const next = this.update().catch((err) => this.log.error('Updating the run history failed', err));
        this.loading = next;
      }
    }, this.debounceMs);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.persistTimer) {
      clearTimeout(this.persistTimer);
      void this.persistNow(); // best effort: a lost write only makes the next start read more
    }
    for (const d of [...this.watchers, ...this.subs]) d.dispose();
    this.changed.dispose();
  }
}

/** `./models\\a.bin` → `models/a.bin`: records written on Windows or by hand still match. */
function normalizeModelPath(p: string): string {
  return p.replace(/\\/g, '/').replace(/^(\.\/)+/, '');
}

async function readsAsRecord(uri: vscode.Uri, id: string): Promise<boolean> {
  try {
    const value = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(uri))) as {
      id?: unknown;
    };
    return value.id === id;
  } catch {
    return false; // missing or unreadable: not the file we look for
  }
}
