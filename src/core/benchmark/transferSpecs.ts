/**
 * Which arguments of a built command name files that must travel to a remote target (and back):
 * the model itself, every flag the catalogue marks with a `file` direction, and the file parts of
 * flags whose value lists several items (an engine passes `listFiles` for those, e.g.
 * load_and_run's `--input`). Engine-neutral: engines call it from `Engine.transferSpecs`. The SSH runner uploads/downloads these and rewrites the arguments (runners/artifacts.ts
 * `rewriteArg` replaces `prefix + localPath` inside the argument); the local runner only places
 * outputs. `localPath` is the path exactly as written in the argument: runners resolve it.
 */
import type { FlagCatalog } from '../engine';
import type { TransferSpec } from '../runners/runner';

/** A file inside a list-valued flag: its path, and the text before it within its item (`name:`). */
export interface ListedFile {
  path: string;
  prefix: string;
}

/**
 * The files listed in a flag's value, or null when this flag's value is not a list. Each item's
 * prefix is its own: a runner finds `prefix + path` inside the argument, so items are rewritten
 * independently.
 */
export type ListFiles = (flag: string, value: string) => ListedFile[] | null;

/** `args` are the engine's built arguments (model first), without the program. */
export function transferSpecsFor(
  catalog: FlagCatalog,
  args: readonly string[],
  listFiles?: ListFiles,
): TransferSpec[] {
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

    const listed = listFiles?.(name, value);
    if (listed) {
      // `--input=` needs no special case: the prefix is the item's own, found inside the argument.
      for (const item of listed) {
        specs.push({
          argIndex: valueIndex,
          localPath: item.path,
          direction: 'in',
          flag,
          ...(item.prefix ? { prefix: item.prefix } : {}),
        });
      }
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
