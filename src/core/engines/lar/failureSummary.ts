/**
 * One plain sentence for a failed load_and_run run, derived from the parsed result alone (its
 * error messages and how far the timings got), so the parser, the exit-reason logic and a stored
 * run record all agree without the raw log. Each rule names the real log it was written from
 * (`reference/real-logs/`). Pure; never throws.
 */
import type { ParsedResult, ToolMessage } from '../../engine';

/** The fatal facts a summary is built from, gathered from the error messages in order. */
interface FatalFacts {
  exception: string | null;
  what: string | null;
  extra: string | null;
  gflags: string | null;
  invalidArg: string | null;
  lite: string | null;
  io: string | null;
  segfault: boolean;
  notFound: boolean;
}

function gather(messages: readonly ToolMessage[]): FatalFacts {
  const f: FatalFacts = {
    exception: null,
    what: null,
    extra: null,
    gflags: null,
    invalidArg: null,
    lite: null,
    io: null,
    segfault: false,
    notFound: false,
  };
  for (const m of messages) {
    if (m.level !== 'error') continue;
    const t = m.text;
    let x: RegExpExecArray | null;
    if ((x = /terminate called after throwing an instance of '([^']*)'/.exec(t))) {
      // The first exception is the cause; C++ can only terminate once, but --thread may repeat it.
      f.exception ??= x[1];
    } else if ((x = /^what\(\):\s*([\s\S]*)$/.exec(t))) f.what ??= x[1];
    else if ((x = /^extra message:\s*([\s\S]*)$/.exec(t))) f.extra ??= x[1];
    else if (/^(?:unknown command line flag|illegal value|flag '.*' is missing)/.test(t)) f.gflags ??= t;
    else if ((x = /^invalid arg:\s*(.*)$/.exec(t))) f.invalidArg ??= x[1];
    else if ((x = /^Lite exception:\s*(.*)$/.exec(t))) f.lite ??= x[1];
    else if (/^io error:/.test(t)) f.io ??= t;
    else if (/Segmentation fault|SIGSEGV/.test(t)) f.segfault = true;
    else if (/load_and_run: (?:command not found|not found|No such file or directory)$/.test(t))
      f.notFound = true;
  }
  return f;
}

/** True when the result shows the tool died or refused to start (not a recoverable `[ERR]`). */
export function hasFatalError(result: Pick<ParsedResult, 'messages'>): boolean {
  const f = gather(result.messages);
  return Boolean(f.exception || f.what || f.gflags || f.invalidArg || f.segfault || f.notFound);
}

const LT_DUMP_HINT =
  'a model written by --layout-transform-dump from a model with an embedded test case fails this way; dump from a model without test case instead';

/**
 * The one-sentence cause of a failed run, or null when nothing fatal was printed. Rules run from the
 * most specific to a generic "aborted: <what>".
 */
export function summarizeFailure(
  result: Pick<ParsedResult, 'messages' | 'phases' | 'totalMs' | 'iterations'>,
): string | null {
  const f = gather(result.messages);
  let m: RegExpExecArray | null;

  if (f.gflags) {
    // 29_unknown_flag, 33_cuda: gflags rejects a flag this build does not know.
    if ((m = /^unknown command line flag '([^']*)'/.exec(f.gflags))) return `unknown flag --${m[1]}`;
    // 44_bad_int_value: `illegal value 'abc' specified for int32 flag 'iter'`.
    if ((m = /^illegal value '([^']*)' specified for (\S+) flag '([^']*)'/.exec(f.gflags)))
      return `illegal value '${m[1]}' for --${m[3]} (expects ${m[2]})`;
    return f.gflags;
  }
  if (f.invalidArg !== null) {
    // Older tool: `invalid arg: --xyz`.
    return f.invalidArg.startsWith('-')
      ? `unknown flag ${f.invalidArg}`
      : `invalid argument: ${f.invalidArg}`;
  }
  if (f.notFound) return 'load_and_run was not found on the target (command not found)';

  const what = f.what ?? '';
  const extra = f.extra ?? '';
  const measured = result.totalMs !== null || result.iterations.length > 0;
  if (f.exception || f.what) {
    if ((m = /failed to open (.+?): ([^:]+)$/.exec(extra))) {
      const [, path, why] = m;
      // 28_nonexistent_model: assertion `fin' while reading the model file.
      if (what.includes("`fin'") || (result.phases.loadMs === null && !measured)) {
        return why === 'No such file or directory'
          ? `model file not found: ${path}`
          : `cannot open model file ${path}: ${why}`;
      }
      // 45_unwritable_algo_cache: assertion `m_fp' after the timings, when the cache is written.
      if (what.includes("`m_fp'") || measured) return `cannot write algo cache ${path}: ${why}`;
      return `cannot open ${path}: ${why}`;
    }
    // 49_algo_policy_nonexistent_file_no_fastrun.
    if (extra.includes('--fast-run or --full-run should be enabled')) {
      return 'the --fast-run-algo-policy cache file does not exist; add --fast-run or --full-run to create it';
    }
    // 30_corrupt_model (and pty/pty_both_corrupt_lite_err): a pickle or garbage instead of a graph dump.
    if (/invalid model format/.test(what) || /invalid model format/.test(f.lite ?? '')) {
      return 'not a MegEngine graph dump (invalid model format)';
    }
    // convnet/15_run_lt_dump_of_testmodel.
    if (f.exception === 'mgb::SerializationError' || /model verification failed/.test(what)) {
      return `model verification failed (invalid or corrupted model?); ${LT_DUMP_HINT}`;
    }
    // 17_run_dumped_lt_model.
    if (what.includes("`nr == size'")) {
      return `the model's embedded test case does not match its inputs (assertion \`nr == size'); ${LT_DUMP_HINT}`;
    }
    // 32_input_missing_npy: the npy reader prints its complaints, then bad_alloc.
    if (f.io) {
      const first = /^io error: [^.]*/.exec(f.io)?.[0] ?? f.io;
      return `input file missing or not a valid .npy file (${first}); check the --input paths`;
    }
    if (f.exception === 'std::bad_alloc') return 'out of memory (std::bad_alloc)';
    const detail = (extra || what || '').trim();
    const type = f.exception ? ` (${f.exception})` : '';
    return detail ? `load_and_run aborted${type}: ${detail}` : `load_and_run aborted${type}`;
  }
  if (f.segfault) return 'load_and_run crashed (segmentation fault)';
  return null;
}
