/**
 * The host half of one Benchmark panel (one per model): renders the strict-CSP shell, answers the
 * webview's messages (each checked against `benchmarkToHostSchema` by PanelMessenger first), and
 * turns them into core calls: validation and the command preview, pasted command lines, the input
 * picker, and runs through the RunService. The webview only renders what this sends.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Engine, FlagSet, ModelFacts } from '../../core/engine';
import { engineForModel } from '../../core/engines/registry';
import type { RunRecord } from '../../core/records/runRecord';
import {
  benchmarkToHostSchema,
  type BenchmarkToHost,
  type Evaluation,
  type GateView,
  type HostToBenchmark,
  type InputRow,
  type PanelState,
  type PasteNotes,
} from '../../shared/benchmarkProtocol';
import type { SavedPresets } from '../presets/savedPresets';
import type { TargetChecker } from '../targets/targetChecker';
import type { TargetRegistry } from '../targets/targetRegistry';
import { LOCAL_TARGET_ID, type TargetRef } from '../targets/targetRef';
import { PanelMessenger, renderWebviewShell } from '../webviewHost';
import {
  benchmarkStrings,
  flagGroupsView,
  gateView,
  issuesView,
  presetsView,
  problemMessage,
  recipesView,
  runResultView,
  savedPresetFlags,
  supportView,
  targetsView,
  uiLang,
  type Lang,
} from './benchmarkView';
import { openRecordFile, pickInputFiles, readPastedLine, runAction } from './panelActions';
import { PanelStateKeeper } from './panelState';
import {
  issuesBesideToggle,
  nextProfileFile,
  profilingStrings,
  profilingView,
  resultHasProfile,
  showRunProfile,
} from './profilingControl';
import { runRecipe } from './recipeChain';
import { RunFeed } from './runFeed';
import type { RunService } from './runService';
import { staleArtifactsMessage } from './staleArtifactsView';

export interface BenchmarkPanelDeps {
  extensionUri: vscode.Uri;
  workspaceState: vscode.Memento;
  log: vscode.LogOutputChannel;
  runs: RunService;
  targets: TargetRegistry;
  checker: TargetChecker;
  /** Presets the user saved from a study's winner (offered after the engine's own). */
  savedPresets?: SavedPresets;
}

export class BenchmarkPanel implements vscode.Disposable {
  readonly messenger: PanelMessenger<BenchmarkToHost, HostToBenchmark>;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly onDisposeCallbacks: Array<() => void> = [];
  private readonly engine: Engine | undefined;
  private readonly lang: Lang;
  /** Target, flags and input rows: this panel's state, owned here (the webview sends intents). */
  private readonly state: PanelStateKeeper;
  private evaluation: Evaluation = { issues: [], command: '' };
  /** What the model file's head tells (read once at init; each run reads it again). */
  private modelFacts: ModelFacts | undefined;
  private initialized = false;
  private wantedTarget: string | undefined;
  private abort: AbortController | undefined;
  private disposed = false;
  /** How many times this panel validated and built its command (tests: one per change). */
  evaluations = 0;
  private readonly feed = new RunFeed((msg) => this.post(msg));
  readonly modelName: string;
  /** The last record this panel produced (tests read it). */
  lastRecord: RunRecord | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly modelUri: vscode.Uri,
    private readonly deps: BenchmarkPanelDeps,
  ) {
    this.modelName = path.basename(modelUri.fsPath);
    this.engine = engineForModel(modelUri.fsPath);
    this.lang = uiLang();
    this.state = new PanelStateKeeper(this.engine, LOCAL_TARGET_ID);
    const remembered = deps.workspaceState.get<InputRow[]>(this.inputsKey(), []);
    if (Array.isArray(remembered)) this.state.setInputs(remembered);
    panel.iconPath = vscode.Uri.joinPath(deps.extensionUri, 'media', 'icon.svg');
    this.messenger = new PanelMessenger(
      panel.webview,
      benchmarkToHostSchema,
      deps.log,
      'Benchmark panel',
      (msg) => this.handle(msg),
    );
    this.disposables.push(
      this.messenger,
      panel.onDidDispose(() => this.dispose()),
      deps.targets.onDidChange(() => void this.targetsChanged()),
      deps.targets.onDidChangeFacts((id) => {
        // What the target's binary lacks changes the issues: one evaluation for this change.
        if (this.initialized && id === this.state.targetId)
          void this.postSupport().then(() => this.changed(false));
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.postGate()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        // The program's path is in the command: a settings change is a change of the preview too.
        if (e.affectsConfiguration('lar-explorer') && this.initialized)
          void this.postGate().then(() => this.changed(false));
      }),
    );
    panel.webview.html = renderWebviewShell({
      webview: panel.webview,
      extensionUri: deps.extensionUri,
      script: 'benchmark.js',
      styles: ['benchmark.css'],
      title: panel.title,
      lang: this.lang === 'zh' ? 'zh-CN' : 'en',
    });
  }

  /** Whether a run of this panel is going. */
  get running(): boolean {
    return this.abort !== undefined;
  }

  onDidDispose(cb: () => void): void {
    this.onDisposeCallbacks.push(cb);
  }

  /** Start from these flags and this record target (re-run in the panel); re-renders a live page. */
  prefill(p: { flags?: FlagSet; target?: string }): void {
    if (this.running) return;
    if (p.flags) this.state.setFlags(p.flags);
    // Resolved in sendInit, after the ssh config has been read.
    this.wantedTarget = p.target;
    if (this.initialized) void this.sendInit();
  }

  /** The list of targets changed: send it; a target that went away is replaced by the first one. */
  private async targetsChanged(): Promise<void> {
    const choices = this.targetChoices();
    await this.post({ type: 'targets', targets: targetsView(choices) });
    if (!this.initialized || choices.some((t) => t.id === this.state.targetId)) return;
    this.state.targetId = choices[0]?.id ?? LOCAL_TARGET_ID;
    await this.changed(true);
  }

  private post(msg: HostToBenchmark): Thenable<boolean> {
    // A run outlives its panel; a disposed webview throws on postMessage.
    if (this.disposed) return Promise.resolve(false);
    return this.messenger.post(msg);
  }

  /** The targets this model can run on: the embedded ONNX Runtime runs on this machine only. */
  targetChoices(): TargetRef[] {
    const all = this.deps.targets.list();
    return this.engine?.capabilities.localOnly ? all.filter((t) => t.kind === 'local') : all;
  }

  private target(): TargetRef {
    return this.deps.targets.get(this.state.targetId) ?? this.deps.targets.list()[0]!;
  }

  /** The state as the webview renders it, evaluated. */
  private stateView(redrawForms: boolean): PanelState {
    return {
      targetId: this.state.targetId,
      flags: this.state.flags,
      inputs: this.state.inputs,
      evaluation: this.evaluation,
      echo: this.state.echo,
      redrawForms,
      profiling: profilingView(this.engine, this.state),
    };
  }

  /** The state changed: evaluate it once and send it back. */
  private changed(redrawForms: boolean): Thenable<boolean> {
    this.evaluation = this.preview(this.state.runFlags());
    return this.post({ type: 'state', state: this.stateView(redrawForms) });
  }

  private handle(msg: BenchmarkToHost): Promise<unknown> | unknown {
    const st = this.state;
    switch (msg.type) {
      case 'ready':
        return this.sendInit();
      case 'editFlags':
        st.editFlags(msg.seq, msg.flags);
        return this.changed(false);
      case 'editInputs':
        st.editInputs(msg.seq, msg.rows);
        void this.saveInputs();
        return this.changed(false);
      case 'applyPreset': {
        const saved = savedPresetFlags(
          msg.presetId,
          this.engine && this.deps.savedPresets?.list(this.engine.id),
        );
        if (saved === null) return st.applyPreset(msg.presetId) ? this.changed(true) : undefined;
        if (saved) st.setFlags({ ...st.flags, ...saved });
        return saved ? this.changed(true) : undefined;
      }
      case 'clearFlags':
        st.clearFlags();
        return this.changed(true);
      case 'paste':
        return this.paste(msg.line);
      case 'pickInputFiles':
        return this.pickInputFiles();
      case 'selectTarget':
        return this.selectTarget(msg.targetId, msg.recheck === true);
      case 'run':
        return this.start();
      case 'runRecipe':
        return this.start(msg.recipeId);
      case 'cancel':
        this.abort?.abort();
        return undefined;
      case 'openRecord':
        return this.openRecord(msg.recordId);
      case 'action':
        return runAction(msg.action);
      case 'copyCommand':
        return vscode.env.clipboard.writeText(this.evaluation.command);
      case 'setProfiling':
        st.setProfiling(msg.on, nextProfileFile(this.modelUri));
        return this.changed(true);
      case 'showProfile':
        return showRunProfile(msg.recordId);
    }
  }

  private saveInputs(): Thenable<void> {
    return this.deps.workspaceState.update(this.inputsKey(), this.state.inputs);
  }

  private inputsKey(): string {
    return `lar-explorer.inputs:${this.modelUri.toString()}`;
  }

  private async sendInit(): Promise<void> {
    const engine = this.engine;
    this.initialized = true;
    await this.deps.targets.whenLoaded();
    if (this.wantedTarget) {
      this.state.targetId = this.deps.targets.forRecordTarget(this.wantedTarget)?.id ?? this.state.targetId;
      this.wantedTarget = undefined;
    }
    if (!this.targetChoices().some((t) => t.id === this.state.targetId))
      this.state.targetId = this.targetChoices()[0]?.id ?? LOCAL_TARGET_ID;
    if (engine) this.modelFacts = await this.deps.runs.modelFactsFor(this.modelUri, engine);
    // A new page starts counting its edits from zero.
    this.state.echo = 0;
    // Opening the panel costs one evaluation: this one.
    this.evaluation = this.preview(this.state.runFlags());
    await this.post({
      type: 'init',
      strings: { ...benchmarkStrings(engine), ...profilingStrings() },
      lang: this.lang,
      model: { name: this.modelName, path: vscode.workspace.asRelativePath(this.modelUri) },
      engine: engine?.displayName ?? '',
      groups: engine ? flagGroupsView(engine, this.lang) : [],
      targets: targetsView(this.targetChoices()),
      presets: engine ? presetsView(engine, this.lang, this.deps.savedPresets?.list(engine.id)) : [],
      recipes: engine ? recipesView(engine, this.lang, this.modelFacts) : [],
      inputFlag: engine?.inputs?.flag ?? null,
      state: this.stateView(true),
      gate: this.gate(),
      support: supportView(
        this.state.targetId,
        this.deps.targets.factsOf(this.state.targetId),
        false,
        this.lang,
      ),
      running: this.running,
    });
    void this.checkTarget(false);
  }

  private gate(): GateView | null {
    const block = this.deps.runs.blockFor(this.modelUri, this.engine, this.target());
    return block ? gateView(block, this.target(), this.engine) : null;
  }

  private postGate(): Thenable<boolean> {
    return this.post({ type: 'gate', gate: this.gate() });
  }

  private async postSupport(): Promise<void> {
    const id = this.state.targetId;
    const checking = this.deps.checker.isChecking(id);
    await this.post({
      type: 'support',
      support: supportView(id, this.deps.targets.factsOf(id), checking, this.lang),
    });
  }

  /** Switch target (one evaluation for the change); then learn what its binary supports. */
  private async selectTarget(targetId: string, recheck: boolean): Promise<void> {
    if (!this.targetChoices().some((t) => t.id === targetId)) return;
    if (targetId !== this.state.targetId) {
      this.state.targetId = targetId;
      await this.changed(false);
    }
    await this.checkTarget(recheck);
  }

  /** The gate and support of the current target; check it once per target, or again on request. */
  private async checkTarget(recheck: boolean): Promise<void> {
    await this.postGate();
    const target = this.target();
    const known = this.deps.targets.factsOf(target.id);
    // Checking starts the target's binary: only when a run could start too (trust, a program).
    if ((!known || recheck) && !this.gate()) {
      const check = this.deps.checker.check(target);
      await this.postSupport();
      await check;
    }
    await this.postSupport();
  }

  /** The preview: the same plan the run service will start from (one validation, one command). */
  preview(flags: FlagSet): Evaluation {
    this.evaluations++;
    const engine = this.engine;
    if (!engine) return { issues: [], command: '' };
    const plan = this.deps.runs.planFor(this.modelUri, engine, this.target(), flags, this.modelFacts);
    const problems = issuesBesideToggle(plan.problems, profilingView(engine, this.state));
    return { issues: issuesView(problems, this.lang), command: plan.displayCommand };
  }

  /** A pasted command line becomes the state (flags and input rows); the notes go back as the reply. */
  private async paste(line: string): Promise<PasteNotes> {
    if (!this.engine) return { unknown: [], problems: [], model: null };
    const { flags, notes } = readPastedLine(this.engine, line, this.modelName);
    const hadInput = this.engine.inputs && flags[this.engine.inputs.flag] !== undefined;
    this.state.setFlags(flags);
    if (hadInput) void this.saveInputs();
    await this.changed(true);
    return notes;
  }

  private async pickInputFiles(): Promise<void> {
    const files = await pickInputFiles(this.modelUri, this.engine?.inputs?.fileExtensions ?? []);
    if (files.length === 0) return;
    this.state.addFiles(files);
    await this.saveInputs();
    await this.changed(true);
  }

  /** Run the host's own target and flags: one benchmark, or every step of a recipe. */
  private async start(recipeId?: string): Promise<void> {
    const engine = this.engine;
    const target = this.deps.targets.get(this.state.targetId);
    if (this.running || !engine || !target || (recipeId && engine.recipes.length === 0)) return;
    // A message may come before the page's init: the host reads the facts itself then.
    if (recipeId !== undefined) this.modelFacts ??= await this.deps.runs.modelFactsFor(this.modelUri, engine);
    if (this.running) return;
    const blocked = recipeId !== undefined ? (engine.recipesBlocked?.(this.modelFacts ?? {}) ?? null) : null;
    if (blocked) {
      // The buttons are disabled with this reason; a message that still asks is refused the same way.
      await this.post({ type: 'runProblem', message: blocked[this.lang] });
      return;
    }
    // A recipe's steps share the form's flags: profiling is for one run (each writes its own file).
    const flags = this.state.runFlags({ profiling: recipeId === undefined });
    const { signal } = (this.abort = new AbortController());
    let step: { index: number; total: number } | undefined;
    const common = {
      modelUri: this.modelUri,
      target,
      flags,
      signal,
      ...this.feed.callbacks({
        title: this.modelName,
        engine: this.engine,
        step: () => step,
        onProblem: (p) => void this.post(problemMessage(p, this.target(), this.lang)),
        onStaleArtifacts: (issues) => void this.post(staleArtifactsMessage(issues, this.lang)),
      }),
    };
    try {
      if (recipeId === undefined) {
        const record = await this.deps.runs.run({ ...common, engineId: engine.id });
        if (record) await this.finished(record);
      } else {
        await runRecipe(this.deps.runs, {
          ...common,
          engine,
          recipeId,
          lang: this.lang,
          onStep: (s) => (step = { index: s.index, total: s.total }),
          onStepDone: (record) => this.finished(record),
        });
      }
    } finally {
      this.abort = undefined;
      this.feed.flush();
      await this.post({ type: 'idle' });
      // The profile file went to this run: the next profiled run writes a new one.
      if (recipeId === undefined && this.state.profiling) {
        this.state.nextProfileFile(nextProfileFile(this.modelUri));
        await this.changed(false);
      }
    }
  }

  private async finished(record: RunRecord): Promise<void> {
    this.lastRecord = record;
    this.feed.flush();
    await this.post({
      type: 'runEnded',
      result: { ...runResultView(record, this.lang), hasProfile: resultHasProfile(record) },
    });
  }

  private async openRecord(recordId: string): Promise<void> {
    const store = this.deps.runs.storeFor(this.modelUri);
    const record = this.lastRecord?.id === recordId ? this.lastRecord : await store?.get(recordId);
    await openRecordFile(store, record, recordId);
  }

  dispose(): void {
    // Closing the panel does not cancel its run: the run keeps its progress notification (with
    // Cancel) and status bar item, and its record is saved. Only messages to this panel stop.
    this.disposed = true;
    this.feed.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    for (const cb of this.onDisposeCallbacks.splice(0)) cb();
    this.panel.dispose();
  }
}
