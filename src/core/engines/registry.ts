/**
 * Which engine runs which model: a small registry keyed by engine id and model file extension.
 * Both engines are registered here. Neither engine module loads a native module: ONNX Runtime
 * itself is loaded only by the runner program (dist/ort-runner.js) in its own process.
 */
import { extname } from 'node:path';
import type { Engine, EngineId } from '../engine';
import { larEngine } from './lar/index';
import { ortEngine } from './onnx/index';

const engines = new Map<EngineId, Engine>();

/**
 * Add (or replace) an engine. Its `modelExtensions` decide `engineForModel`; a later engine claiming
 * an extension already taken wins, so a user build can override a default.
 */
export function registerEngine(engine: Engine): void {
  engines.set(engine.id, engine);
}

/** Remove an engine (tests, or a composition that disables one). */
export function unregisterEngine(id: EngineId): void {
  engines.delete(id);
}

registerEngine(larEngine); // .mge .mgb .mdl
registerEngine(ortEngine); // .onnx

/** The engine for a model file, by its extension (case-insensitive); undefined when none claims it. */
export function engineForModel(path: string): Engine | undefined {
  const ext = extname(path).toLowerCase();
  if (!ext) return undefined;
  let found: Engine | undefined;
  for (const engine of engines.values()) if (engine.modelExtensions.includes(ext)) found = engine;
  return found;
}

export function engineById(id: string): Engine | undefined {
  return engines.get(id as EngineId);
}

/** Every registered engine, in registration order. */
export function allEngines(): Engine[] {
  return [...engines.values()];
}

/** Every model extension some engine runs (lower case, with dot), for file pickers and tree filters. */
export function modelExtensions(): string[] {
  return [...new Set(allEngines().flatMap((e) => e.modelExtensions))];
}

/** The engine whose installed program a target check asks (`--version`, `--help`), if any. */
export function engineForTargetChecks(): Engine | undefined {
  return allEngines().find((e) => e.helpFlags && e.program.kind === 'binary');
}
