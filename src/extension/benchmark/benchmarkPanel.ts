/**
 * The host half of one Benchmark panel (one per model): renders the strict-CSP shell, answers the
 * webview's messages (each checked against `benchmarkToHostSchema` by PanelMessenger first), and
 * turns them into core calls: validation and the command preview, pasted command lines, the input
 * picker, and runs through the RunService. The webview only renders what this sends.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Engine, FlagSet, IterationTime } from '../../core/engine';
import { larCommandDisplay, parseLarCommandLine } from '../../core/engines/lar/commandLine';
import { engineForModel } from '../../core/engines/registry';
import { recordFileName } from '../../core/records/recordNames';
import type { RunRecord } from '../../core/records/runRecord';
import { shellJoin } from '../../core/shellQuote';
import {
  benchmarkToHostSchema,
  type BenchmarkToHost,
  type Evaluation,
  type GateView,
  type HostAction,
  type HostToBenchmark,
  type InputRow,
  type ParsedCommandView,
} from '../../shared/benchmarkProtocol';
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
  supportView,
  targetsView,
  uiLang,
  type Lang,
} from './benchmarkView';
import { runRecipe } from './recipeChain';
import { RunFeed } from './runFeed';
import { modelArgFor, workspaceRootFor, type RunProblem, type RunService } from './runService';

export interface BenchmarkPanelDeps {
  extensionUri: vscode.Uri;
  workspaceState: vscode.Memento;
  log: vscode.LogOutputChannel;
  runs: RunService;
  targets: TargetRegistry;
  checker: TargetChecker;
}

export class BenchmarkPanel implements vscode.Disposable {
  readonly messenger: PanelMessenger<BenchmarkToHost, HostToBenchmark>;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly onDisposeCallbacks: Array<() => void> = [];
  private readonly engine: Engine | undefined;
  private readonly lang: Lang;
  private targetId = LOCAL_TARGET_ID;
  private initialized = false;
  private wantedTarget: string | undefined;
  private flags: FlagSet = {};
  private abort: AbortController | undefined;
  private readonly feed = new RunFeed((msg) => this.post(msg));
  /** The last record this panel produced (tests read it). */
  lastRecord: RunRecord | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly modelUri: vscode.Uri,
    private readonly deps: BenchmarkPanelDeps,
  ) {
    this.engine = engineForModel(modelUri.fsPath);
    this.lang = uiLang();
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
      deps.targets.onDidChange(
        () => void this.post({ type: 'targets', targets: targetsView(this.targetChoices()) }),
      ),
      deps.targets.onDidChangeFacts((id) => {
        if (id === this.targetId) void this.postSupport();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => void this.postGate()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('lar-explorer')) void this.postGate();
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

  get modelName(): string {
    return path.basename(this.modelUri.fsPath);
  }

  /** Whether a run of this panel is going. */
  get running(): boolean {
    return this.abort !== undefined;
  }

  onDidDispose(cb: () => void): void {
    this.onDisposeCallbacks.push(cb);
  }

  reveal(): void {
    this.panel.reveal();
  }

  /** Start from these flags and this record target (re-run in the panel); re-renders a live page. */
  prefill(p: { flags?: FlagSet; target?: string }): void {
    if (this.running) return;
    if (p.flags) this.flags = { ...p.flags };
    // Resolved in sendInit, after the ssh config has been read.
    this.wantedTarget = p.target;
    if (this.initialized) void this.sendInit();
  }

  private disposed = false;

  private post(msg: HostToBenchmark): Thenable<boolean> {
    // A run outlives its panel; a disposed webview throws on postMessage.
    if (this.disposed) return Promise.resolve(false);
    return this.messenger.post(msg);
  }

  /** The targets this model can run on: the embedded ONNX Runtime runs on this machine only. */
  targetChoices(): TargetRef[] {
    const all = this.deps.targets.list();
    return this.engine?.id === 'onnxruntime' ? all.filter((t) => t.kind === 'local') : all;
  }

  private target(): TargetRef {
    return this.deps.targets.get(this.targetId) ?? this.deps.targets.list()[0]!;
  }

  private handle(msg: BenchmarkToHost): unknown {
    switch (msg.type) {
      case 'ready':
        return this.sendInit();
      case 'evaluate':
        this.targetId = this.deps.targets.get(msg.targetId) ? msg.targetId : this.targetId;
        this.flags = msg.flags;
        return this.evaluate(msg.flags);
      case 'parseCommand':
        return this.parseCommand(msg.line);
      case 'pickInputFiles':
        return this.pickInputFiles();
      case 'saveInputs':
        return this.deps.workspaceState.update(this.inputsKey(), msg.rows);
      case 'selectTarget':
        return this.selectTarget(msg.targetId, msg.recheck === true);
      case 'run':
        return this.startRun(msg.targetId, msg.flags);
      case 'runRecipe':
        return this.startRecipe(msg.targetId, msg.recipeId, msg.flags);
      case 'cancel':
        this.abort?.abort();
        return undefined;
      case 'openRecord':
        return this.openRecord(msg.recordId);
      case 'action':
        return runAction(msg.action);
      case 'copy':
        return vscode.env.clipboard.writeText(msg.text);
    }
  }

  private inputsKey(): string {
    return `lar-explorer.inputs:${this.modelUri.toString()}`;
  }

  private async sendInit(): Promise<void> {
    const engine = this.engine;
    this.initialized = true;
    await this.deps.targets.whenLoaded();
    if (this.wantedTarget) {
      this.targetId = this.deps.targets.forRecordTarget(this.wantedTarget)?.id ?? this.targetId;
      this.wantedTarget = undefined;
    }
    const inputs = this.deps.workspaceState.get<InputRow[]>(this.inputsKey(), []);
    await this.post({
      type: 'init',
      strings: benchmarkStrings(engine?.id),
      lang: this.lang,
      model: { name: this.modelName, path: vscode.workspace.asRelativePath(this.modelUri) },
      engine: engine?.displayName ?? '',
      groups: engine ? flagGroupsView(engine, this.lang) : [],
      targets: targetsView(this.targetChoices()),
      targetId: this.targetId,
      presets: engine ? presetsView(engine, this.lang) : [],
      recipes: engine ? recipesView(engine, this.lang) : [],
      inputs: Array.isArray(inputs) ? inputs : [],
      flags: this.flags,
      gate: this.gate(),
      support: supportView(this.targetId, this.deps.targets.factsOf(this.targetId), false, this.lang),
      running: this.running,
    });
    void this.selectTarget(this.targetId, false);
  }

  private gate(): GateView | null {
    const block = this.deps.runs.blockFor(this.modelUri, this.engine?.id, this.target());
    return block ? gateView(block, this.target(), this.engine?.id) : null;
  }

  private postGate(): Thenable<boolean> {
    return this.post({ type: 'gate', gate: this.gate() });
  }

  private async postSupport(): Promise<void> {
    const checking = this.deps.checker.isChecking(this.targetId);
    await this.post({
      type: 'support',
      support: supportView(this.targetId, this.deps.targets.factsOf(this.targetId), checking, this.lang),
    });
  }

  /** Switch target; learn what its binary supports (once per target, or again on request). */
  private async selectTarget(targetId: string, recheck: boolean): Promise<void> {
    if (!this.deps.targets.get(targetId)) return;
    this.targetId = targetId;
    await this.postGate();
    const target = this.target();
    const known = this.deps.targets.factsOf(targetId);
    // Checking starts the target's binary: only when a run could start too (trust, a program).
    if ((!known || recheck) && !this.gate()) {
      const check = this.deps.checker.check(target);
      await this.postSupport();
      await check;
    }
    await this.postSupport();
  }

  private evaluate(flags: FlagSet): Evaluation {
    const engine = this.engine;
    if (!engine) return { issues: [], command: '' };
    const target = this.target();
    const facts = this.deps.targets.factsOf(target.id);
    const traits =
      facts?.reachable && !facts.problem
        ? {
            ...(facts.arch ? { arch: facts.arch } : {}),
            ...(facts.supportedFlags ? { supportedFlags: facts.supportedFlags } : {}),
          }
        : undefined;
    const issues = issuesView(engine.validate(flags, traits), this.lang);
    const tool = this.deps.runs.toolFor(engine.id, target);
    const spec = { model: modelArgFor(this.modelUri, workspaceRootFor(this.modelUri)), flags };
    const command =
      engine.id === 'load_and_run'
        ? larCommandDisplay(tool?.program ?? 'load_and_run', spec)
        : shellJoin([tool?.program ?? 'node', ...(tool?.argsPrefix ?? []), ...engine.buildArgs(spec)]);
    return { issues, command };
  }

  private parseCommand(line: string): ParsedCommandView {
    if (!this.engine) return { flags: {}, unknown: [], problems: [], model: null };
    if (this.engine.id === 'load_and_run') {
      const p = parseLarCommandLine(line);
      return { flags: p.flags, unknown: p.unknown, problems: p.problems, model: this.otherModel(p.model) };
    }
    const p = this.engine.parseCommandLine(line);
    return { flags: p.flags, unknown: p.unknown, problems: [], model: this.otherModel(p.model) };
  }

  /** The pasted model when it is not this panel's (compared by file name). */
  private otherModel(model: string | null): string | null {
    if (!model) return null;
    return path.basename(model) === this.modelName ? null : model;
  }

  private async pickInputFiles(): Promise<string[]> {
    const picked = await vscode.window.showOpenDialog({
      canSelectMany: true,
      defaultUri: vscode.Uri.joinPath(this.modelUri, '..'),
      openLabel: vscode.l10n.t('Use as input'),
      filters: { [vscode.l10n.t('Input data')]: ['npy', 'json', 'ppm', 'pgm'] },
    });
    const root = workspaceRootFor(this.modelUri);
    return (picked ?? []).map((u) => modelArgFor(u, root));
  }

  private async startRun(targetId: string, flags: FlagSet): Promise<void> {
    if (this.running || !this.engine) return;
    const target = this.deps.targets.get(targetId);
    if (!target) return;
    this.targetId = targetId;
    const abort = (this.abort = new AbortController());
    try {
      const record = await this.deps.runs.run({
        modelUri: this.modelUri,
        engineId: this.engine.id,
        target,
        flags,
        signal: abort.signal,
        ...this.runCallbacks(),
      });
      if (record) await this.finished(record);
    } finally {
      this.abort = undefined;
      this.feed.flush();
      await this.post({ type: 'idle' });
    }
  }

  private async startRecipe(targetId: string, recipeId: string, flags: FlagSet): Promise<void> {
    if (this.running || this.engine?.id !== 'load_and_run') return;
    const target = this.deps.targets.get(targetId);
    if (!target) return;
    this.targetId = targetId;
    const abort = (this.abort = new AbortController());
    let step: { index: number; total: number } | undefined;
    try {
      await runRecipe(this.deps.runs, {
        modelUri: this.modelUri,
        target,
        recipeId,
        flags,
        lang: this.lang,
        signal: abort.signal,
        ...this.runCallbacks(() => step),
        onStep: (s) => {
          step = { index: s.index, total: s.total };
        },
        onStepDone: (record) => this.finished(record),
      });
    } finally {
      this.abort = undefined;
      this.feed.flush();
      await this.post({ type: 'idle' });
    }
  }

  private runCallbacks(step: () => { index: number; total: number } | undefined = () => undefined) {
    return {
      onStart: ({ command }: { command: string }) => this.feed.started(this.modelName, command, step()),
      onLog: (text: string) => this.feed.log(text),
      onIteration: (it: IterationTime) => this.feed.iteration(it),
      onProblem: (p: RunProblem) => void this.post(problemMessage(p, this.target(), this.lang)),
    };
  }

  private async finished(record: RunRecord): Promise<void> {
    this.lastRecord = record;
    this.feed.flush();
    await this.post({ type: 'runEnded', result: runResultView(record) });
  }

  private async openRecord(recordId: string): Promise<void> {
    const store = this.deps.runs.storeFor(this.modelUri);
    const record = this.lastRecord?.id === recordId ? this.lastRecord : await store?.get(recordId);
    if (!store || !record) {
      void vscode.window.showWarningMessage(vscode.l10n.t('The run record {0} was not found.', recordId));
      return;
    }
    const file = vscode.Uri.file(path.join(store.dir, recordFileName(record)));
    await vscode.window.showTextDocument(file, { viewColumn: vscode.ViewColumn.Beside, preview: true });
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

async function runAction(action: HostAction): Promise<void> {
  switch (action) {
    case 'manage-trust':
      await vscode.commands.executeCommand('workbench.trust.manage');
      return;
    case 'set-lar-path':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'lar-explorer.loadAndRun.path');
      return;
    case 'open-target-settings':
      await vscode.commands.executeCommand('workbench.action.openSettings', 'lar-explorer.targets');
      return;
  }
}
