/**
 * The ONNX Runtime engine's command line: a FlagSet as the argv of our runner program
 * (`node dist/ort-runner.js MODEL --flag value ...`) and back. The runner itself parses its argv
 * with `parseOrtArgv`, so what the UI shows, what a user pastes and what the runner reads are one
 * grammar: `--flag value`, `--flag=value`, one dash, underscores for dashes, `--bool`,
 * `--bool=false`, flags before the model.
 */
import type { CommandSpec, FlagSet, FlagSpec, ParsedCommand } from '../../engine';
import { shellJoin } from '../../shellQuote';
import { splitShellCommands } from '../../shellWords';
import { ORT_CATALOG, ortFlag } from './catalog';

/** How the runner program is spelled in a display command when the real path does not matter. */
export const ORT_RUNNER_DISPLAY = 'dist/ort-runner.js';

/** Spellings of ONNX Runtime's own option names that mean a flag of ours with a fixed value. */
const NEGATED_ALIASES: Record<string, string> = {
  'enable-cpu-mem-arena': 'disable-cpu-mem-arena',
  'enable-mem-pattern': 'disable-mem-pattern',
};

/** Arguments after the runner script: model first, then flags in catalogue order. */
export function buildOrtArgs(spec: CommandSpec): string[] {
  const args = [spec.model];
  for (const f of ORT_CATALOG.flags) {
    const v = spec.flags[f.name];
    if (v === undefined) continue;
    if (f.kind === 'bool') {
      // A set boolean is the bare flag; an explicit false equals the default, so it is left out.
      if (v === true || v === 'true') args.push(`--${f.name}`);
      continue;
    }
    args.push(`--${f.name}`, String(v));
  }
  return args;
}

/** The command a person can paste into a terminal: `node dist/ort-runner.js model.onnx --iter 20`. */
export function ortDisplayCommand(spec: CommandSpec, runner = ORT_RUNNER_DISPLAY, program = 'node'): string {
  return shellJoin([program, runner, ...buildOrtArgs(spec)]);
}

export interface ParsedOrtArgv {
  model: string | null;
  flags: FlagSet;
  /** Tokens that are not flags of ours (or extra positional words). */
  unknown: string[];
  /** Problems with known flags: a missing value, a non-boolean value for a switch. */
  problems: string[];
}

/** Flags whose value is a `,`-separated list: repeating them extends the list. */
const LIST_FLAGS = new Set(['free-dimension-override']);

/** Parse the runner's own argv (without `node` and the script). Never throws. */
export function parseOrtArgv(args: readonly string[]): ParsedOrtArgv {
  const out: ParsedOrtArgv = { model: null, flags: {}, unknown: [], problems: [] };
  let onlyPositional = false;
  for (let i = 0; i < args.length; i++) {
    const tok = args[i]!;
    if (onlyPositional || !tok.startsWith('-') || tok === '-') {
      if (out.model === null) out.model = tok;
      else out.unknown.push(tok);
      continue;
    }
    if (tok === '--') {
      onlyPositional = true;
      continue;
    }
    const body = tok.replace(/^--?/, '');
    const eq = body.indexOf('=');
    const rawName = (eq >= 0 ? body.slice(0, eq) : body).replace(/_/g, '-').toLowerCase();
    let inline: string | undefined = eq >= 0 ? body.slice(eq + 1) : undefined;

    const alias = NEGATED_ALIASES[rawName];
    if (alias) {
      const on = inline === undefined ? true : parseBool(inline);
      if (on === null) out.problems.push(`--${rawName} takes true or false, not '${inline}'`);
      else if (on) delete out.flags[alias];
      else out.flags[alias] = true;
      continue;
    }

    const spec = ortFlag(rawName);
    if (!spec) {
      out.unknown.push(tok);
      continue;
    }
    if (spec.kind === 'bool') {
      const on = inline === undefined ? true : parseBool(inline);
      if (on === null) out.problems.push(`--${spec.name} takes true or false, not '${inline}'`);
      else if (on) out.flags[spec.name] = true;
      else delete out.flags[spec.name];
      continue;
    }
    if (inline === undefined) {
      const next = args[i + 1];
      if (next === undefined || next.startsWith('--')) {
        out.problems.push(`--${spec.name} needs a value`);
        continue;
      }
      inline = next;
      i += 1;
    }
    const previous = out.flags[spec.name];
    // A list flag given again adds to the list (`--free-dimension-override N=1 … H=224`); keeping only
    // the last would silently time another shape than the one asked for.
    out.flags[spec.name] =
      LIST_FLAGS.has(spec.name) && typeof previous === 'string' && previous !== ''
        ? `${previous},${inline}`
        : coerce(spec, inline);
  }
  return out;
}

/**
 * Parse a pasted command line: `node dist/ort-runner.js m.onnx --iter 5`, with or without the
 * program, `ELECTRON_RUN_AS_NODE=1` prefixes, `npx tsx …/ortRunnerProgram.ts`. Never throws.
 */
export function parseOrtCommandLine(line: string): ParsedCommand {
  const { commands, error } = splitShellCommands(line);
  const words = commands.find((c) => c.some(isRunnerWord)) ?? commands[0] ?? [];
  const runnerAt = words.findIndex(isRunnerWord);
  let rest = words.slice(runnerAt + 1);
  if (runnerAt < 0) {
    // No runner script named: drop env assignments and a leading `node`, keep the rest as arguments.
    while (rest.length > 0 && /^[A-Za-z_][A-Za-z0-9_]*=/.test(rest[0]!)) rest = rest.slice(1);
    if (rest.length > 0 && /(^|[/\\])node(\.exe)?$/.test(rest[0]!)) rest = rest.slice(1);
  }
  const parsed = parseOrtArgv(rest);
  return {
    model: parsed.model,
    flags: parsed.flags,
    unknown: parsed.unknown,
    problems: error ? [error, ...parsed.problems] : parsed.problems,
  };
}

function isRunnerWord(w: string): boolean {
  return /(^|[/\\])(ort-runner(\.c?js|\.mjs)?|ortRunnerProgram\.[cm]?[jt]s)$/.test(w);
}

function parseBool(v: string): boolean | null {
  const s = v.toLowerCase();
  if (s === 'true' || s === '1' || s === 'yes' || s === 'on') return true;
  if (s === 'false' || s === '0' || s === 'no' || s === 'off') return false;
  return null;
}

/** Numbers become numbers when they read as one; anything else stays text for validation to explain. */
function coerce(spec: FlagSpec, v: string): string | number {
  if (spec.kind === 'int' || spec.kind === 'uint' || spec.kind === 'float') {
    const n = Number(v);
    return v.trim() !== '' && Number.isFinite(n) ? n : v;
  }
  return v;
}
