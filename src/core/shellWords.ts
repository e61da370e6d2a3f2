/**
 * POSIX shell word splitting for text a person pastes (a command line from a terminal, a README,
 * a recipe). The inverse of `shellQuote.ts`: `splitShellWords(shellJoin(argv))` gives back argv.
 *
 * It tokenises, it does not evaluate: `$VAR`, `$(...)` and backticks stay literal text (a
 * `$(...)`/backtick span keeps its spaces inside one word), globs are not expanded. Control
 * operators split the text into simple commands; redirections (`> log`, `2>&1`) are dropped with
 * their target. Never throws: an unterminated quote is reported in `error` and the text read so
 * far is kept.
 */

export type ShellToken = { kind: 'word'; text: string } | { kind: 'operator'; text: string };

export interface ShellTokens {
  tokens: ShellToken[];
  /** Set when the text is not complete shell syntax (e.g. an unterminated quote). */
  error: string | null;
}

/** Longest first, so `&&` wins over `&`. */
const OPERATORS = [
  '&&',
  '||',
  ';;',
  '>>',
  '<<',
  '<&',
  '>&',
  '<>',
  '>|',
  '&>',
  ';',
  '&',
  '|',
  '(',
  ')',
  '<',
  '>',
];
const REDIRECTIONS = new Set(['>>', '<<', '<&', '>&', '<>', '>|', '&>', '<', '>']);

const ANSI_C_ESCAPES: Record<string, string> = {
  n: '\n',
  t: '\t',
  r: '\r',
  a: '\x07',
  b: '\b',
  e: '\x1b',
  E: '\x1b',
  f: '\f',
  v: '\v',
  '\\': '\\',
  "'": "'",
  '"': '"',
  '?': '?',
};

/** Split text into words and operators with POSIX quoting rules (plus bash's `$'...'`). */
export function tokenizeShell(text: string): ShellTokens {
  const tokens: ShellToken[] = [];
  let error: string | null = null;
  let word = '';
  // A word can be empty but present (`''`), so track "inside a word" apart from its text.
  let inWord = false;
  let i = 0;

  const endWord = (): void => {
    if (inWord) tokens.push({ kind: 'word', text: word });
    word = '';
    inWord = false;
  };

  while (i < text.length) {
    const c = text[i]!;

    if (c === '\\') {
      const next = text[i + 1];
      if (next === '\n') {
        i += 2; // line continuation
      } else if (next === '\r' && text[i + 2] === '\n') {
        i += 3; // line continuation pasted with CRLF
      } else if (next === undefined) {
        word += '\\';
        inWord = true;
        i += 1;
      } else {
        word += next;
        inWord = true;
        i += 2;
      }
      continue;
    }

    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      inWord = true;
      if (close < 0) {
        error ??= 'unterminated single quote';
        word += text.slice(i + 1);
        i = text.length;
      } else {
        word += text.slice(i + 1, close);
        i = close + 1;
      }
      continue;
    }

    if (c === '$' && text[i + 1] === "'") {
      const r = readAnsiC(text, i + 2);
      word += r.value;
      inWord = true;
      i = r.end;
      if (!r.closed) error ??= "unterminated $'...' quote";
      continue;
    }

    if (c === '"') {
      const r = readDoubleQuoted(text, i + 1);
      word += r.value;
      inWord = true;
      i = r.end;
      if (!r.closed) error ??= 'unterminated double quote';
      continue;
    }

    if (c === '$' && text[i + 1] === '(') {
      const end = findSubstitutionEnd(text, i + 2);
      if (end < 0) error ??= 'unterminated $(...)';
      const stop = end < 0 ? text.length : end + 1;
      word += text.slice(i, stop);
      inWord = true;
      i = stop;
      continue;
    }

    if (c === '`') {
      const end = findBacktickEnd(text, i + 1);
      if (end < 0) error ??= 'unterminated backquote';
      const stop = end < 0 ? text.length : end + 1;
      word += text.slice(i, stop);
      inWord = true;
      i = stop;
      continue;
    }

    if (c === '#' && !inWord) {
      const nl = text.indexOf('\n', i);
      i = nl < 0 ? text.length : nl;
      continue;
    }

    if (c === '\n') {
      endWord();
      tokens.push({ kind: 'operator', text: '\n' });
      i += 1;
      continue;
    }

    if (c === ' ' || c === '\t' || c === '\r') {
      endWord();
      i += 1;
      continue;
    }

    const op = OPERATORS.find((o) => text.startsWith(o, i));
    if (op) {
      // `2>file`, `2>&1`: digits right before a redirection are its file descriptor.
      if (
        (op.startsWith('<') || op.startsWith('>')) &&
        inWord &&
        /^\d+$/.test(word) &&
        isPlainDigits(text, i, word)
      ) {
        tokens.push({ kind: 'operator', text: word + op });
        word = '';
        inWord = false;
      } else {
        endWord();
        tokens.push({ kind: 'operator', text: op });
      }
      i += op.length;
      continue;
    }

    word += c;
    inWord = true;
    i += 1;
  }
  endWord();
  return { tokens, error };
}

/** The words of the whole text, operators dropped. */
export function splitShellWords(text: string): { words: string[]; error: string | null } {
  const { tokens, error } = tokenizeShell(text);
  const words = tokens.flatMap((t) => (t.kind === 'word' ? [t.text] : []));
  return { words, error };
}

/** The simple commands of the text (split at `;`, `&&`, `|`, newlines...), redirections removed. */
export function splitShellCommands(text: string): { commands: string[][]; error: string | null } {
  const { tokens, error } = tokenizeShell(text);
  const commands: string[][] = [];
  let current: string[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === 'word') {
      current.push(t.text);
    } else if (REDIRECTIONS.has(t.text.replace(/^\d+/, ''))) {
      if (tokens[k + 1]?.kind === 'word') k += 1; // the redirection's target
    } else {
      if (current.length > 0) commands.push(current);
      current = [];
    }
  }
  if (current.length > 0) commands.push(current);
  return { commands, error };
}

/** The digits were typed unquoted right before the operator (not `'2'>x`, which is a word). */
function isPlainDigits(text: string, opAt: number, digits: string): boolean {
  return text.slice(opAt - digits.length, opAt) === digits;
}

function readDoubleQuoted(text: string, start: number): { value: string; end: number; closed: boolean } {
  let value = '';
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') return { value, end: i + 1, closed: true };
    if (c === '\\') {
      const next = text[i + 1];
      // Inside double quotes a backslash escapes only these; elsewhere it is itself.
      if (next === '\n') {
        i += 2;
        continue;
      }
      if (next === '$' || next === '`' || next === '"' || next === '\\') {
        value += next;
        i += 2;
        continue;
      }
    }
    value += c;
    i += 1;
  }
  return { value, end: i, closed: false };
}

function readAnsiC(text: string, start: number): { value: string; end: number; closed: boolean } {
  let value = '';
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "'") return { value, end: i + 1, closed: true };
    if (c === '\\' && i + 1 < text.length) {
      const next = text[i + 1]!;
      const hex = /^x([0-9A-Fa-f]{1,2})/.exec(text.slice(i + 1));
      const oct = /^([0-7]{1,3})/.exec(text.slice(i + 1));
      if (next in ANSI_C_ESCAPES) {
        value += ANSI_C_ESCAPES[next];
        i += 2;
      } else if (hex) {
        value += String.fromCharCode(parseInt(hex[1]!, 16));
        i += 1 + hex[0].length;
      } else if (oct) {
        value += String.fromCharCode(parseInt(oct[1]!, 8));
        i += 1 + oct[0].length;
      } else {
        value += '\\' + next;
        i += 2;
      }
      continue;
    }
    value += c;
    i += 1;
  }
  return { value, end: i, closed: false };
}

/** Index of the `)` closing a `$(` whose body starts at `start`; -1 when missing. */
function findSubstitutionEnd(text: string, start: number): number {
  let depth = 1;
  let i = start;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === "'") {
      const close = text.indexOf("'", i + 1);
      if (close < 0) return -1;
      i = close + 1;
      continue;
    }
    if (c === '"') {
      const r = readDoubleQuoted(text, i + 1);
      if (!r.closed) return -1;
      i = r.end;
      continue;
    }
    if (c === '(') depth += 1;
    if (c === ')') {
      depth -= 1;
      if (depth === 0) return i;
    }
    i += 1;
  }
  return -1;
}

function findBacktickEnd(text: string, start: number): number {
  for (let i = start; i < text.length; i++) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '`') return i;
  }
  return -1;
}
