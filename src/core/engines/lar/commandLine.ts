/**
 * load_and_run command lines both ways: FlagSet → argv (what we run), and pasted text or argv →
 * model + FlagSet (what a user brings from a terminal or a README).
 *
 * Reading follows gflags, which the tool parses its flags with: `--flag` or `-flag`, dashes or
 * underscores, `--flag=value` or `--flag value` for valued flags, `--bool=false|0|no` and
 * `--nobool` to switch a boolean off, flags before or after the model, last occurrence wins,
 * `--` ends the flags. Booleans never take the next word (gflags does not either).
 */

import type { CommandSpec, FlagSet, FlagSpec, FlagValue } from '../../engine';
import { shellJoin } from '../../shellQuote';
import { splitShellCommands } from '../../shellWords';
import { LAR_CATALOG, larFlag, normalizeFlagName } from './catalog';

export interface ParsedLarCommand {
  model: string | null;
  flags: FlagSet;
  /** Arguments we could not place, verbatim and in order (unknown flags, their values, extra words). */
  unknown: string[];
  /** Why the text is not quite a command (unterminated quote, a flag missing its value...). */
  problems: string[];
}

const CATALOG_ORDER = new Map(LAR_CATALOG.flags.map((f, i) => [f.name, i]));

/** Arguments after the program: the model, then flags in catalogue order; `false` booleans are left out. */
export function buildLarArgs(spec: CommandSpec): string[] {
  const args = [spec.model];
  const names = Object.keys(spec.flags).sort(
    (a, b) => (CATALOG_ORDER.get(a) ?? Infinity) - (CATALOG_ORDER.get(b) ?? Infinity),
  );
  for (const name of names) {
    const value = spec.flags[name]!;
    const kind = larFlag(name)?.kind;
    if (value === false) continue;
    if (value === true) args.push(`--${name}`);
    // A non-boolean value on a boolean flag: gflags reads `--flag=value` (and rejects nonsense itself).
    else if (kind === 'bool') args.push(`--${name}=${String(value)}`);
    else args.push(`--${name}`, String(value));
  }
  return args;
}

/** The command as a person would type it into a POSIX shell. */
export function larCommandDisplay(program: string, spec: CommandSpec): string {
  return shellJoin([program, ...buildLarArgs(spec)]);
}

/**
 * Read a pasted command line. The text may hold several commands (`cd x && ./load_and_run ...`,
 * a three-line recipe); the first one that runs load_and_run is read, else the first one.
 */
export function parseLarCommandLine(line: string): ParsedLarCommand {
  const { commands, error } = splitShellCommands(line);
  const chosen = commands.find((words) => programIndex(words) >= 0) ?? commands[0] ?? [];
  const start = programIndex(chosen) + 1; // 0 when there is no program word
  const parsed = parseLarArgv(chosen.slice(start));
  if (error) parsed.problems.unshift(error);
  return parsed;
}

/** Read an argv (without the program) the way gflags would. */
export function parseLarArgv(argv: readonly string[]): ParsedLarCommand {
  const flags: FlagSet = {};
  const unknown: string[] = [];
  const problems: string[] = [];
  let model: string | null = null;
  let flagsEnded = false;

  const positional = (word: string): void => {
    if (model === null) model = word;
    else unknown.push(word);
  };

  for (let i = 0; i < argv.length; i++) {
    const word = argv[i]!;
    if (flagsEnded || !word.startsWith('-') || word === '-') {
      positional(word);
      continue;
    }
    if (word === '--') {
      flagsEnded = true;
      continue;
    }
    const body = word.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const name = normalizeFlagName(eq < 0 ? body : body.slice(0, eq));
    const inlineValue = eq < 0 ? undefined : body.slice(eq + 1);
    const spec = larFlag(name);

    if (spec?.kind === 'bool') {
      const on = inlineValue === undefined ? true : readGflagsBool(inlineValue);
      if (on === null) {
        unknown.push(word);
        problems.push(`--${name} takes true or false, not '${inlineValue}'`);
      } else if (on) flags[name] = true;
      else delete flags[name];
      continue;
    }

    if (spec) {
      let raw = inlineValue;
      if (raw === undefined) {
        if (i + 1 >= argv.length) {
          unknown.push(word);
          problems.push(`--${name} is missing its value`);
          continue;
        }
        raw = argv[++i]!;
      }
      flags[name] = typeLarValue(spec, raw);
      continue;
    }

    // gflags' negation: --nofast_run switches a boolean off (no-sanity-check itself matched above).
    const negated = name.startsWith('no') ? larFlag(name.slice(2)) : undefined;
    if (negated?.kind === 'bool' && inlineValue === undefined) {
      delete flags[negated.name];
      continue;
    }

    unknown.push(word);
    // We cannot know whether an unknown flag takes a value; take the next plain word as one unless
    // it is the model we are still waiting for.
    const next = argv[i + 1];
    if (inlineValue === undefined && next !== undefined && !next.startsWith('-')) {
      if (model !== null || !looksLikeModel(next)) unknown.push(argv[++i]!);
    }
  }
  return { model, flags, unknown, problems };
}

/** Type a flag's text the way the catalogue says; text that does not fit stays text for the validator. */
export function typeLarValue(spec: FlagSpec, raw: string): FlagValue {
  const text = raw.trim();
  switch (spec.kind) {
    case 'int':
      if (/^[+-]?\d+$/.test(text)) return safeNumber(text, raw);
      if (/^[+-]?0[xX][0-9a-fA-F]+$/.test(text)) return Number.parseInt(text, 16);
      return raw;
    case 'uint':
      // --workspace-limit's uint64 default does not fit a JS number: keep big values as digits.
      return /^\d+$/.test(text) ? safeNumber(text, text) : raw;
    case 'float':
      return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : raw;
    case 'bool': {
      const b = readGflagsBool(text);
      return b === null ? raw : b;
    }
    default:
      return raw;
  }
}

function safeNumber(digits: string, fallback: string): number | string {
  const n = Number(digits);
  return Number.isSafeInteger(n) ? n : fallback;
}

/** gflags' boolean spellings (gflags.cc `ParseFlagValue`), case-insensitive. */
function readGflagsBool(text: string): boolean | null {
  const t = text.toLowerCase();
  if (['true', 't', 'yes', 'y', '1'].includes(t)) return true;
  if (['false', 'f', 'no', 'n', '0'].includes(t)) return false;
  return null;
}

const PROGRAM_NAMES = new Set(['load_and_run', 'load-and-run', 'lar']);
const ENV_ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*=/;

/** Index of the load_and_run program word (after a pasted `$` prompt and `VAR=value` prefixes), or -1. */
function programIndex(words: readonly string[]): number {
  let i = words[0] === '$' ? 1 : 0;
  while (i < words.length && ENV_ASSIGNMENT.test(words[i]!)) i++;
  if (i >= words.length) return -1;
  const base = words[i]!.split(/[/\\]/)
    .pop()!
    .toLowerCase()
    .replace(/\.exe$/, '');
  return PROGRAM_NAMES.has(base) ? i : -1;
}

function looksLikeModel(word: string): boolean {
  return /\.(mge|mgb|mdl|pkl|bin|lite)$/i.test(word);
}
