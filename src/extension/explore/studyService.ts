/**
 * Runs studies in the extension host, so a study survives its panel being closed: one
 * `runStudy` / `resumeStudy` (core) per study under a cancellable progress notification, the live
 * snapshot of each study kept current from the core's events, and an event when it changed.
 * Panels and the Models view read snapshots; Stop aborts; nothing here judges the candidates.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EngineId, IterationTime } from '../../core/engine';
import { engineById } from '../../core/engines/registry';
import { RecordStore } from '../../core/records/recordStore';
import {
  resumeStudy,
  runStudy,
  StudyStore,
  type Budget,
  type StudyDefinition,
  type StudyEvent,
  type StudyRecord,
} from '../../core/study';
import type { RunService } from '../benchmark/runService';
import type { TargetRegistry } from '../targets/targetRegistry';
import type { TargetRef } from '../targets/targetRef';
import { applyStudyEvent, snapshotOfDefinition, snapshotOfRecord, type StudySnapshot } from './studySnapshot';
import { studyTargetsFor } from './studyTargets';

export interface StudyServiceDeps {
  log: vscode.LogOutputChannel;
  runs: RunService;
  targets: TargetRegistry;
  /** A study run was saved as an ordinary run record (the history reloads). */
  onRunSaved?: () => void;
  /** Test seam: workspace trust. */
  isTrusted?: () => boolean;
}

export interface StartStudy {
  workspaceRoot: string;
  definition: StudyDefinition;
  /** The targets of `definition.targets`, in the same order. */
  refs: TargetRef[];
}

export type LiveRunEvent =
  | { kind: 'started'; study: StudySnapshot; target: string; round: number; candidate: string }
  | { kind: 'iteration'; study: StudySnapshot; target: string; index: number; ms: number };

interface Active {
  snapshot: StudySnapshot;
  abort: AbortController;
  done: Promise<StudyRecord | undefined>;
  root: string;
}

export class StudyService implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<StudySnapshot>();
  /** Fires with a study's snapshot whenever something visible changed. */
  readonly onDidChange = this.changed.event;
  private readonly live = new vscode.EventEmitter<LiveRunEvent>();
  /** The run going on a target started, or measured an iteration (the panel's live chart). */
  readonly onDidRun = this.live.event;
  private readonly active = new Map<string, Active>();
  private seq = 0;

  constructor(private readonly deps: StudyServiceDeps) {}

  /** The running study for this key (a study id, or a provisional key before the core named it). */
  snapshot(id: string): StudySnapshot | undefined {
    return this.active.get(id)?.snapshot;
  }

  isRunning(id: string): boolean {
    return this.active.has(id);
  }

  /** Running studies (the Models view shows them as running). */
  running(): StudySnapshot[] {
    return [...this.active.values()].map((a) => a.snapshot);
  }

  /** Start a study; resolves with its snapshot as soon as it is going. */
  start(req: StartStudy): StudySnapshot {
    const snapshot = snapshotOfDefinition(`pending-${++this.seq}`, req.definition);
    return this.launch(req.workspaceRoot, snapshot, req.definition.engine, req.refs, (deps, signal) =>
      runStudy(req.definition, deps, signal),
    );
  }

  /** Continue a stopped study where it stopped (optionally with a new budget). */
  resume(root: string, record: StudyRecord, refs: TargetRef[], budget?: Budget): StudySnapshot {
    if (this.active.has(record.id)) return this.active.get(record.id)!.snapshot;
    const snapshot = snapshotOfRecord(record, 'running');
    delete snapshot.stoppedBecause;
    return this.launch(root, snapshot, record.definition.engine, refs, (deps, signal) =>
      resumeStudy(record.id, deps, signal, budget),
    );
  }

  /** Ask a running study to stop after cleaning up its current run; everything done is kept. */
  stop(id: string): void {
    const a = this.active.get(id);
    if (!a) return;
    a.snapshot.phase = 'stopping';
    this.changed.fire(a.snapshot);
    a.abort.abort();
  }

  /** Resolves when this study has stopped (at once when it is not running). */
  async whenStopped(study: StudySnapshot): Promise<StudyRecord | undefined> {
    for (const a of this.active.values()) if (a.snapshot === study) return a.done;
    return undefined;
  }

  private launch(
    root: string,
    snapshot: StudySnapshot,
    engineId: EngineId,
    refs: TargetRef[],
    go: (deps: Parameters<typeof runStudy>[1], signal: AbortSignal) => Promise<StudyRecord>,
  ): StudySnapshot {
    const { log } = this.deps;
    const engine = engineById(engineId);
    if (!engine) throw new Error(`no engine ${engineId}`);
    const { targets, missing } = studyTargetsFor(engine, refs, this.deps.targets, this.deps.runs);
    if (missing.length > 0)
      throw new Error(vscode.l10n.t('No program is set for {0}.', missing.map((t) => t.label).join(', ')));
    const abort = new AbortController();
    const key = { current: snapshot.id };
    const onEvent = (e: StudyEvent) => {
      if (e.type === 'study-started' && e.studyId !== key.current) {
        const entry = this.active.get(key.current);
        this.active.delete(key.current);
        key.current = e.studyId;
        if (entry) this.active.set(e.studyId, entry);
      }
      if (e.type === 'run-finished') this.deps.onRunSaved?.();
      if (e.type === 'run-started')
        this.live.fire({
          kind: 'started',
          study: snapshot,
          target: e.target,
          round: e.round,
          candidate: e.candidate,
        });
      if (e.type === 'candidate-failed' || e.type === 'candidate-dropped')
        log.info(
          `Study ${key.current.slice(0, 8)} on ${e.target}: ${e.candidate} ${e.type.slice(10)} — ${e.reason}`,
        );
      if (applyStudyEvent(snapshot, e) || e.type === 'run-finished') this.changed.fire(snapshot);
    };
    const deps = {
      engine,
      targets: Object.fromEntries(targets.map((t) => [t.spec.name, t.deps])),
      workspaceRoot: root,
      runStore: RecordStore.forWorkspace(root),
      studyStore: StudyStore.forWorkspace(root),
      onEvent,
      onIteration: (target: string, it: IterationTime) =>
        this.live.fire({ kind: 'iteration', study: snapshot, target, index: it.index, ms: it.e2eMs }),
    };
    const model = path.basename(snapshot.definition.model);
    const done = Promise.resolve(
      vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: vscode.l10n.t('Exploring settings for {0}', model),
          cancellable: true,
        },
        (progress, token) => {
          token.onCancellationRequested(() => this.stop(key.current));
          const sub = this.changed.event((s) => {
            if (s !== snapshot) return;
            const round = Math.max(0, ...s.targets.map((t) => t.round));
            progress.report({ message: vscode.l10n.t('round {0}', round) });
          });
          return go(deps, abort.signal).finally(() => sub.dispose());
        },
      ),
    )
      .then(
        (record) => {
          log.info(`Study ${record.id} stopped: ${record.stoppedBecause ?? 'unknown'}`);
          applyStudyEvent(snapshot, {
            type: 'study-stopped',
            stoppedBecause: record.stoppedBecause!,
            record,
          });
          return record;
        },
        (err: unknown) => {
          const message = err instanceof Error ? err.message : String(err);
          log.error('The study stopped with an error', err);
          snapshot.phase = 'stopped';
          snapshot.stoppedBecause = 'failed';
          snapshot.error = message;
          void vscode.window.showErrorMessage(vscode.l10n.t('The study stopped: {0}', message));
          return undefined;
        },
      )
      .then((record) => {
        this.active.delete(key.current);
        snapshot.phase = 'stopped';
        this.changed.fire(snapshot);
        return record;
      });
    this.active.set(snapshot.id, { snapshot, abort, done, root });
    this.changed.fire(snapshot);
    return snapshot;
  }

  dispose(): void {
    for (const a of this.active.values()) a.abort.abort();
    this.changed.dispose();
    this.live.dispose();
  }
}
