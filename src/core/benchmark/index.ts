/** The benchmark service: one run from flags to saved record. See runBenchmark.ts. */
export { runBenchmark, recordedModelPath, type BenchmarkOptions } from './runBenchmark';
export { ValidationFailedError } from './validationFailed';
export { RecordNotSavedError } from './recordNotSaved';
export { transferSpecsFor } from './transferSpecs';
export { defaultTool, planRun, traitsOf, type PlanOptions, type RunPlan } from './runPlan';
export { instantiateRecipe, recipeFileNames, type RecipeFiles } from './recipeSteps';
