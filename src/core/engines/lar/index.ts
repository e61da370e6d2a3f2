/**
 * The load_and_run engine: its flag catalogue, validation, command builder and output parser put
 * together behind the `Engine` contract. Everything here is assembled from the modules beside it;
 * this file adds no behaviour of its own.
 */
import type { Engine } from '../../engine';
import { LAR_CATALOG } from './catalog';
import { buildLarArgs, parseLarCommandLine } from './commandLine';
import { LarOutputParser } from './outputParser';
import { validateLarFlags } from './validate';

/** Graph dumps (`.mge`, `.mgb`) and models for the `--mdl` interface (`.mdl`). */
export const LAR_MODEL_EXTENSIONS = ['.mge', '.mgb', '.mdl'];

export const larEngine: Engine = {
  id: 'load_and_run',
  displayName: 'MegEngine load_and_run',
  modelExtensions: LAR_MODEL_EXTENSIONS,
  catalog: LAR_CATALOG,
  validate: (flags, target) => validateLarFlags(flags, target),
  buildArgs: (spec) => buildLarArgs(spec),
  parseCommandLine: (line) => {
    const { model, flags, unknown } = parseLarCommandLine(line);
    return { model, flags, unknown };
  },
  createParser: () => new LarOutputParser(),
};
