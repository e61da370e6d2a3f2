/**
 * `explore --profile-end`: the study report's "where the difference comes from" block (the diff of
 * the baseline's and the winner's profiled runs) in text and in the `--json` contract. Formatting
 * only; the runs and the diff come from core/study/closingProfiles.ts.
 */
import type { ClosingProfile } from '../core/study/closingProfiles';
import { contributionLabel, pct, ratio, signed } from './profileReport';
import { ms, renderTable } from './textTable';

const right = { align: 'right' as const };

/** How to see the full diff: by run id when the runs were kept, else by file (if still there). */
export function fullDiffCommand(p: ClosingProfile, saved: boolean): string | null {
  const [a, b] = [p.baseline, p.winner];
  if (!saved || !a.runId || !b?.runId) return null;
  // `--vs` names the "before" side: the baseline.
  return `lar-explorer profile ${b.runId.slice(0, 8)} --vs ${a.runId.slice(0, 8)}`;
}

export function renderClosingProfile(p: ClosingProfile | undefined, saved: boolean): string {
  if (!p) return '';
  if (p.status !== 'ok' || !p.diff || !p.winner)
    return `profile at the end: ${p.status}${p.reason ? ` (${p.reason})` : ''}\n`;
  const d = p.diff;
  let out =
    `where the difference comes from (${p.baseline.candidate} → ${p.winner.candidate}, one profiled run each, ${d.clock} clock):\n` +
    `  ${ms(d.beforeMs)} ms → ${ms(d.afterMs)} ms per run: ${signed(d.deltaMs)} ms (${ratio(d.ratio)})\n`;
  const rows = d.contributions.map((c) => [
    contributionLabel(c),
    signed(c.deltaMs),
    pct(c.shareOfDifference),
  ]);
  if (Math.abs(d.restMs) >= 0.0005)
    rows.push(['the rest', signed(d.restMs), pct(d.deltaMs === 0 ? null : d.restMs / d.deltaMs)]);
  out += indent(
    renderTable(
      [{ header: '' }, { header: 'Δ ms', ...right }, { header: 'of the difference', ...right }],
      rows,
    ),
  );
  if (d.operators.length > 0) {
    out += '  operators that moved most:\n';
    out += indent(
      renderTable(
        [{ header: 'operator' }, { header: 'type' }, { header: 'Δ ms', ...right }],
        d.operators.map((o) => [o.name, o.type, signed(o.deltaMs)]),
      ),
      4,
    );
  }
  const cmd = fullDiffCommand(p, saved);
  out += cmd ? `  full diff: ${cmd}\n` : '  full diff: not kept (add --save to keep the profiled runs)\n';
  out += '  (profiling slows every run: these two runs are not part of the verdict)\n';
  return out;
}

/** The `--json` form: the record's own shape plus the command for the full diff. */
export function closingProfileJson(p: ClosingProfile | undefined, saved: boolean): unknown {
  if (!p) return null;
  return { ...p, fullDiff: fullDiffCommand(p, saved) };
}

function indent(text: string, n = 2): string {
  const pad = ' '.repeat(n);
  return text
    .split('\n')
    .map((l) => (l ? pad + l : l))
    .join('\n');
}
