/**
 * Reads a load_and_run binary's `--help` (gflags format) into the set of flags that build accepts,
 * so the UI can grey out what a target's binary lacks (a CPU-only build has no --cuda).
 *
 * gflags prints, per defining file, one entry per flag:
 *     -name (description that may wrap
 *       onto indented lines) type: T default: D [currently: C]
 * with underscores in names (gflags_reporting.cc `DescribeOneFlag`). Names are returned in the
 * catalogue's dash spelling. gflags' own flags (--flagfile, --helpxml ...) are included: the binary
 * does accept them.
 */

import type { FlagCatalog } from '../../engine';
import { normalizeFlagName } from './catalog';

export interface LarHelpFlag {
  /** gflags type as printed: bool, int32, uint64, double, string. */
  type: string | null;
  /** Default as printed, string quotes removed. */
  default: string | null;
  /** The `Flags from FILE:` heading the flag was listed under. */
  source: string | null;
}

export interface LarHelp {
  flags: Set<string>;
  /** The usage line (`load_and_run <model_path> [options Flags...]`), when present. */
  usage: string | null;
  details: Map<string, LarHelpFlag>;
}

const FLAG_LINE = /^ {0,6}-([A-Za-z][A-Za-z0-9_-]*) \(/;
const SOURCE_LINE = /^\s*Flags from (.+):\s*$/;
const TYPE_TAIL = /type: (\S+)\s+default: (.*?)(?:\s+currently: .*)?$/;

/** Parse `--help` text. Never throws; text that is not gflags help gives an empty set. */
export function parseLarHelp(text: string): LarHelp {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const flags = new Set<string>();
  const details = new Map<string, LarHelpFlag>();
  let usage: string | null = null;
  let source: string | null = null;
  let current: { name: string; text: string } | null = null;

  const finish = (): void => {
    if (!current) return;
    const tail = TYPE_TAIL.exec(current.text.replace(/\s+/g, ' ').trim());
    const rawDefault = tail?.[2]?.trim() ?? null;
    details.set(current.name, {
      type: tail?.[1] ?? null,
      default: rawDefault === null ? null : rawDefault.replace(/^"(.*)"$/, '$1'),
      source,
    });
    current = null;
  };

  for (const line of lines) {
    const src = SOURCE_LINE.exec(line);
    if (src) {
      finish();
      source = src[1]!;
      continue;
    }
    const m = FLAG_LINE.exec(line);
    if (m) {
      finish();
      const name = normalizeFlagName(m[1]!);
      flags.add(name);
      current = { name, text: line };
      continue;
    }
    if (current && /^\s+\S/.test(line)) {
      current.text += ' ' + line.trim();
      continue;
    }
    finish();
    // gflags' usage line: "<program>: <usage message>", the first non-empty line.
    if (usage === null && flags.size === 0 && line.trim() !== '') {
      const u = /^\S*load_and_run\S*:\s*(.+)$/.exec(line.trim());
      if (u) usage = u[1]!.trim();
    }
  }
  finish();
  return { flags, usage, details };
}

/** Catalogue flags the binary does not accept, in catalogue order. */
export function missingFlags(catalog: FlagCatalog, supported: Set<string>): string[] {
  return catalog.flags.map((f) => f.name).filter((name) => !supported.has(name));
}
