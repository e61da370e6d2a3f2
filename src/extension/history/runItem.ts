/**
 * How one run looks in the Models tree: label (mean inference time · what differs from its sibling
 * runs), status
 * icon in the test-result colours, the pinned baseline, and a tooltip with the exact command and the
 * reason a run did not succeed. Presentation only: the numbers come from the record (`summarizeRun`).
 */
import * as vscode from 'vscode';
import type { RunBasics } from '../../core/records/runHead';
import type { RunStatus } from '../../core/records/runRecord';
import { shortFlag, type RunDistinction } from '../../core/records/runDistinctions';
import { flagsText, summarizeRun } from '../../core/records/runSummary';
import { hasProfile, isProfiledRun } from '../../core/profile/recordProfile';

const STATUS_ICONS: Record<RunStatus, { icon: string; color: string }> = {
  ok: { icon: 'pass', color: 'testing.iconPassed' },
  failed: { icon: 'error', color: 'testing.iconFailed' },
  cancelled: { icon: 'circle-slash', color: 'testing.iconSkipped' },
  timeout: { icon: 'watch', color: 'testing.iconErrored' },
  partial: { icon: 'warning', color: 'testing.iconQueued' },
};

export function statusText(status: RunStatus): string {
  switch (status) {
    case 'ok':
      return vscode.l10n.t('ok');
    case 'failed':
      return vscode.l10n.t('failed');
    case 'cancelled':
      return vscode.l10n.t('cancelled');
    case 'timeout':
      return vscode.l10n.t('timed out');
    case 'partial':
      return vscode.l10n.t('partial');
  }
}

/** `0.097 ms`: the tool prints three decimals, so do we. */
export function formatMs(ms: number): string {
  return `${ms.toFixed(3)} ms`;
}

/** `local · --fast-run --weight-preprocess · 0.097 ms` (or the status when there is no mean): the long form. */
export function runSummaryLabel(record: RunBasics): string {
  const row = summarizeRun(record);
  const flags = row.flags || vscode.l10n.t('default flags');
  return `${record.target} · ${flags} · ${timingText(record)}`;
}

function timingText(record: RunBasics): string {
  const mean = summarizeRun(record).meanMs;
  return mean !== null ? formatMs(mean) : statusText(record.status);
}

/**
 * The short form for the tree, where a side bar cuts labels at ~40 characters: the mean first, then
 * only what differs from the model's other runs (`0.420 ms · level=disabled`); the long form is in
 * the tooltip.
 */
export function runShortLabel(record: RunBasics, distinction?: RunDistinction): string {
  const all = flagsText(record.flags);
  // Its own flags say most; a run with flags but none of its own is told by what it leaves out
  // ("no --fast-run"); a run without flags is "default flags", whatever the others have.
  let flags: string[] = distinction?.only ?? [];
  if (flags.length === 0 && all && distinction && distinction.lacks.length > 0)
    flags = distinction.lacks.map((f) => vscode.l10n.t('no {0}', f));
  if (flags.length === 0) flags = all ? all.split(' ').map(shortFlag) : [vscode.l10n.t('default flags')];
  const target = distinction?.target ? [distinction.target] : [];
  return [timingText(record), ...target, flags.join(' ')].join(' · ');
}

/** `2025-03-04 05:06:07` in local time: when the run started. */
export function runStartText(record: RunBasics): string {
  const t = new Date(record.startedAt);
  if (Number.isNaN(t.getTime())) return record.startedAt;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${t.getFullYear()}-${p(t.getMonth() + 1)}-${p(t.getDate())} ${p(t.getHours())}:${p(t.getMinutes())}:${p(t.getSeconds())}`;
}

export function runTreeItem(record: RunBasics, distinction?: RunDistinction): vscode.TreeItem {
  const summary = runShortLabel(record, distinction);
  const item = new vscode.TreeItem(record.label ?? summary, vscode.TreeItemCollapsibleState.None);
  item.id = `run:${record.id}`;
  item.contextValue = record.baseline ? 'run-baseline' : 'run';
  // A separate token, so menus for every run still match `^run(-baseline)?` and "Show Profile" asks for it.
  if (hasProfile(record)) item.contextValue += ':profile';
  const { icon, color } = STATUS_ICONS[record.status];
  item.iconPath = new vscode.ThemeIcon(record.baseline ? 'pinned' : icon, new vscode.ThemeColor(color));
  const parts = [
    record.baseline ? vscode.l10n.t('baseline') : undefined,
    // Profiling slows the run: say so wherever its time is shown.
    isProfiledRun(record) ? vscode.l10n.t('profiled') : undefined,
    record.label ? summary : undefined,
    runStartText(record),
  ];
  item.description = parts.filter(Boolean).join(' · ');
  item.tooltip = runTooltip(record);
  item.accessibilityInformation = {
    label: `${record.label ?? summary}, ${statusText(record.status)}${record.baseline ? `, ${vscode.l10n.t('baseline')}` : ''}`,
  };
  return item;
}

/** Untrusted text (command, reason) goes in as text or code, never as markdown. */
function runTooltip(record: RunBasics): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.isTrusted = false;
  md.supportHtml = false;
  md.appendText(`${record.label ?? runSummaryLabel(record)}\n\n`);
  md.appendText(`${vscode.l10n.t('Status')}: ${statusText(record.status)}`);
  if (record.reason) md.appendText(` — ${record.reason}`);
  md.appendText(
    `\n\n${vscode.l10n.t('Started')}: ${runStartText(record)} · ${record.target} · ${record.id.slice(0, 8)}\n`,
  );
  md.appendCodeblock(record.command, 'sh');
  return md;
}
