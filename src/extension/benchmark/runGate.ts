/**
 * Whether a run may start, decided from plain facts (no VS Code API), so the rule is testable
 * without toggling workspace trust in a live host. Order matters: an untrusted workspace blocks
 * everything first, before any path is looked at or any program is started.
 * Also owns which program runs an engine on a target.
 */
import type { EngineId } from '../../core/engine';
import { ortRunnerProgram } from '../../core/engines/onnx/index';
import type { TargetRef } from '../targets/targetRef';

export type RunBlock = 'untrusted' | 'no-workspace' | 'no-engine' | 'no-program';

export interface GateFacts {
  trusted: boolean;
  workspaceRoot: string | undefined;
  engineId: string | undefined;
  /** The program that would run; empty/undefined when none is configured. */
  program: string | undefined;
}

/** Why nothing may run, or null when a run may start. */
export function runBlockOf(f: GateFacts): RunBlock | null {
  if (!f.trusted) return 'untrusted';
  if (!f.workspaceRoot) return 'no-workspace';
  if (!f.engineId) return 'no-engine';
  if (!f.program || f.program.trim() === '') return 'no-program';
  return null;
}

/** What to start for a run: `program ...argsPrefix MODEL --flags`, with `env` added. */
export interface ToolInvocation {
  program: string;
  argsPrefix: string[];
  env: Record<string, string>;
}

/**
 * The program for an engine on a target. load_and_run: the machine-scoped local path, or the
 * target's own path (a board keeps its binary elsewhere; without one, `load_and_run` from the
 * remote PATH). ONNX Runtime: the runner shipped in the extension's `dist/`, run by the extension
 * host's own Node, on this machine only (a board has neither Node nor onnxruntime-node).
 */
export function toolFor(
  engineId: EngineId | string,
  target: TargetRef,
  localLarPath: string,
  distDir: string,
): ToolInvocation | undefined {
  if (engineId === 'onnxruntime') return target.kind === 'local' ? ortRunnerProgram(distDir) : undefined;
  if (engineId !== 'load_and_run') return undefined;
  const program =
    target.kind === 'local' ? localLarPath.trim() : target.loadAndRunPath?.trim() || 'load_and_run';
  return program ? { program, argsPrefix: [], env: {} } : undefined;
}

/** The load_and_run program on a target (target checks ask only this one). */
export function programFor(
  engineId: EngineId | string,
  target: TargetRef,
  localLarPath: string,
): string | undefined {
  return engineId === 'load_and_run' ? toolFor(engineId, target, localLarPath, '')?.program : undefined;
}
