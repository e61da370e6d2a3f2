/**
 * The guide's three-step recipes run as one action: step 1 dumps a layout-transformed model, step 2
 * searches algorithms on it and writes the cache, step 3 measures with the cache. The files that
 * link the steps live in the workspace's artifact folder
 * `<workspace>/.lar-explorer/artifacts/<target>/<model>/`, so a later step (and a later day) finds
 * them. Each step is an ordinary run through the RunService: gated, recorded, cancellable. The chain
 * stops at the first step that does not end ok.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Engine, FlagSet, Recipe } from '../../core/engine';
import { instantiateRecipe, recipeFileNames } from '../../core/benchmark/recipeSteps';
import type { RunRecord } from '../../core/records/runRecord';
import { artifactPathFor } from '../../core/runners/artifacts';
import { recordTargetOf, type TargetRef } from '../targets/targetRef';
import { modelArgFor, workspaceRootFor, type RunOptions, type RunService } from './runService';

export const ARTIFACTS_FOLDER = path.join('.lar-explorer', 'artifacts');

/** The workspace's artifact store (outputs of runs with no user path, recipe files). */
export function artifactsRoot(): string | undefined {
  const folder = vscode.workspace.workspaceFolders?.[0];
  return folder ? path.join(folder.uri.fsPath, ARTIFACTS_FOLDER) : undefined;
}

/** Flags of the user's that every step keeps: what the model needs to load (its inputs), and the iteration count. */
const CARRIED_FLAGS = ['input', 'iter'];

export interface RecipeRunOptions extends Omit<RunOptions, 'flags' | 'engineId' | 'label'> {
  /** The engine whose recipe runs (its steps run with it). */
  engine: Engine;
  recipeId: string;
  /** The panel's current flags; only the carried ones are used. */
  flags: FlagSet;
  /** Called before each step starts. */
  onStep?(step: { index: number; total: number; label: string }): void;
  /** Called with each step's record as soon as it is stored. */
  onStepDone?(record: RunRecord): void | Promise<void>;
  lang: 'en' | 'zh';
}

export function recipeById(engine: Engine, id: string): Recipe | undefined {
  return engine.recipes.find((r) => r.id === id);
}

/** The files that link a recipe's steps, for one model on one target (workspace-relative). */
export function recipeFiles(
  recipe: Recipe,
  modelUri: vscode.Uri,
  target: TargetRef,
): Record<string, string> | undefined {
  const root = workspaceRootFor(modelUri);
  if (!root) return undefined;
  const base = path.basename(modelUri.fsPath);
  const dir = path.join(root, ARTIFACTS_FOLDER);
  return Object.fromEntries(
    Object.entries(recipeFileNames(recipe, base)).map(([key, name]) => [
      key,
      path.relative(root, artifactPathFor(dir, recordTargetOf(target), base, name)),
    ]),
  );
}

/** Run every step of a recipe in order; resolves with the records of the steps that ran. */
export async function runRecipe(service: RunService, opts: RecipeRunOptions): Promise<RunRecord[]> {
  const recipe = recipeById(opts.engine, opts.recipeId);
  const files = recipe && recipeFiles(recipe, opts.modelUri, opts.target);
  if (!recipe || !files) return [];
  const model = modelArgFor(opts.modelUri, workspaceRootFor(opts.modelUri));
  const specs = instantiateRecipe(recipe, { model, ...files });
  const carried = Object.fromEntries(
    Object.entries(opts.flags).filter(([name]) => CARRIED_FLAGS.includes(name)),
  );
  const records: RunRecord[] = [];
  for (let i = 0; i < specs.length; i++) {
    if (opts.signal?.aborted) break;
    const step = recipe.steps[i]!;
    const label = `${recipe.label[opts.lang]} — ${step.label[opts.lang]}`;
    opts.onStep?.({ index: i, total: specs.length, label });
    const spec = specs[i]!;
    const modelUri =
      spec.model === model
        ? opts.modelUri
        : vscode.Uri.file(path.resolve(workspaceRootFor(opts.modelUri)!, spec.model));
    const record = await service.run({
      target: opts.target,
      signal: opts.signal,
      onStart: opts.onStart,
      onLog: opts.onLog,
      onIteration: opts.onIteration,
      onProblem: opts.onProblem,
      modelUri,
      engineId: opts.engine.id,
      flags: { ...carried, ...spec.flags },
      label,
    });
    if (!record) break;
    records.push(record);
    await opts.onStepDone?.(record);
    if (record.status !== 'ok') break;
  }
  return records;
}
