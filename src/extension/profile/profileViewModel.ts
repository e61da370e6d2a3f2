/**
 * Turns a core `OperatorProfile` into the Profile panel's view model: numbers formatted, the
 * profile's caveats put into words in the display language. The arithmetic is the core's.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { engineById } from '../../core/engines/registry';
import { operatorsByTime, type OperatorProfile } from '../../core/profile';
import type { RunBasics } from '../../core/records/runHead';
import type { UiStrings } from '../../shared/protocol';
import type { ProfileViewModel } from '../../shared/profileProtocol';
import { runStartText, runSummaryLabel } from '../history/runItem';

const CHART_BARS = 15;
/** Rows sent to the table: a graph of thousands of operators stays responsive; the CLI has them all. */
const TABLE_ROWS = 2000;

const msText = (ms: number): string => `${ms.toFixed(3)} ms`;
const shareText = (share: number): string => `${(share * 100).toFixed(1)}%`;

export function profileNotes(p: OperatorProfile): string[] {
  const notes: string[] = [];
  if (engineById(p.engine)?.profile?.lastExecutionOnly) {
    notes.push(
      vscode.l10n.t(
        'load_and_run keeps one execution per operator (the last run): there is no spread to show.',
      ),
    );
  } else {
    notes.push(
      vscode.l10n.t(
        'Executions within one run are not independent evidence: the spread shows jitter, not run-to-run noise.',
      ),
    );
  }
  if (p.warmupRunsLeftOut > 0) {
    notes.push(
      vscode.l10n.t(
        'The first {0} of {1} runs (warm-up) are left out.',
        p.warmupRunsLeftOut,
        p.warmupRunsLeftOut + p.runs,
      ),
    );
  }
  notes.push(
    vscode.l10n.t(
      'Profiling slows the run: compare its timings only with other profiled runs, never with plain ones.',
    ),
  );
  return notes;
}

export function buildProfileViewModel(record: RunBasics, p: OperatorProfile): ProfileViewModel {
  const clock = p.clock === 'device' ? vscode.l10n.t('device clock') : vscode.l10n.t('host clock');
  const summary = [
    vscode.l10n.t('Total {0} per run', msText(p.perRunMs)),
    vscode.l10n.t('{0} operators', p.operators.length),
    p.runs === 1 ? vscode.l10n.t('1 run') : vscode.l10n.t('{0} runs', p.runs),
    clock,
  ];
  if (p.hostPerRunMs !== null && p.devicePerRunMs !== null) {
    summary.push(vscode.l10n.t('host {0}, device {1}', msText(p.hostPerRunMs), msText(p.devicePerRunMs)));
  }
  if (p.memoryChunks) {
    summary.push(
      vscode.l10n.t(
        'memory {0} MiB in {1} chunks',
        (p.memoryChunks.bytes / 1048576).toFixed(2),
        p.memoryChunks.count,
      ),
    );
  }
  return {
    title: vscode.l10n.t('Profile: {0}', record.label ?? runSummaryLabel(record)),
    subtitle: [path.basename(record.model.path), record.engine, record.target, runStartText(record)].join(
      ' · ',
    ),
    summary: summary.join(' · '),
    operators: operatorsByTime(p)
      .slice(0, TABLE_ROWS)
      .map((o) => ({
        position: o.position + 1,
        name: o.name,
        type: o.type,
        ms: o.perRunMs,
        msText: msText(o.perRunMs),
        share: o.share,
        shareText: shareText(o.share),
        spreadText: o.time.sdMs !== null ? `± ${o.time.sdMs.toFixed(3)}` : '',
        executions: o.executions,
        inputs: o.inputShapes.map((s) => s.join('×')).join(', '),
        detail: [[o.layout, o.dtype].filter(Boolean).join(' '), o.placement ?? '']
          .filter(Boolean)
          .join(' · '),
      })),
    types: p.byType.map((t) => ({
      type: t.type,
      operators: t.operators,
      ms: t.perRunMs,
      msText: msText(t.perRunMs),
      share: t.share,
      shareText: shareText(t.share),
      detail:
        t.hostPerRunMs !== null && t.devicePerRunMs !== null
          ? vscode.l10n.t('host {0}, device {1}', msText(t.hostPerRunMs), msText(t.devicePerRunMs))
          : '',
    })),
    top: CHART_BARS,
    notes:
      p.operators.length > TABLE_ROWS
        ? [
            vscode.l10n.t(
              'The table lists the {0} slowest of {1} operators; `lar-explorer profile --top 0` prints them all.',
              TABLE_ROWS,
              p.operators.length,
            ),
            ...profileNotes(p),
          ]
        : profileNotes(p),
  };
}

export function profileUiStrings(): UiStrings {
  return {
    title: vscode.l10n.t('Profile'),
    byOperator: vscode.l10n.t('By operator'),
    byType: vscode.l10n.t('By type'),
    viewLabel: vscode.l10n.t('Group the profile'),
    chartTitle: vscode.l10n.t('Where the time goes: top {0} (ms per run)', CHART_BARS),
    chartLabel: vscode.l10n.t('Horizontal bar chart of the operators that take the most time'),
    tableTitle: vscode.l10n.t('All rows (click a column to sort)'),
    position: vscode.l10n.t('#'),
    operator: vscode.l10n.t('Operator'),
    type: vscode.l10n.t('Type'),
    time: vscode.l10n.t('Time per run'),
    share: vscode.l10n.t('Share'),
    spread: vscode.l10n.t('Spread'),
    executions: vscode.l10n.t('Executions'),
    inputs: vscode.l10n.t('Inputs'),
    detail: vscode.l10n.t('Layout · placement'),
    operators: vscode.l10n.t('Operators'),
    typeDetail: vscode.l10n.t('Host / device'),
    notesTitle: vscode.l10n.t('Read with care'),
    openFile: vscode.l10n.t('Open the profile file'),
    errorTitle: vscode.l10n.t('The profile could not be read'),
    unit: vscode.l10n.t('ms per run'),
  };
}
