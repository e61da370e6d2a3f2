/**
 * The Compare panel's operator-diff tab, host side: for the baseline and each other compared run
 * that both brought back a profile, read both (core's streaming reader), diff them (core's
 * `diffProfiles`) and put the result into words. Runs without a profile are left out; with fewer
 * than two profiled runs there is no tab. Reading stays off the panel's first paint: the panel
 * sends this after its `init`.
 */
import { stat } from 'node:fs/promises';
import * as vscode from 'vscode';
import {
  diffProfiles,
  profilePathOf,
  profileReadOptionsOf,
  readProfileFile,
  type DiffContribution,
  type OperatorDelta,
  type OperatorProfile,
  type ProfileDiff,
} from '../../core/profile';
import type { RunRecord } from '../../core/records/runRecord';
import type { UiStrings } from '../../shared/protocol';
import type {
  ProfileContributionView,
  ProfileDiffRowView,
  ProfileDiffView,
} from '../../shared/profileProtocol';
import { runSummaryLabel } from '../history/runItem';

const ROWS = 40;

const ms = (x: number): string => `${x.toFixed(3)} ms`;
const signedMs = (x: number): string => `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(3)} ms`;
const pct = (x: number | null): string =>
  x === null ? '–' : `${(Math.abs(x) < 0.0005 ? 0 : x * 100).toFixed(1)}%`;

/** The profile file of a record: an absolute artifact path, or one relative to a workspace folder. */
async function profileFileOf(record: RunRecord): Promise<string | null> {
  const folders = vscode.workspace.workspaceFolders ?? [];
  for (const base of folders.length > 0 ? folders.map((f) => f.uri.fsPath) : [process.cwd()]) {
    const file = profilePathOf(record, base);
    if (
      file &&
      (await stat(file).then(
        (s) => s.isFile(),
        () => false,
      ))
    )
      return file;
  }
  return null;
}

function matchText(m: OperatorDelta['match']): string {
  switch (m) {
    case 'name':
      return vscode.l10n.t('same name');
    case 'type-position':
      return vscode.l10n.t('type + position');
    case 'inserted':
      return vscode.l10n.t('inserted');
    case 'removed':
      return vscode.l10n.t('removed');
  }
}

function operatorsText(n: number): string {
  return n === 1 ? vscode.l10n.t('1 operator') : vscode.l10n.t('{0} operators', n);
}

function contributionView(c: DiffContribution, total: number): ProfileContributionView {
  const label =
    c.kind === 'type'
      ? `${c.type} (${operatorsText(c.operators)})`
      : c.kind === 'inserted'
        ? vscode.l10n.t('Inserted operators ({0})', c.operators)
        : c.kind === 'removed'
          ? vscode.l10n.t('Removed operators ({0})', c.operators)
          : vscode.l10n.t('Everything else ({0})', operatorsText(c.operators));
  const same = total === 0 || c.deltaMs === 0;
  return {
    label,
    deltaText: signedMs(c.deltaMs),
    shareText: pct(c.shareOfDifference),
    direction: same ? 'none' : c.deltaMs < 0 ? 'gain' : 'loss',
  };
}

function rowView(o: OperatorDelta): ProfileDiffRowView {
  return {
    name: o.name,
    previous: o.beforeName && o.beforeName !== o.name ? vscode.l10n.t('was {0}', o.beforeName) : '',
    type: o.type,
    match: o.match,
    matchText: matchText(o.match),
    beforeText: o.before ? ms(o.beforeMs) : '–',
    afterText: o.after ? ms(o.afterMs) : '–',
    deltaText: signedMs(o.deltaMs),
    deltaMs: o.deltaMs,
    ratioText: o.ratio === null ? '–' : `×${o.ratio.toFixed(2)}`,
    shareText: pct(o.shareOfDifference),
    jitterText: o.withinJitter ? vscode.l10n.t('within jitter') : '',
  };
}

export function buildProfileDiffView(
  before: RunRecord,
  after: RunRecord,
  diff: ProfileDiff,
  profiles: [OperatorProfile, OperatorProfile],
): ProfileDiffView {
  const title = (r: RunRecord): string => r.label ?? runSummaryLabel(r);
  const top = diff.summary[0];
  const direction = diff.deltaMs < 0 ? vscode.l10n.t('gain') : vscode.l10n.t('loss');
  const headline =
    top && diff.deltaMs !== 0
      ? vscode.l10n.t(
          '{0}: {1}, {2} of the {3}',
          contributionView(top, diff.deltaMs).label,
          signedMs(top.deltaMs),
          pct(top.shareOfDifference),
          direction,
        )
      : vscode.l10n.t('The two profiles take the same time.');
  const notes = [
    vscode.l10n.t(
      'Each side is one profiled run: a difference smaller than the run-to-run noise of the whole model (see the phase table) may be noise.',
    ),
  ];
  if (profiles[0].engine !== profiles[1].engine || profiles[0].clock !== profiles[1].clock) {
    notes.push(
      vscode.l10n.t('The two profiles use different clocks: their times are not directly comparable.'),
    );
  }
  return {
    beforeRunId: before.id,
    afterRunId: after.id,
    title: `${title(before)} → ${title(after)}`,
    summary: vscode.l10n.t(
      '{0} → {1} per run: {2} ({3})',
      ms(diff.beforeMs),
      ms(diff.afterMs),
      signedMs(diff.deltaMs),
      diff.ratio === null ? '–' : `×${diff.ratio.toFixed(2)}`,
    ),
    headline,
    contributions: diff.summary.map((c) => contributionView(c, diff.deltaMs)),
    total: {
      label: vscode.l10n.t('Total'),
      deltaText: signedMs(diff.deltaMs),
      shareText: diff.deltaMs === 0 ? '–' : '100.0%',
      direction: diff.deltaMs === 0 ? 'none' : diff.deltaMs < 0 ? 'gain' : 'loss',
    },
    operators: diff.operators.slice(0, ROWS).map(rowView),
    moreOperators:
      diff.operators.length > ROWS
        ? vscode.l10n.t('… and {0} more operators', diff.operators.length - ROWS)
        : '',
    notes,
  };
}

/** Diffs of each profiled run against the baseline (oldest first); empty when fewer than two have profiles. */
export async function profileDiffsFor(
  records: readonly RunRecord[],
  baselineId: string,
  log: vscode.LogOutputChannel,
): Promise<ProfileDiffView[]> {
  const baseline = records.find((r) => r.id === baselineId);
  if (!baseline) return [];
  const baseFile = await profileFileOf(baseline);
  if (!baseFile) return [];
  const views: ProfileDiffView[] = [];
  let baseProfile: OperatorProfile | undefined;
  for (const r of records) {
    if (r.id === baselineId) continue;
    const file = await profileFileOf(r);
    if (!file) continue;
    try {
      baseProfile ??= await readProfileFile(baseFile, profileReadOptionsOf(baseline));
      const profile = await readProfileFile(file, profileReadOptionsOf(r));
      views.push(
        buildProfileDiffView(baseline, r, diffProfiles(baseProfile, profile), [baseProfile, profile]),
      );
    } catch (err) {
      log.warn(`Compare panel: cannot diff the profiles of ${baseline.id} and ${r.id}: ${String(err)}`);
    }
  }
  return views;
}

export function profileDiffUiStrings(): UiStrings {
  return {
    phasesTab: vscode.l10n.t('Phases'),
    diffTab: vscode.l10n.t('Operator diff'),
    tabsLabel: vscode.l10n.t('Compare views'),
    contributionsTitle: vscode.l10n.t('Where the difference comes from'),
    contribution: vscode.l10n.t('Part'),
    delta: vscode.l10n.t('Δ per run'),
    ofDifference: vscode.l10n.t('Of the difference'),
    operatorsTitle: vscode.l10n.t('Operators, largest change first'),
    operator: vscode.l10n.t('Operator'),
    type: vscode.l10n.t('Type'),
    match: vscode.l10n.t('Matched by'),
    before: vscode.l10n.t('Before'),
    after: vscode.l10n.t('After'),
    ratio: vscode.l10n.t('Ratio'),
    notesTitle: vscode.l10n.t('Read with care'),
  };
}
