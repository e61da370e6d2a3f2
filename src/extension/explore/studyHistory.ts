/**
 * The studies of the open workspace (`<folder>/.lar-explorer/studies/`), read asynchronously and
 * cached so the Models view reads them without I/O; reloaded by a watcher on the study files
 * (debounced) and whenever a running study changes state. Unreadable files are logged, never touched.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { StudyStore, STUDIES_FOLDER, type StudyRecord } from '../../core/study';
import type { StudyService } from './studyService';

export interface StudyEntry {
  record: StudyRecord;
  /** Absolute path of the record file. */
  file: string;
  modelUri: vscode.Uri;
  title: string;
  running: boolean;
}

export class StudyHistory implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private entries: StudyEntry[] = [];
  private readonly subs: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private loading: Promise<void> | undefined;
  private lastPhases = '';

  constructor(
    private readonly log: vscode.LogOutputChannel,
    private readonly service: StudyService,
  ) {
    const watcher = vscode.workspace.createFileSystemWatcher(
      `**/${STUDIES_FOLDER.split(path.sep).join('/')}/*.json`,
    );
    const poke = () => this.scheduleReload();
    this.subs.push(
      watcher,
      watcher.onDidCreate(poke),
      watcher.onDidChange(poke),
      watcher.onDidDelete(poke),
      // A study starting or stopping changes its node; rounds do not (the record's watcher covers it).
      service.onDidChange(() => {
        const phases = service
          .running()
          .map((s) => `${s.id}:${s.phase}`)
          .join(',');
        if (phases !== this.lastPhases) {
          this.lastPhases = phases;
          this.scheduleReload(50);
        }
      }),
    );
  }

  scheduleReload(ms = 300): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.reload();
    }, ms);
  }

  reload(): Promise<void> {
    this.loading = this.load().then(
      () => this.changed.fire(),
      (err) => this.log.error('Reading the studies failed', err),
    );
    return this.loading;
  }

  whenLoaded(): Promise<void> {
    return this.loading ?? this.reload();
  }

  private async load(): Promise<void> {
    const out: StudyEntry[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const store = StudyStore.forWorkspace(folder.uri.fsPath);
      const { studies, problems } = await store.list();
      for (const p of problems) this.log.warn(`Study record ${p.file} was left untouched: ${p.reason}`);
      for (const record of studies) {
        const def = record.definition;
        out.push({
          record,
          file: store.pathOf(record),
          modelUri: vscode.Uri.file(path.resolve(folder.uri.fsPath, def.model)),
          title: vscode.l10n.t('Study of {0} candidates', def.candidates.length),
          running: this.service.isRunning(record.id),
        });
      }
    }
    this.entries = out.reverse();
  }

  /** Studies of a model, newest first (memory only). */
  forModel(uri: vscode.Uri): StudyEntry[] {
    return this.entries.filter((e) => e.modelUri.fsPath === uri.fsPath);
  }

  all(): StudyEntry[] {
    return this.entries;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subs) s.dispose();
    this.changed.dispose();
  }
}
