/**
 * The line grammar of load_and_run's output, both generations (reference §2): how a raw line is
 * cleaned (ANSI colours, CR, logger header) and the patterns of every line the parser reads.
 * Pure data and pure functions; the state machine that uses them lives in `outputParser.ts`.
 *
 * Format strings mirrored here:
 * - current tool, `lite/load_and_run/src/strategys/strategy_normal.cpp` (`load model: %.3fms`,
 *   `=== prepare: %.3fms; going to warmup`, `warm up %d  %.3fms`, `iter %d/%d: e2e=%.3f ms
 *   (host=%.3f ms)`, `=== finished test #%u: time=%.3f ms avg_time=%.3f ms standard_deviation=%.3f
 *   ms min=%.3f ms max=%.3f ms`, `=== total time: %.3fms`) and `strategy_fitting.cpp`
 *   (`config model time %f ms`, `warm up %d time %f ms`, `run iter %d time %f ms`, `profile
 *   option:\n%s\n avg_time=%.3f ms`, stdout `the best options:\n%s`);
 * - older tool, `sdk/load-and-run/src/mgblar.cpp` (`warmup %d: %.3fms`, `iter %d/%d: %.3fms
 *   (exec=%.3f,device=%.3f)`, `=== finished test #%d: time=%.3fms avg_time=%.3fms sd=%.3fms
 *   minmax=%.3f,%.3f`, `=== finished run #%d: time=%.3fms`, `avg time: %.3fms`).
 */
import type { ToolMessage } from '../../engine';

/** A `%.3f`/`%f` number as C prints it, including the non-finite spellings glibc uses. */
const NUM = String.raw`([-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?|[-+]?nan(?:\([^)]*\))?|[-+]?inf(?:inity)?)`;

/** Parses a number matched by NUM; nan/inf (e.g. `--iter 1` divides by zero) become null. */
export function parseNumber(text: string | undefined): number | null {
  if (text === undefined) return null;
  const n = Number(text);
  return Number.isFinite(n) ? n : null;
}

// CSI sequences: colours (`\x1b[32m`, `\x1b[1;31m`) and the odd cursor move a pty may add.
// eslint-disable-next-line no-control-regex -- ESC is what these sequences are made of.
const ANSI = /\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>]/g;

export function stripAnsi(line: string): string {
  return line.includes('\x1b') ? line.replace(ANSI, '') : line;
}

/**
 * MegBrain's logger header: `[DD HH:MM:SS @:LINE]` (release), `[DD HH:MM:SS func@file.cpp:LINE]`
 * (debug), `[DD HH:MM:SS @about location info, please build with debug:LINE]` (seen in the real
 * fitting log), optionally followed by a level tag. The function part may hold `]` (operator[]),
 * so it runs lazily up to the `@`.
 */
const HEADER = /^\[\d{1,2} \d{2}:\d{2}:\d{2}(?:\.\d+)? [^@]*?@[^\]]*\](?:\[([A-Z]+)\])? ?/;
/** A bare level tag without time, as the older tool's logger may print (`[WARN] enable nchw44 ...`). */
const BARE_TAG = /^\[(WARN|WARNING|ERR|ERROR|DEBUG|INFO)\] ?/;
/** MegEngine Lite's own logger: `LITE[ERR] 02:48:25.429311 Lite exception: ...`. */
const LITE_LINE = /^LITE\[([A-Z]+)\]\s*(?:\d{2}:\d{2}:\d{2}(?:\.\d+)?\s+)?(.*)$/;

export type LineLevel = 'info' | 'warn' | 'error' | 'debug';

export interface CleanLine {
  /** The message without header, colour codes or line end. */
  body: string;
  /** True when the line carried a logger header (a new message starts). */
  headed: boolean;
  /** True for MegEngine Lite's `LITE[...]` lines. */
  lite: boolean;
  level: LineLevel;
}

function levelOf(tag: string | undefined): LineLevel {
  switch (tag) {
    case 'WARN':
    case 'WARNING':
    case 'WRN':
      return 'warn';
    case 'ERR':
    case 'ERROR':
      return 'error';
    case 'DEBUG':
    case 'DBG':
      return 'debug';
    default:
      return 'info';
  }
}

/** Cleans one raw line (without its `\n`): drops CR, colour codes, the logger header. */
export function cleanLine(raw: string): CleanLine {
  let line = stripAnsi(raw);
  if (line.endsWith('\r')) line = line.replace(/\r+$/, '');
  const c0 = line.charCodeAt(0);
  if (c0 === 91 /* [ */) {
    const h = HEADER.exec(line);
    if (h) {
      const body = line.slice(h[0].length);
      // Tolerate a space between header and tag (`@:258] [WARN] ...`), as other builds may print.
      const t = h[1] === undefined && body.charCodeAt(0) === 91 ? BARE_TAG.exec(body) : null;
      if (t) return { body: body.slice(t[0].length), headed: true, lite: false, level: levelOf(t[1]) };
      return { body, headed: true, lite: false, level: levelOf(h[1]) };
    }
    const t = BARE_TAG.exec(line);
    if (t) return { body: line.slice(t[0].length), headed: true, lite: false, level: levelOf(t[1]) };
  } else if (c0 === 76 /* L */ && line.startsWith('LITE[')) {
    const m = LITE_LINE.exec(line);
    if (m) return { body: m[2], headed: true, lite: true, level: levelOf(m[1]) };
  }
  return { body: line, headed: false, lite: false, level: 'info' };
}

// --- timing lines (matched against the trimmed body) -------------------------------------------

export const RE = {
  /** `megbrain/lite/load_and_run:` — the current tool's banner; the version follows on the next line. */
  liteBanner: /load_and_run:$/,
  /** `mgb load-and-run: using MegBrain 1.6.0(0) and MegDNN 9.3.0` — the older tool's banner. */
  legacyBanner: /^mgb load-and-run:/,
  // The `(0)` after the version is the build revision; the contract keeps the bare version ("1.13.2").
  version: /using MegBrain (\S+?)(?:\(\d+\))? and MegDNN (\S+)/,
  load: new RegExp(String.raw`^load model:\s*${NUM}\s*ms`),
  testcase: /^run testcase:\s*(\d+)/,
  legacyTestcase: /^=== going to run test #(\d+)/,
  prepare: new RegExp(String.raw`^=== prepare:\s*${NUM}\s*ms`),
  /** Lite `warm up 0  2.615ms`; the fitting form `warm up 0 time 14.6 ms` must not match. */
  warmup: new RegExp(String.raw`^warm up (\d+)\s+${NUM}\s*ms`),
  legacyWarmup: new RegExp(String.raw`^warmup (\d+):\s*${NUM}\s*ms`),
  iter: new RegExp(String.raw`^iter (\d+)/(\d+):\s*e2e=${NUM}\s*ms(?:\s*\(host=${NUM}\s*ms\))?`),
  legacyIter: new RegExp(
    String.raw`^iter (\d+)/(\d+):\s*${NUM}\s*ms(?:\s*\(exec=${NUM}\s*,\s*device=${NUM}\s*\))?`,
  ),
  /** Both generations: `standard_deviation=X ms min=X ms max=X ms` or `sd=Xms minmax=X,X`. */
  finished: new RegExp(
    String.raw`^=== finished test #(\d+):\s*time=${NUM}\s*ms\s+avg_time=${NUM}\s*ms\s+(?:standard_deviation|sd)=${NUM}\s*ms` +
      String.raw`(?:\s+min=${NUM}\s*ms\s+max=${NUM}\s*ms|\s+minmax=${NUM}\s*,\s*${NUM})?`,
  ),
  legacyFinishedRun: new RegExp(String.raw`^=== finished run #(\d+):\s*time=${NUM}\s*ms`),
  legacyAvg: new RegExp(String.raw`^avg time:\s*${NUM}\s*ms`),
  total: new RegExp(String.raw`^=== total time:\s*${NUM}\s*ms`),
  fittingConfig: new RegExp(String.raw`^config model time\s+${NUM}\s*ms`),
  fittingWarmup: new RegExp(String.raw`^warm up (\d+) time\s+${NUM}\s*ms`),
  fittingIter: new RegExp(String.raw`^run iter (\d+) time\s+${NUM}\s*ms`),
  fittingOption: /^profile option:\s*$/,
  fittingAvg: new RegExp(String.raw`^avg_time=${NUM}\s*ms`),
  fittingBest: /^the best options:\s*$/,
  optionLine: /^--\S/,
  // --- fatal and error lines
  terminate: /terminate called after throwing an instance of '([^']*)'/,
  what: /^what\(\):\s*(.*)$/,
  extra: /^extra message:\s*(.*)$/,
  gflagsError: /^ERROR: (.*)$/,
  legacyInvalidArg: /^invalid arg:\s*(.*)$/,
  ioError: /^io error:/,
  segfault: /Segmentation fault|SIGSEGV/,
  aborted: /^Aborted(?: \(core dumped\))?$/,
  commandNotFound: /load_and_run: (?:command not found|not found|No such file or directory)$/,
} as const;

/** Where `terminate called after throwing` starts when an earlier unterminated print precedes it. */
export const TERMINATE_PREFIX = 'terminate called after throwing';

/** Tidies a message for people: trims, collapses the tool's double spaces (`what():  x`). */
export function tidy(text: string): string {
  return text.trim().replace(/[ \t]{2,}/g, ' ');
}

export function message(level: ToolMessage['level'], text: string): ToolMessage {
  return { level, text: tidy(text) };
}
