/**
 * The run service: the one way the extension starts a benchmark. It checks the gate (workspace
 * trust, a workspace for the records, an engine, a program), runs the core `runBenchmark` through
 * the target's Runner with a cancellable progress notification and a status bar item, stores the
 * record under `<workspace>/.lar-explorer/runs/`, logs, and announces the saved record.
 * Panels and the history's "re-run" call `run`; neither knows about runners or the store.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type {
  Engine,
  EngineId,
  FlagSet,
  IterationTime,
  ModelFacts,
  ValidationIssue,
} from '../../core/engine';
import { engineById } from '../../core/engines/registry';
import { runBenchmark } from '../../core/benchmark/runBenchmark';
import { readModelFacts } from '../../core/benchmark/modelFacts';
import { defaultTool, planRun, traitsOf, type RunPlan } from '../../core/benchmark/runPlan';
import { ValidationFailedError } from '../../core/benchmark/validationFailed';
import { RecordStore } from '../../core/records/recordStore';
import type { RunRecord } from '../../core/records/runRecord';
import type { ExtensionConfig } from '../config';
import type { RunStatusBar } from '../statusBar';
import type { TargetRegistry } from '../targets/targetRegistry';
import type { TargetRef } from '../targets/targetRef';
import { runBlockOf, toolFor, type RunBlock, type ToolInvocation } from './runGate';
import { staleArtifactsOf } from './staleArtifactsView';

export interface RunOptions {
  modelUri: vscode.Uri;
  engineId: EngineId | string;
  target: TargetRef;
  flags: FlagSet;
  /** A label for the record (recipe steps name themselves). */
  label?: string;
  /** The caller's own cancel (a panel's Cancel button); the notification's cancel works too. */
  signal?: AbortSignal;
  onStart?(info: { command: string }): void;
  onLog?(text: string): void;
  onIteration?(it: IterationTime): void;
  /** Why the run did not start (the caller shows it inline); the service notifies as well. */
  onProblem?(problem: RunProblem): void;
  /** Files the run reads that were made under other conditions (the caller shows them; else a notification). */
  onStaleArtifacts?(issues: ValidationIssue[]): void;
}

export type RunProblem =
  | { kind: 'blocked'; block: RunBlock; message: string }
  | { kind: 'invalid'; message: string; issues: ValidationIssue[] }
  | { kind: 'error'; message: string; fix?: 'set-lar-path' | 'open-target-settings' };

export interface RunServiceDeps {
  log: vscode.LogOutputChannel;
  getConfig: () => ExtensionConfig;
  targets: TargetRegistry;
  statusBar: RunStatusBar;
  /** The extension's `dist/` folder: where the ONNX Runtime runner program lives. */
  distDir: string;
  /** Test seam: workspace trust (default `vscode.workspace.isTrusted`). */
  isTrusted?: () => boolean;
}

/** Where a model's records live: its workspace folder (or the first one). */
export function workspaceRootFor(modelUri: vscode.Uri): string | undefined {
  const folder = vscode.workspace.getWorkspaceFolder(modelUri) ?? vscode.workspace.workspaceFolders?.[0];
  return folder?.uri.fsPath;
}

/** The model as the command line names it: relative to the workspace root when inside it. */
export function modelArgFor(modelUri: vscode.Uri, root: string | undefined): string {
  if (!root) return modelUri.fsPath;
  const rel = path.relative(root, modelUri.fsPath);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : modelUri.fsPath;
}

export class RunService implements vscode.Disposable {
  private readonly saved = new vscode.EventEmitter<RunRecord>();
  /** Fires with each record after it is stored. */
  readonly onDidSaveRecord = this.saved.event;
  private readonly isTrusted: () => boolean;
  private active = 0;
  /** Runs in flight, so a closing window can stop them and keep their records (stopAll). */
  private readonly inFlight = new Map<AbortController, Promise<unknown>>();

  constructor(private readonly deps: RunServiceDeps) {
    this.isTrusted = deps.isTrusted ?? (() => vscode.workspace.isTrusted);
  }

  /** Runs going right now. */
  get running(): number {
    return this.active;
  }

  /** Why a run of this engine on this target could not start now, or null. */
  blockFor(modelUri: vscode.Uri, engine: Engine | undefined, target: TargetRef): RunBlock | null {
    return runBlockOf({
      trusted: this.isTrusted(),
      workspaceRoot: workspaceRootFor(modelUri),
      engineId: engine?.id,
      program: engine ? this.toolFor(engine, target)?.program : undefined,
    });
  }

  /** What a run would start (for command previews); undefined when nothing is set up. */
  toolFor(engine: Engine, target: TargetRef): ToolInvocation | undefined {
    return toolFor(engine, target, this.deps.getConfig().loadAndRunPath, this.deps.distDir);
  }

  /**
   * The run as it would start now: validated against what is known of the target, with the
   * command as it will be logged and recorded. The panel's preview and `run` both call this, so
   * they cannot disagree.
   */
  planFor(
    modelUri: vscode.Uri,
    engine: Engine,
    target: TargetRef,
    flags: FlagSet,
    modelFacts?: ModelFacts,
  ): RunPlan {
    const model = modelArgFor(modelUri, workspaceRootFor(modelUri));
    const tool = this.toolFor(engine, target) ?? defaultTool(engine);
    return planRun(engine, model, flags, traitsOf(this.deps.targets.factsOf(target.id)), {
      tool,
      ...(modelFacts ? { modelFacts } : {}),
    });
  }

  /** What the model file's first bytes tell its engine (read once by a panel, and by each run). */
  modelFactsFor(modelUri: vscode.Uri, engine: Engine): Promise<ModelFacts | undefined> {
    return readModelFacts(engine, modelUri.fsPath);
  }

  /** The records store for a model's workspace. */
  storeFor(modelUri: vscode.Uri): RecordStore | undefined {
    const root = workspaceRootFor(modelUri);
    return root ? RecordStore.forWorkspace(root) : undefined;
  }

  /**
   * Run one benchmark. Resolves with the stored record (whatever its status), or undefined when
   * nothing ran: blocked by the gate, flags that break a rule, or a record that could not be saved.
   */
  async run(opts: RunOptions): Promise<RunRecord | undefined> {
    const { log } = this.deps;
    const wanted = engineById(String(opts.engineId));
    const block = this.blockFor(opts.modelUri, wanted, opts.target);
    if (block || !wanted) {
      const why = block ?? 'no-engine';
      const message = blockMessage(why, opts.target, wanted);
      log.warn(`Run not started: ${message}`);
      opts.onProblem?.({ kind: 'blocked', block: why, message });
      void notifyBlock(why, message);
      return undefined;
    }
    const engine = wanted;
    const root = workspaceRootFor(opts.modelUri)!;
    const tool = this.toolFor(engine, opts.target)!;
    const store = RecordStore.forWorkspace(root);
    // Paths stay as the user sees them (workspace-relative); core resolves travelling files
    // against the workspace for every runner, local or remote.
    const model = modelArgFor(opts.modelUri, root);
    const { flags } = opts;
    const modelName = path.basename(opts.modelUri.fsPath);
    const modelFacts = await this.modelFactsFor(opts.modelUri, engine);
    const plan = this.planFor(opts.modelUri, engine, opts.target, flags, modelFacts);
    // Validated once, here; runBenchmark takes the plan as it is.
    if (plan.blocked) return this.invalid(opts, new ValidationFailedError(plan.problems));
    for (const w of plan.problems) log.warn(`${w.rule}: ${w.message.en}`);
    log.info(`Run on ${opts.target.label}: ${plan.displayCommand}`);
    opts.onStart?.({ command: plan.displayCommand });

    const controller = new AbortController();
    const onCallerAbort = () => controller.abort(opts.signal?.reason);
    if (opts.signal?.aborted) controller.abort();
    opts.signal?.addEventListener('abort', onCallerAbort, { once: true });
    const busy = this.deps.statusBar.begin(`${modelName} @ ${opts.target.label}`);
    this.active++;
    let settled: () => void = () => undefined;
    this.inFlight.set(controller, new Promise<void>((r) => (settled = r)));
    try {
      const record = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: vscode.l10n.t('Benchmarking {0} on {1}', modelName, opts.target.label),
          cancellable: true,
        },
        (progress, token) => {
          token.onCancellationRequested(() => controller.abort());
          return runBenchmark({
            engine,
            runner: this.deps.targets.runnerFor(opts.target),
            program: tool.program,
            argsPrefix: tool.argsPrefix,
            env: tool.env,
            model,
            flags,
            workspaceRoot: root,
            cwd: root,
            plan,
            ...(opts.label ? { label: opts.label } : {}),
            signal: controller.signal,
            store,
            saveStartFailures: false,
            onLog: (text) => opts.onLog?.(text),
            onIteration: (it) => opts.onIteration?.(it),
            onPhase: (phase) => progress.report({ message: phase }),
            onWarnings: (ws) => {
              ws.forEach((w) => log.warn(`${w.rule}: ${w.message.en}`));
              // A reused algo cache or dump from other conditions is shown, not just logged: inside
              // the panel that started the run, else as a notification.
              const stale = staleArtifactsOf(ws);
              if (stale.length > 0 && opts.onStaleArtifacts) opts.onStaleArtifacts(stale);
              else {
                const lang = vscode.env.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
                for (const w of stale)
                  void vscode.window.showWarningMessage(
                    vscode.l10n.t('Reused artifact from other conditions: {0}', w.message[lang]),
                  );
              }
            },
          });
        },
      );
      if (record.runnerError) return this.notStarted(opts, record);
      const mean = record.result?.phases.inference?.meanMs;
      log.info(
        `Run ${record.id} ${record.status}${mean !== undefined ? `, mean ${mean.toFixed(3)} ms` : ''}` +
          `${record.reason ? ` (${record.reason})` : ''}`,
      );
      this.saved.fire(record);
      return record;
    } catch (err) {
      if (err instanceof ValidationFailedError) return this.invalid(opts, err);
      const message = err instanceof Error ? err.message : String(err);
      log.error('The run could not be completed', err);
      opts.onProblem?.({ kind: 'error', message });
      void vscode.window.showErrorMessage(
        vscode.l10n.t('The benchmark could not be completed: {0}', message),
      );
      return undefined;
    } finally {
      this.active--;
      this.inFlight.delete(controller);
      settled();
      busy.dispose();
      opts.signal?.removeEventListener('abort', onCallerAbort);
    }
  }

  /**
   * The program could not start (wrong path, host unreachable): nothing ran, nothing is saved; the
   * panel and a notification say why, with the button that fixes a wrong load_and_run path.
   */
  private notStarted(opts: RunOptions, record: RunRecord): undefined {
    // Runner errors carry their Chinese text (record.reasonZh): shown under a Chinese VS Code.
    const zh = vscode.env.language.toLowerCase().startsWith('zh');
    const message = (zh ? record.reasonZh : undefined) ?? record.reason ?? record.runnerError!.hint;
    this.deps.log.warn(`Run not started: ${message}`);
    const code = record.runnerError!.code;
    const fix =
      code === 'binary-missing' || code === 'binary-not-executable'
        ? opts.target.kind === 'local'
          ? ('set-lar-path' as const)
          : ('open-target-settings' as const)
        : undefined;
    opts.onProblem?.({ kind: 'error', message, ...(fix ? { fix } : {}) });
    void notifyNotStarted(message, fix);
    return undefined;
  }

  private invalid(opts: RunOptions, err: ValidationFailedError): undefined {
    const lang = vscode.env.language.toLowerCase().startsWith('zh') ? 'zh' : 'en';
    const message = err.errors.map((i) => i.message[lang]).join(' ');
    this.deps.log.warn(`Run not started: ${err.message}`);
    opts.onProblem?.({ kind: 'invalid', message, issues: err.issues });
    if (!opts.onProblem)
      void vscode.window.showErrorMessage(vscode.l10n.t('The flags cannot run: {0}', message));
    return undefined;
  }

  /**
   * Cancel every run in flight and wait (at most `waitMs`) for their records to be saved. Called
   * when the extension host goes away (window closed or reloaded): otherwise load_and_run, in its
   * own process group, would outlive the window and the run would leave no record at all.
   */
  async stopAll(reason: string, waitMs = 4000): Promise<void> {
    const pending = [...this.inFlight.entries()];
    for (const [controller] of pending) controller.abort(reason);
    await Promise.race([
      Promise.all(pending.map(([, done]) => done)),
      new Promise((r) => setTimeout(r, waitMs)),
    ]);
  }

  dispose(): void {
    this.saved.dispose();
  }
}

/** The sentence a user sees when a run is blocked. */
export function blockMessage(block: RunBlock, target: TargetRef, engine?: Engine): string {
  switch (block) {
    case 'untrusted':
      return vscode.l10n.t(
        'This workspace is not trusted, so nothing runs here. Trust the workspace to benchmark its models.',
      );
    case 'no-workspace':
      return vscode.l10n.t(
        'Open a folder first: runs are recorded in the workspace under .lar-explorer/runs/.',
      );
    case 'no-engine':
      return vscode.l10n.t('No benchmark engine runs this kind of model in the panel yet.');
    case 'no-program':
      if (engine?.capabilities.localOnly) {
        return vscode.l10n.t(
          'ONNX models run with the embedded ONNX Runtime on this machine only: choose the Local target.',
        );
      }
      return target.kind === 'local'
        ? vscode.l10n.t(
            'The path of load_and_run is not set. Set lar-explorer.loadAndRun.path to your load_and_run binary.',
          )
        : vscode.l10n.t('Set the load_and_run path of target {0} in lar-explorer.targets.', target.label);
  }
}

async function notifyNotStarted(message: string, fix: 'set-lar-path' | 'open-target-settings' | undefined) {
  const text = vscode.l10n.t('The benchmark did not start: {0}', message);
  if (!fix) {
    await vscode.window.showErrorMessage(text);
    return;
  }
  const label = fixLabel(fix);
  const choice = await vscode.window.showErrorMessage(text, label);
  if (choice === label)
    await vscode.commands.executeCommand(
      fix === 'set-lar-path' ? 'lar-explorer.setLoadAndRunPath' : 'lar-explorer.openTargetSettings',
    );
}

export function fixLabel(fix: 'set-lar-path' | 'open-target-settings'): string {
  return fix === 'set-lar-path' ? vscode.l10n.t('Set path…') : vscode.l10n.t('Open Target Settings');
}

/** The notification for a blocked run, with the button that fixes it. */
async function notifyBlock(block: RunBlock, message: string): Promise<void> {
  const action = blockAction(block);
  if (!action) {
    await vscode.window.showWarningMessage(message);
    return;
  }
  const choice = await vscode.window.showWarningMessage(message, action.label);
  if (choice === action.label) await vscode.commands.executeCommand(...action.command);
}

export function blockAction(block: RunBlock): { label: string; command: [string, ...unknown[]] } | undefined {
  if (block === 'untrusted')
    return { label: vscode.l10n.t('Manage Workspace Trust'), command: ['workbench.trust.manage'] };
  if (block === 'no-program') {
    return {
      label: vscode.l10n.t('Set path…'),
      command: ['lar-explorer.setLoadAndRunPath'],
    };
  }
  return undefined;
}
