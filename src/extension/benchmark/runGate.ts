/**
 * Whether a run may start, decided from plain facts (no VS Code API), so the rule is testable
 * without toggling workspace trust in a live host. Order matters: an untrusted workspace blocks
 * everything first, before any path is looked at or any program is started.
 * Also owns which program runs an engine on a target: the seam where the ONNX engine plugs in.
 */
import type { EngineId } from '../../core/engine';
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

/**
 * The program for an engine on a target. load_and_run: the machine-scoped local path, or the
 * target's own path (a board keeps its binary elsewhere; without one, `load_and_run` from the
 * remote PATH). Other engines (ONNX Runtime) are not wired into the panel yet: undefined.
 */
export function programFor(
  engineId: EngineId | string,
  target: TargetRef,
  localLarPath: string,
): string | undefined {
  if (engineId !== 'load_and_run') return undefined;
  if (target.kind === 'local') return localLarPath.trim() || undefined;
  return target.loadAndRunPath?.trim() || 'load_and_run';
}
