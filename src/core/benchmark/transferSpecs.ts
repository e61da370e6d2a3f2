/**
 * Which arguments of a built command name files that must travel to a remote target (and back):
 * the model itself, every flag the catalogue marks with a `file` direction, and the file parts of
 * load_and_run's `--input` (`a:x.npy;b:img.ppm`; inline data like `data:[1,3,224,224]` is not a
 * file). The SSH runner uploads/downloads these and rewrites the arguments (runners/artifacts.ts
 * `rewriteArg` replaces `prefix + localPath` inside the argument); the local runner only places
 * outputs. `localPath` is the path exactly as written in the argument: runners resolve it.
 */
import type { FlagCatalog } from '../engine';
import type { TransferSpec } from '../runners/runner';
import { parseLarInput } from '../engines/lar/inputSpec';

/** Flags whose value holds several `;`-separated items, some of them files (load_and_run `--input`). */
const LIST_FLAGS = new Set(['input']);

/** `args` are the engine's built arguments (model first), without the program. */
export function transferSpecsFor(catalog: FlagCatalog, args: readonly string[]): TransferSpec[] {
  const byName = new Map(catalog.flags.map((f) => [f.name, f]));
  const specs: TransferSpec[] = [];
  if (args.length > 0 && args[0] !== '') specs.push({ argIndex: 0, localPath: args[0]!, direction: 'in' });

  for (let i = 1; i < args.length; i++) {
    const word = args[i]!;
    if (!word.startsWith('--')) continue;
    const eq = word.indexOf('=');
    const name = word.slice(2, eq < 0 ? undefined : eq);
    const spec = byName.get(name);
    if (!spec || spec.kind === 'bool') continue;
    // `--flag value` (what the builders emit) or `--flag=value`.
    const valueIndex = eq < 0 ? i + 1 : i;
    const flagPrefix = eq < 0 ? '' : word.slice(0, eq + 1);
    const value = eq < 0 ? args[i + 1] : word.slice(eq + 1);
    if (value === undefined) continue;
    if (eq < 0) i++; // the value is not a flag, even if it starts with `--`
    const flag = `--${name}`;

    if (LIST_FLAGS.has(name) && catalog.engine === 'load_and_run') {
      parseLarInput(value)
        .filter((item) => item.kind !== 'data' && item.value !== '')
        .forEach((item) => {
          // Each part's prefix is its own `name:`: a runner finds `prefix + localPath` inside the
          // argument, so parts are rewritten independently (and `--input=` needs no special case).
          const prefix = item.name === null ? '' : `${item.name}:`;
          specs.push({
            argIndex: valueIndex,
            localPath: item.value,
            direction: 'in',
            flag,
            ...(prefix ? { prefix } : {}),
          });
        });
    } else if (spec.file && value !== '') {
      specs.push({
        argIndex: valueIndex,
        localPath: value,
        direction: spec.file,
        flag,
        ...(flagPrefix ? { prefix: flagPrefix } : {}),
      });
    }
  }
  return specs;
}
