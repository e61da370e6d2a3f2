/**
 * The Explore panel's "where the difference comes from": a study's closing profiles (the baseline
 * and the winner profiled once more after the verdict) put into words for the webview. Numbers
 * come from core/study/closingProfiles.ts; this only formats and localizes them.
 */
import * as vscode from 'vscode';
import type { DiffContribution } from '../../core/profile/profileDiff';
import type { ClosingProfile } from '../../core/study/closingProfiles';
import type { ClosingProfileView } from '../../shared/exploreClosingProfile';
import type { TargetSnapshot } from './studySnapshot';

const signedMs = (x: number): string => `${x > 0 ? '+' : x < 0 ? '−' : ''}${Math.abs(x).toFixed(3)} ms`;
const share = (x: number | null): string => (x === null ? '–' : `${(x * 100).toFixed(1)}%`);

function note(): string {
  return vscode.l10n.t('Profiling slows every run: these two profiled runs are not part of the verdict.');
}

function contributionLabel(c: DiffContribution): string {
  if (c.kind === 'type')
    return c.operators === 1
      ? vscode.l10n.t('{0} (1 operator)', c.type ?? '')
      : vscode.l10n.t('{0} ({1} operators)', c.type ?? '', c.operators);
  if (c.kind === 'inserted') return vscode.l10n.t('inserted ({0} operators)', c.operators);
  if (c.kind === 'removed') return vscode.l10n.t('removed ({0} operators)', c.operators);
  return vscode.l10n.t('everything else ({0} operators)', c.operators);
}

/** The view of a target's closing profiles; undefined when the study did not ask for them. */
export function closingProfileView(t: TargetSnapshot): ClosingProfileView | undefined {
  if (t.profiling)
    return {
      state: 'running',
      headline: vscode.l10n.t('Profiling the baseline and the winner once more…'),
      detail: '',
      lines: [],
      operators: [],
      note: note(),
    };
  const p: ClosingProfile | undefined = t.closingProfile;
  if (!p) return undefined;
  if (p.status !== 'ok' || !p.diff || !p.winner)
    return {
      state: p.status === 'ok' ? 'failed' : p.status,
      headline:
        p.status === 'skipped'
          ? vscode.l10n.t('No closing profiles: {0}', p.reason ?? '')
          : vscode.l10n.t('The closing profiles failed: {0}', p.reason ?? ''),
      detail: '',
      lines: [],
      operators: [],
      note: note(),
    };
  const d = p.diff;
  const lines = d.contributions.map((c) => ({
    label: contributionLabel(c),
    deltaText: signedMs(c.deltaMs),
    shareText: share(c.shareOfDifference),
  }));
  if (Math.abs(d.restMs) >= 0.0005)
    lines.push({
      label: vscode.l10n.t('the rest'),
      deltaText: signedMs(d.restMs),
      shareText: share(d.deltaMs === 0 ? null : d.restMs / d.deltaMs),
    });
  return {
    state: 'ok',
    headline: vscode.l10n.t(
      'Where the difference comes from: {0} → {1}',
      p.baseline.candidate,
      p.winner.candidate,
    ),
    detail: vscode.l10n.t(
      '{0} → {1} per run: {2} ({3}), {4} clock, one profiled run each',
      `${d.beforeMs.toFixed(3)} ms`,
      `${d.afterMs.toFixed(3)} ms`,
      signedMs(d.deltaMs),
      d.ratio === null ? '–' : `×${d.ratio.toFixed(2)}`,
      d.clock === 'device' ? vscode.l10n.t('device') : vscode.l10n.t('host'),
    ),
    lines,
    operators: d.operators.map((o) => ({ name: o.name, type: o.type, deltaText: signedMs(o.deltaMs) })),
    note: note(),
    ...(p.baseline.runId && p.winner.runId ? { diffLabel: vscode.l10n.t('Open the operator diff') } : {}),
  };
}

/** The two closing runs of a target, baseline first, in the Compare panel (its "Operator diff" tab). */
export async function openClosingProfileDiff(t: TargetSnapshot | undefined): Promise<void> {
  const p = t?.closingProfile;
  if (!p?.baseline.runId || !p.winner?.runId) return;
  // The runs were saved moments ago: let the history read them before Compare looks them up.
  await vscode.commands.executeCommand('lar-explorer.refreshModels');
  await vscode.commands.executeCommand('lar-explorer.compareRuns', undefined, [
    p.baseline.runId,
    p.winner.runId,
  ]);
}
