// Fixture workspaces for the integration and e2e tiers, built fresh in a temp folder each run
// from the sample models the repo carries (real MegEngine dumps).
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const repo = path.resolve(import.meta.dirname, '..', '..');
export const SAMPLE_MODELS = path.join(repo, 'samples', 'models');

/** A workspace with models in two folders, a decoy text file and an excluded node_modules model. */
export function makeFixtureWorkspace(extra = {}) {
  const root = mkdtempSync(path.join(os.tmpdir(), 'lar-ws-'));
  mkdirSync(path.join(root, 'models'));
  cpSync(path.join(SAMPLE_MODELS, 'mnist_real.mge'), path.join(root, 'models', 'mnist_real.mge'));
  cpSync(
    path.join(SAMPLE_MODELS, 'mnist_real_notest.mge'),
    path.join(root, 'models', 'mnist_real_notest.mge'),
  );
  mkdirSync(path.join(root, 'nested', 'deep'), { recursive: true });
  cpSync(path.join(SAMPLE_MODELS, 'mnist_real.mge'), path.join(root, 'nested', 'deep', 'copy of mnist.mge'));
  writeFileSync(path.join(root, 'models', 'notes.txt'), 'not a model\n');
  mkdirSync(path.join(root, 'node_modules', 'pkg'), { recursive: true });
  writeFileSync(path.join(root, 'node_modules', 'pkg', 'hidden.mge'), 'excluded\n');
  for (const [rel, content] of Object.entries(extra)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), content);
  }
  return root;
}
