/**
 * A recipe (engine data: steps whose file values hold `${key}` placeholders) turned into runnable
 * commands for one model: the placeholders become the files that link the steps. Engine-neutral;
 * where those files live (the artifact folder) is the shell's choice.
 */
import type { CommandSpec, FlagValue, Recipe } from '../engine';

/** The user's model plus one path per placeholder key of the recipe (`dumpedModel`, `algoCache`). */
export type RecipeFiles = { model: string } & Record<string, string>;

/** Fill a recipe's placeholders: one runnable command per step. */
export function instantiateRecipe(recipe: Recipe, files: RecipeFiles): CommandSpec[] {
  return recipe.steps.map((step) => ({
    model: step.model === 'original' ? files.model : (files.dumpedModel ?? files.model),
    flags: Object.fromEntries(
      Object.entries(step.flags).map(([name, value]): [string, FlagValue] => [name, fill(value, files)]),
    ),
  }));
}

/** The file names of a recipe's linking files for a model file name (`a.bin` → `a.fast-run.cache`). */
export function recipeFileNames(recipe: Recipe, modelFileName: string): Record<string, string> {
  const stem = modelFileName.replace(/\.[^.]+$/, '');
  return Object.fromEntries(Object.entries(recipe.files).map(([key, suffix]) => [key, `${stem}${suffix}`]));
}

function fill(value: FlagValue, files: RecipeFiles): FlagValue {
  if (typeof value !== 'string') return value;
  let out = value;
  for (const [key, path] of Object.entries(files)) out = out.split('${' + key + '}').join(path);
  return out;
}
