// How benches load TypeScript sources: through tsx registered for the whole process
// (`node --import tsx`, as mocha does), not through tsx's namespaced tsImport, under which a dynamic
// import inside a source module (the record schema, loaded by RecordStore on its first read: issue
// #15) cannot resolve (ERR_UNSUPPORTED_RESOLVE_REQUEST).
import { spawnSync } from 'node:child_process';

/** Started without a loader, run this script again under `node --import tsx` (and exit with it). */
export function rerunUnderTsx() {
  if (process.execArgv.some((a) => /^--(import|loader)(=|$)/.test(a))) return;
  const again = spawnSync(process.execPath, ['--import', 'tsx', ...process.argv.slice(1)], {
    stdio: 'inherit',
  });
  process.exit(again.status ?? 1);
}

/** Import a source file relative to `base` (the caller's import.meta.url). */
export function loadSource(specifier, base) {
  return import(new URL(specifier, base).href);
}
