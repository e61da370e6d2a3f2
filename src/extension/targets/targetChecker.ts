/**
 * "Check connection": runs the core `checkTarget` through the target's Runner (reachable,
 * load_and_run version, arch, cores, its `--help`), turns the help into the set of flags that
 * build has, and stores the result as the target's facts (cached per target; the panel greys out
 * what the binary lacks). One check per target at a time. Starts nothing in an untrusted workspace.
 */
import * as vscode from 'vscode';
import { engineForTargetChecks } from '../../core/engines/registry';
import { RunnerError } from '../../core/runners/runner';
import { checkTarget } from '../../core/runners/targetCheck';
import { factsFromCheck } from '../../core/runners/targetFacts';
import type { ExtensionConfig } from '../config';
import { programFor } from '../benchmark/runGate';
import type { TargetFacts, TargetRegistry } from './targetRegistry';
import type { TargetRef } from './targetRef';

export interface TargetCheckerDeps {
  registry: TargetRegistry;
  getConfig: () => ExtensionConfig;
  log: vscode.LogOutputChannel;
  isTrusted?: () => boolean;
}

export class TargetChecker {
  private readonly inFlight = new Map<string, Promise<TargetFacts | undefined>>();
  private readonly isTrusted: () => boolean;

  constructor(private readonly deps: TargetCheckerDeps) {
    this.isTrusted = deps.isTrusted ?? (() => vscode.workspace.isTrusted);
  }

  isChecking(targetId: string): boolean {
    return this.inFlight.has(targetId);
  }

  /**
   * Check a target and remember what was found. Undefined when no check could start (untrusted
   * workspace, no load_and_run path for this machine).
   */
  check(target: TargetRef): Promise<TargetFacts | undefined> {
    const running = this.inFlight.get(target.id);
    if (running) return running;
    const p = this.doCheck(target).finally(() => this.inFlight.delete(target.id));
    this.inFlight.set(target.id, p);
    return p;
  }

  private async doCheck(target: TargetRef): Promise<TargetFacts | undefined> {
    if (!this.isTrusted()) return undefined;
    const engine = engineForTargetChecks();
    const program = engine && programFor(engine, target, this.deps.getConfig().loadAndRunPath);
    if (!engine || !program) return undefined;
    const { registry, log } = this.deps;
    let facts: TargetFacts;
    try {
      const found = await checkTarget(registry.runnerFor(target), program);
      facts = factsFromCheck(found, engine, new Date().toISOString());
    } catch (err) {
      // The runner could not even be made (a destination ssh cannot take).
      facts = {
        checkedAt: new Date().toISOString(),
        reachable: false,
        problem: err instanceof Error ? err.message : String(err),
        ...(err instanceof RunnerError ? { problemZh: `${err.zh.message}${err.zh.hint}` } : {}),
      };
    }
    log.info(
      `Checked ${target.label}: ${facts.reachable ? 'reachable' : 'unreachable'}` +
        `${facts.version ? `, ${facts.version}` : ''}${facts.arch ? `, ${facts.arch}` : ''}` +
        `${facts.cores ? `, ${facts.cores} cores` : ''}${facts.problem ? ` — ${facts.problem}` : ''}`,
    );
    registry.setFacts(target.id, facts);
    return facts;
  }
}
