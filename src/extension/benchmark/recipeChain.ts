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
import type { FlagSet } from '../../core/engine';
import { instantiateRecipe, LAR_RECIPES, type Recipe } from '../../core/engines/lar/recipes';
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
  recipeId: string;
  /** The panel's current flags; only the carried ones are used. */
  flags: FlagSet;
  /** Called before each step starts. */
  onStep?(step: { index: number; total: number; label: string }): void;
  /** Called with each step's record as soon as it is stored. */
  onStepDone?(record: RunRecord): void | Promise<void>;
  lang: 'en' | 'zh';
}

export function recipeById(id: string): Recipe | undefined {
  return LAR_RECIPES.find((r) => r.id === id);
}

/** The files that link a recipe's steps, for one model on one target. */
export function recipeFiles(
  modelUri: vscode.Uri,
  target: TargetRef,
): { dumpedModel: string; algoCache: string } | undefined {
  const root = workspaceRootFor(modelUri);
  if (!root) return undefined;
  const base = path.basename(modelUri.fsPath);
  const stem = base.replace(/\.[^.]+$/, '');
  const dir = path.join(root, ARTIFACTS_FOLDER);
  const rel = (p: string) => path.relative(root, p);
  return {
    dumpedModel: rel(artifactPathFor(dir, recordTargetOf(target), base, `${stem}.layout-transform.mge`)),
    algoCache: rel(artifactPathFor(dir, recordTargetOf(target), base, `${stem}.fast-run.cache`)),
  };
}

/** Run every step of a recipe in order; resolves with the records of the steps that ran. */
export async function runRecipe(service: RunService, opts: RecipeRunOptions): Promise<RunRecord[]> {
  const recipe = recipeById(opts.recipeId);
  const files = recipeFiles(opts.modelUri, opts.target);
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
      engineId: 'load_and_run',
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
