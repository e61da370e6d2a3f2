/**
 * `explore --profile-end`: the study report's "where the difference comes from" block (the diff of
 * the baseline's and the winner's profiled runs) in text and in the `--json` contract. Formatting
 * only; the runs and the diff come from core/study/closingProfiles.ts.
 */
import type { ClosingProfile } from '../core/study/closingProfiles';
import { say, type Bilingual, type CliLanguage, type Vars } from './cliLanguage';
import { clockText, contributionLabel, pct, ratio, signed } from './profileReport';
import { PROFILE_REPORT_TEXTS as T } from './profileReportTexts';
import { ms, renderTable } from './textTable';

const right = { align: 'right' as const };

/** How to see the full diff: by run id when the runs were kept, else by file (if still there). */
export function fullDiffCommand(p: ClosingProfile, saved: boolean): string | null {
  const [a, b] = [p.baseline, p.winner];
  if (!saved || !a.runId || !b?.runId) return null;
  // `--vs` names the "before" side: the baseline.
  return `lar-explorer profile ${b.runId.slice(0, 8)} --vs ${a.runId.slice(0, 8)}`;
}

const STATUS_TEXT: Readonly<Record<ClosingProfile['status'], Bilingual>> = {
  ok: T.statusOk,
  failed: T.statusFailed,
  skipped: T.statusSkipped,
};

export function renderClosingProfile(
  p: ClosingProfile | undefined,
  saved: boolean,
  lang: CliLanguage = 'en',
): string {
  const t = (entry: Bilingual, vars?: Vars): string => say(lang, entry, vars);
  if (!p) return '';
  if (p.status !== 'ok' || !p.diff || !p.winner) {
    // The reason comes from core, in English.
    const reason = p.reason ? t(T.closingReason, { reason: p.reason }) : '';
    return t(T.closingStatus, { status: STATUS_TEXT[p.status] ?? p.status, reason }) + '\n';
  }
  const d = p.diff;
  let out =
    t(T.closingHeader, {
      baseline: p.baseline.candidate,
      winner: p.winner.candidate,
      clock: clockText(d.clock),
    }) +
    '\n' +
    t(T.closingPerRun, {
      before: ms(d.beforeMs),
      after: ms(d.afterMs),
      delta: signed(d.deltaMs),
      ratio: ratio(d.ratio),
    }) +
    '\n';
  const rows = d.contributions.map((c) => [
    contributionLabel(c, lang),
    signed(c.deltaMs),
    pct(c.shareOfDifference),
  ]);
  if (Math.abs(d.restMs) >= 0.0005)
    rows.push([t(T.theRest), signed(d.restMs), pct(d.deltaMs === 0 ? null : d.restMs / d.deltaMs)]);
  out += indent(
    renderTable(
      [{ header: '' }, { header: t(T.colDeltaMs), ...right }, { header: t(T.colOfDifference), ...right }],
      rows,
    ),
  );
  if (d.operators.length > 0) {
    out += t(T.movedMost) + '\n';
    out += indent(
      renderTable(
        [{ header: t(T.colOperator) }, { header: t(T.colType) }, { header: t(T.colDeltaMs), ...right }],
        d.operators.map((o) => [o.name, o.type, signed(o.deltaMs)]),
      ),
      4,
    );
  }
  const command = fullDiffCommand(p, saved);
  out += (command ? t(T.fullDiff, { command }) : t(T.fullDiffNotKept)) + '\n';
  out += t(T.notInVerdict) + '\n';
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
