/**
 * Whether a run may start, decided from plain facts (no VS Code API), so the rule is testable
 * without toggling workspace trust in a live host. Order matters: an untrusted workspace blocks
 * everything first, before any path is looked at or any program is started.
 * Also owns which program runs an engine on a target (the engine says how its program is found).
 */
import type { Engine, ToolInvocation } from '../../core/engine';
import type { TargetRef } from '../targets/targetRef';

export type { ToolInvocation } from '../../core/engine';

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

/**
 * The program for an engine on a target. A binary engine (load_and_run): the machine-scoped local
 * path, or the target's own path (a board keeps its binary elsewhere; without one, the binary's
 * name on the remote PATH). An embedded engine (ONNX Runtime): the runner shipped in the
 * extension's `dist/`, run by the extension host's own Node, on this machine only when the engine
 * says so (a board has neither Node nor onnxruntime-node).
 */
export function toolFor(
  engine: Engine,
  target: TargetRef,
  localBinaryPath: string,
  distDir: string,
): ToolInvocation | undefined {
  if (engine.capabilities.localOnly && target.kind !== 'local') return undefined;
  if (engine.program.kind === 'embedded') return engine.program.bundled(distDir);
  const program =
    target.kind === 'local' ? localBinaryPath.trim() : target.loadAndRunPath?.trim() || engine.program.name;
  return program ? { program, argsPrefix: [], env: {} } : undefined;
}

/** The binary a target check asks for its version and flags; undefined for an embedded engine. */
export function programFor(engine: Engine, target: TargetRef, localBinaryPath: string): string | undefined {
  return engine.helpFlags ? toolFor(engine, target, localBinaryPath, '')?.program : undefined;
}
