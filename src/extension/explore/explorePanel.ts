/**
 * The host half of one Explore panel (one per model): renders the strict-CSP shell, answers the
 * webview's messages (each checked against `exploreToHostSchema` first), turns the form into the
 * core's study definition, starts, stops and resumes studies through the StudyService (which owns
 * them: closing the panel does not stop a study) and sends the study's view after every change.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Engine } from '../../core/engine';
import { engineForModel } from '../../core/engines/registry';
import { StudyStore, type StudyDefinition, type StudyRecord } from '../../core/study';
import type { TargetView } from '../../shared/benchmarkProtocol';
import {
  exploreToHostSchema,
  type ExploreSetup,
  type ExploreSetupView,
  type ExploreToHost,
  type HostToExplore,
} from '../../shared/exploreProtocol';
import { targetsView, uiLang, type Lang } from '../benchmark/benchmarkView';
import { blockMessage, modelArgFor, workspaceRootFor, type RunService } from '../benchmark/runService';
import type { SavedPresets } from '../presets/savedPresets';
import type { TargetRegistry } from '../targets/targetRegistry';
import { recordTargetOf, type TargetRef } from '../targets/targetRef';
import { PanelMessenger, renderWebviewShell } from '../webviewHost';
import {
  candidateChoices,
  checkCandidate,
  defaultSetup,
  definitionOf,
  SetupError,
  type CandidateChoices,
} from './exploreSetup';
import { exploreUiStrings } from './exploreStrings';
import type { LiveRunEvent, StudyService } from './studyService';
import { snapshotOfRecord, type StudySnapshot } from './studySnapshot';
import { openClosingProfileDiff } from './closingProfileView';
import { studyTargetsFor, traitsOf } from './studyTargets';
import { buildStudyView } from './studyViewModel';

export interface ExplorePanelDeps {
  extensionUri: vscode.Uri;
  workspaceState: vscode.Memento;
  log: vscode.LogOutputChannel;
  runs: RunService;
  targets: TargetRegistry;
  studies: StudyService;
  presets: SavedPresets;
}

export class ExplorePanel implements vscode.Disposable {
  readonly messenger: PanelMessenger<ExploreToHost, HostToExplore>;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly onDisposeCallbacks: Array<() => void> = [];
  readonly engine: Engine | undefined;
  private readonly lang: Lang;
  private choices: CandidateChoices | undefined;
  /** The study this panel shows (running, or opened from the Models view). */
  study: StudySnapshot | undefined;
  private pending: Array<{ index: number; ms: number }> = [];
  private pendingTarget = '';
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  /** The last view sent (tests read it). */
  lastView: import('../../shared/exploreProtocol').StudyView | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly modelUri: vscode.Uri,
    private readonly deps: ExplorePanelDeps,
  ) {
    this.engine = engineForModel(modelUri.fsPath);
    this.lang = uiLang();
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'icon.svg');
    this.messenger = new PanelMessenger(panel.webview, exploreToHostSchema, deps.log, 'Explore panel', (m) =>
      this.handle(m),
    );
    this.disposables.push(
      this.messenger,
      panel.onDidDispose(() => this.dispose()),
      deps.targets.onDidChange(() => void this.post({ type: 'targets', targets: this.targetViews() })),
      deps.studies.onDidChange((s) => {
        if (s === this.study) void this.postStudy();
      }),
      deps.studies.onDidRun((e) => {
        if (e.study === this.study) this.liveRun(e);
      }),
      { dispose: () => clearTimeout(this.flushTimer) },
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.post({ type: 'gate', gate: this.gate() })),
    );
    panel.webview.html = renderWebviewShell({
      webview: panel.webview,
      extensionUri: deps.extensionUri,
      script: 'explore.js',
      styles: ['explore.css'],
      title: panel.title,
      lang: this.lang === 'zh' ? 'zh-CN' : 'en',
    });
  }

  get root(): string | undefined {
    return workspaceRootFor(this.modelUri);
  }

  onDidDispose(cb: () => void): void {
    this.onDisposeCallbacks.push(cb);
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Show this study (from the Models view); a running one keeps updating. */
  show(study: StudySnapshot): void {
    this.study = study;
    void this.postStudy();
  }

  private post(msg: HostToExplore): Thenable<boolean> {
    return this.messenger.post(msg);
  }

  /** Targets this model can run on: the embedded ONNX Runtime runs on this machine only. */
  private targetRefs(): TargetRef[] {
    const all = this.deps.targets.list();
    return this.engine?.capabilities.localOnly ? all.filter((t) => t.kind === 'local') : all;
  }

  private targetViews(): TargetView[] {
    return targetsView(this.targetRefs());
  }

  private gate(): string | null {
    const target = this.targetRefs()[0];
    if (!target) return null;
    const block = this.deps.runs.blockFor(this.modelUri, this.engine, target);
    return block ? blockMessage(block, target, this.engine) : null;
  }

  private setupKey(): string {
    return `lar-explorer.exploreSetup:${this.modelUri.toString()}`;
  }

  private handle(msg: ExploreToHost): unknown {
    switch (msg.type) {
      case 'ready':
        return this.sendInit();
      case 'checkCandidate':
        if (!this.engine) throw new Error('no engine for this model');
        return checkCandidate(this.engine, msg.text, this.lang);
      case 'start':
        return this.start(msg.setup);
      case 'stop':
        if (this.study) this.deps.studies.stop(this.study.id);
        return undefined;
      case 'resume':
        return this.resume();
      case 'copy':
        return vscode.env.clipboard.writeText(msg.text);
      case 'openInBenchmark':
        return this.openInBenchmark(msg.targetId, msg.candidateKey);
      case 'savePreset':
        return this.savePreset(msg.candidateKey);
      case 'openProfileDiff':
        return openClosingProfileDiff(this.study?.targets.find((t) => t.name === msg.targetId));
    }
  }

  private async sendInit(): Promise<void> {
    await this.deps.targets.whenLoaded();
    const engine = this.engine;
    const refs = this.targetRefs();
    const local = refs[0];
    const facts = local ? this.deps.targets.factsOf(local.id) : undefined;
    this.choices = engine
      ? candidateChoices(
          engine,
          this.lang,
          local ? traitsOf(this.deps.targets, local) : undefined,
          facts?.cores,
        )
      : { guide: [], presets: [], byId: new Map() };
    const remembered = this.deps.workspaceState.get<ExploreSetupView>(this.setupKey());
    await this.post({
      type: 'init',
      strings: exploreUiStrings(),
      lang: this.lang,
      model: {
        name: path.basename(this.modelUri.fsPath),
        path: vscode.workspace.asRelativePath(this.modelUri),
      },
      engine: engine?.displayName ?? '',
      targets: this.targetViews(),
      guide: this.choices.guide,
      presets: this.choices.presets,
      setup: remembered ?? defaultSetup(this.choices, local?.id ?? 'local'),
      gate: this.gate(),
      study: this.study ? this.view() : null,
    });
  }

  private view() {
    const s = this.study!;
    const refs = this.deps.targets.list();
    const byName = (name: string) => refs.find((t) => recordTargetOf(t) === name);
    this.lastView = buildStudyView(s, {
      engine: this.engine,
      targetLabel: (name) => byName(name)?.label ?? name,
      program: (name) => {
        const ref = byName(name);
        return (ref && this.engine && this.deps.runs.toolFor(this.engine, ref)?.program) || name;
      },
    });
    return this.lastView;
  }

  private async postStudy(): Promise<void> {
    if (!this.study) return;
    await this.post({ type: 'study', study: this.view() });
  }

  /** The current run's iterations, batched (a fast model measures thousands a second). */
  private liveRun(e: LiveRunEvent): void {
    if (e.kind === 'started') {
      this.flush();
      const label = this.deps.targets.forRecordTarget(e.target)?.label ?? e.target;
      void this.post({
        type: 'runStarted',
        targetId: e.target,
        title: vscode.l10n.t('Round {0} · {1} on {2}', e.round, e.candidate, label),
      });
      return;
    }
    if (this.pendingTarget !== e.target) this.flush();
    this.pendingTarget = e.target;
    this.pending.push({ index: e.index, ms: e.ms });
    this.flushTimer ??= setTimeout(() => this.flush(), 100);
  }

  private flush(): void {
    clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (this.pending.length === 0) return;
    const points = this.pending;
    this.pending = [];
    void this.post({ type: 'iterations', targetId: this.pendingTarget, points });
  }

  /** Start a study from the form; problems are shown in the panel and nothing runs. */
  async start(setup: ExploreSetup): Promise<void> {
    const engine = this.engine;
    const root = this.root;
    if (!engine || !root || !this.choices) return;
    if (this.study && this.deps.studies.isRunning(this.study.id)) return;
    const refs = setup.targetIds
      .map((id) => this.targetRefs().find((t) => t.id === id))
      .filter((t): t is TargetRef => t !== undefined);
    const problem = this.problemFor(refs);
    if (problem) {
      await this.post({ type: 'problem', message: problem });
      return;
    }
    await this.deps.workspaceState.update(this.setupKey(), setup);
    try {
      const { targets } = studyTargetsFor(engine, refs, this.deps.targets, this.deps.runs);
      const def = definitionOf(
        engine,
        modelArgFor(this.modelUri, root),
        setup,
        this.choices,
        targets.map((t) => t.spec),
      );
      this.deps.log.info(
        `Explore: study of ${def.candidates.length} candidates on ${refs.map((r) => r.label).join(', ')} (seed ${def.seed})`,
      );
      this.study = this.deps.studies.start({ workspaceRoot: root, definition: def, refs });
      await this.postStudy();
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (!(err instanceof SetupError)) this.deps.log.error('Explore: the study could not start', err);
      await this.post({ type: 'problem', message });
    }
  }

  private problemFor(refs: TargetRef[]): string | null {
    if (refs.length === 0) return vscode.l10n.t('Tick a target.');
    for (const ref of refs) {
      const block = this.deps.runs.blockFor(this.modelUri, this.engine, ref);
      if (block) return blockMessage(block, ref, this.engine);
    }
    return null;
  }

  /**
   * Start a study built elsewhere (the Compare panel's "Decide with a study"): the targets are
   * named as run records name them; their specs come from the registry like any study's.
   */
  async startStudy(def: StudyDefinition, refs: TargetRef[]): Promise<void> {
    const root = this.root;
    if (!this.engine || !root) return;
    if (this.study && this.deps.studies.isRunning(this.study.id)) {
      await this.post({
        type: 'problem',
        message: vscode.l10n.t('A study of this model is running: stop it first.'),
      });
      return;
    }
    const problem = this.problemFor(refs);
    if (problem) {
      void vscode.window.showWarningMessage(problem);
      await this.post({ type: 'problem', message: problem });
      return;
    }
    const { targets } = studyTargetsFor(this.engine, refs, this.deps.targets, this.deps.runs);
    const full = { ...def, targets: targets.map((t) => t.spec) };
    this.deps.log.info(`Explore: deciding ${def.candidates.map((c) => c.label).join(' vs ')} with a study`);
    this.study = this.deps.studies.start({ workspaceRoot: root, definition: full, refs });
    await this.postStudy();
  }

  /** Continue the shown study where it stopped. */
  async resume(): Promise<void> {
    const s = this.study;
    const root = this.root;
    if (!s || !root || this.deps.studies.isRunning(s.id)) return;
    const record = await StudyStore.forWorkspace(root).resolve(s.id);
    const refs = record.definition.targets.map((t) => this.deps.targets.forRecordTarget(t.name));
    const missing = record.definition.targets.filter((_, i) => !refs[i]).map((t) => t.name);
    if (missing.length > 0) {
      await this.post({
        type: 'problem',
        message: vscode.l10n.t(
          'The study ran on targets that are not configured now: {0}',
          missing.join(', '),
        ),
      });
      return;
    }
    const problem = this.problemFor(refs as TargetRef[]);
    if (problem) {
      await this.post({ type: 'problem', message: problem });
      return;
    }
    this.study = this.deps.studies.resume(root, record, refs as TargetRef[]);
    await this.postStudy();
  }

  /** Open a stored study record in this panel. */
  showRecord(record: StudyRecord): void {
    const running = this.deps.studies.snapshot(record.id);
    this.show(running ?? snapshotOfRecord(record));
  }

  private entry(candidateKey: string) {
    const def = this.study?.definition;
    const c = def?.candidates.find((x) => x.label === candidateKey);
    if (!def || !c) throw new Error(vscode.l10n.t('The candidate {0} is not in this study.', candidateKey));
    return { def, flags: { ...def.commonFlags, ...c.flags } };
  }

  private async openInBenchmark(targetName: string, candidateKey: string): Promise<void> {
    const { flags } = this.entry(candidateKey);
    // Both Benchmark commands open the model's own engine; the menus only name them differently.
    await vscode.commands.executeCommand('lar-explorer.benchmark', this.modelUri, {
      flags,
      target: targetName,
    });
  }

  private async savePreset(candidateKey: string): Promise<string> {
    const { flags } = this.entry(candidateKey);
    if (!this.engine) throw new Error(vscode.l10n.t('No engine runs this model.'));
    const engineId = this.engine.id;
    const label = `${candidateKey} (${path.basename(this.modelUri.fsPath)})`;
    await this.deps.presets.save(engineId, { label, flags });
    return vscode.l10n.t('Saved as preset “{0}”: the Benchmark panel offers it.', label);
  }

  dispose(): void {
    for (const d of this.disposables.splice(0)) d.dispose();
    for (const cb of this.onDisposeCallbacks.splice(0)) cb();
    this.panel.dispose();
  }
}
