/**
 * "Profile this run" for the Benchmark panel's host half: the toggle's view, its strings, the file
 * a profiled run writes, and "Show profile" on a finished run. The state itself (the toggle and
 * the file) is the panel's `PanelStateKeeper`; the flag is the engine's (`Engine.profile.flag`).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Engine } from '../../core/engine';
import { hasProfile, profileFileFor } from '../../core/profile/recordProfile';
import type { RunRecord } from '../../core/records/runRecord';
import type { ProfilingView } from '../../shared/benchmarkProfiling';
import type { UiStrings } from '../../shared/protocol';
import type { PanelStateKeeper } from './panelState';

export function profilingView(engine: Engine | undefined, state: PanelStateKeeper): ProfilingView {
  return {
    supported: engine?.capabilities.supportsProfile === true && !!engine.profile,
    on: state.profiling,
  };
}

/**
 * The issues listed beside the toggle: while it shows its warning (profiling on), the engine's
 * `profile-overhead` warning says the same thing, and one warning is enough.
 */
export function issuesBesideToggle<T extends { rule: string }>(issues: T[], toggle: ProfilingView): T[] {
  return toggle.supported && toggle.on ? issues.filter((i) => i.rule !== 'profile-overhead') : issues;
}

/** A new file under `.lar-explorer/profiles/` (workspace-relative) for the model's next profiled run. */
export function nextProfileFile(modelUri: vscode.Uri, when: Date = new Date()): string {
  return profileFileFor(path.basename(modelUri.fsPath), when);
}

/** Whether a finished run's result offers "Show profile". */
export function resultHasProfile(record: RunRecord): boolean {
  return record.status !== 'failed' && hasProfile(record);
}

/** Opens the Profile view of a run this panel made (the Models view's command, by run id). */
export function showRunProfile(recordId: string): Thenable<unknown> {
  return vscode.commands.executeCommand('lar-explorer.showProfile', recordId);
}

export function profilingStrings(): UiStrings {
  return {
    profileRun: vscode.l10n.t('Profile this run'),
    profileRunHint: vscode.l10n.t('Adds the engine’s profiling flag: the run writes a per-operator profile.'),
    profileWarning: vscode.l10n.t(
      'Profiling slows every operator: this run’s timings are marked “profiled” and are not compared with runs made without profiling.',
    ),
    showProfile: vscode.l10n.t('Show profile'),
  };
}
