/**
 * The targets a run can go to: this machine plus SSH hosts from the user's ssh config and the
 * machine-scoped `lar-explorer.targets` setting. Reads the ssh config asynchronously into a cache
 * (views read only the cache), keeps one Runner per target so SSH connections are reused across
 * runs, and remembers what "Check connection" learned about each target.
 */
import * as vscode from 'vscode';
import { createRunner } from '../../core/runners/createRunner';
import type { Runner } from '../../core/runners/runner';
import { listSshHosts } from '../../core/runners/sshTargets';
import type { TargetFacts } from '../../core/runners/targetFacts';
import type { ExtensionConfig } from '../config';

export type { TargetFacts } from '../../core/runners/targetFacts';
import { localTarget, mergeTargets, recordTargetOf, type ConfigHost, type TargetRef } from './targetRef';

export interface TargetRegistryOptions {
  getConfig: () => ExtensionConfig;
  log: vscode.LogOutputChannel;
  /** Root of the local artifact store (outputs with no user path). */
  artifactDir: () => string | undefined;
  /** Test seam: where ssh config hosts come from. */
  listHosts?: () => Promise<ConfigHost[]>;
}

export class TargetRegistry implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the list of targets changed. */
  readonly onDidChange = this.changed.event;
  private readonly factsChanged = new vscode.EventEmitter<string>();
  /** Fires with a target id when its facts changed (a check finished). */
  readonly onDidChangeFacts = this.factsChanged.event;

  private targets: TargetRef[];
  private readonly facts = new Map<string, TargetFacts>();
  private readonly runners = new Map<string, { key: string; runner: Runner }>();
  private loading: Promise<void> | undefined;

  constructor(private readonly opts: TargetRegistryOptions) {
    this.targets = [localTarget(vscode.l10n.t('Local'))];
  }

  /** Re-read the ssh config and the settings; listeners hear `onDidChange` when done. */
  refresh(): Promise<void> {
    this.loading = this.load().then(
      () => this.changed.fire(),
      (err) => this.opts.log.error('Reading the SSH targets failed', err),
    );
    return this.loading;
  }

  /** Resolves when the current load has finished. */
  whenLoaded(): Promise<void> {
    return this.loading ?? this.refresh();
  }

  private async load(): Promise<void> {
    const hosts = await (this.opts.listHosts ?? (() => listSshHosts()))().catch((err: unknown) => {
      this.opts.log.warn(
        `Could not read the ssh config: ${err instanceof Error ? err.message : String(err)}`,
      );
      return [] as ConfigHost[];
    });
    const next = [localTarget(vscode.l10n.t('Local')), ...mergeTargets(hosts, this.opts.getConfig().targets)];
    // Settings changed under a cached runner (other path, config file, env): drop it.
    for (const [id, entry] of this.runners) {
      const t = next.find((x) => x.id === id);
      if (!t || runnerKey(t) !== entry.key) {
        this.runners.delete(id);
        void entry.runner.dispose().catch(() => undefined);
      }
    }
    this.targets = next;
    this.opts.log.debug(`Targets: ${next.map((t) => t.id).join(', ')}`);
  }

  /** The cached list: Local first. Never does I/O. */
  list(): TargetRef[] {
    return this.targets;
  }

  get(id: string): TargetRef | undefined {
    return this.targets.find((t) => t.id === id);
  }

  /** The target a run record names (`local` or an ssh destination), for "re-run with the same flags". */
  forRecordTarget(recordTarget: string): TargetRef | undefined {
    // Records name ssh targets `ssh:<destination>`; accept the bare destination too.
    return this.targets.find(
      (t) => recordTargetOf(t) === recordTarget || (t.kind === 'ssh' && t.destination === recordTarget),
    );
  }

  /** The Runner for a target, created once and reused (SSH keeps its control connection). */
  runnerFor(target: TargetRef): Runner {
    const key = runnerKey(target);
    const cached = this.runners.get(target.id);
    if (cached && cached.key === key) return cached.runner;
    if (cached) void cached.runner.dispose().catch(() => undefined);
    const artifactDir = this.opts.artifactDir();
    const runner = createRunner(target, {
      ...(artifactDir ? { artifactDir } : {}),
      programHint:
        target.kind === 'local'
          ? vscode.l10n.t('Set lar-explorer.loadAndRun.path to your load_and_run binary.')
          : vscode.l10n.t(
              'Set the load_and_run path of this target (loadAndRunPath in lar-explorer.targets) to the binary on the board.',
            ),
    });
    this.runners.set(target.id, { key, runner });
    return runner;
  }

  factsOf(id: string): TargetFacts | undefined {
    return this.facts.get(id);
  }

  /** Remember what a check found; `undefined` forgets it (the target is unknown again). */
  setFacts(id: string, facts: TargetFacts | undefined): void {
    if (facts) this.facts.set(id, facts);
    else this.facts.delete(id);
    this.factsChanged.fire(id);
  }

  dispose(): void {
    for (const { runner } of this.runners.values()) void runner.dispose().catch(() => undefined);
    this.runners.clear();
    this.changed.dispose();
    this.factsChanged.dispose();
  }
}

function runnerKey(t: TargetRef): string {
  return JSON.stringify(t.kind === 'local' ? ['local'] : [t.destination, t.sshConfigFile, t.workDir, t.env]);
}
