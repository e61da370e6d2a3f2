/**
 * What a model file's first bytes tell its engine (load_and_run: an embedded test case), read once
 * per plan so the rules that need the model (validateLarRun) run in the preview, the run and the
 * CLI alike. Never throws: an unreadable model has no facts (the run reports the missing file).
 */
import { open } from 'node:fs/promises';
import type { Engine, ModelFacts } from '../engine';

/** Enough for any engine's magic. */
const HEAD_BYTES = 64;

export async function readModelFacts(engine: Engine, file: string): Promise<ModelFacts | undefined> {
  if (!engine.modelFacts) return undefined;
  try {
    const handle = await open(file, 'r');
    try {
      const head = new Uint8Array(HEAD_BYTES);
      const { bytesRead } = await handle.read(head, 0, HEAD_BYTES, 0);
      return engine.modelFacts(head.subarray(0, bytesRead));
    } finally {
      await handle.close();
    }
  } catch {
    return undefined;
  }
}
