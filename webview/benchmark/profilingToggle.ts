/**
 * "Profile this run" in the Benchmark panel: a checkbox that asks the host to add the engine's
 * profiling flag, the warning that profiling slows the run (shown while it is on), and the
 * "Show profile" button under a result that brought a profile back. The host decides; this renders.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import type { ProfilingView } from '../../src/shared/benchmarkProfiling';
import type { UiStrings } from '../../src/shared/protocol';
import { h } from '../common/host';

type Checkbox = HTMLElement & { checked: boolean; disabled: boolean };

export class ProfilingToggle {
  readonly element: HTMLElement;
  private readonly box: Checkbox;
  private readonly warning: HTMLElement;

  constructor(s: UiStrings, onChange: (on: boolean) => void) {
    this.box = h('vscode-checkbox', { id: 'profile-run' }) as Checkbox;
    this.box.append(s.profileRun ?? 'Profile this run');
    this.box.addEventListener('change', () => onChange(this.box.checked));
    this.warning = h(
      'div',
      { class: 'profile-warning', id: 'profile-warning', role: 'note' },
      s.profileWarning ?? '',
    );
    this.warning.hidden = true;
    this.element = h(
      'div',
      { class: 'profile-toggle' },
      this.box,
      h('span', { class: 'hint' }, s.profileRunHint ?? ''),
      this.warning,
    );
    this.element.hidden = true;
  }

  set(view: ProfilingView): void {
    this.element.hidden = !view.supported;
    this.box.checked = view.on;
    this.warning.hidden = !view.on;
  }

  setDisabled(disabled: boolean): void {
    this.box.disabled = disabled;
  }
}

/** "Show profile" for the last result; hidden when that run has no profile. */
export class ShowProfileButton {
  readonly element: HTMLElement;
  private recordId: string | undefined;

  constructor(s: UiStrings, show: (recordId: string) => void) {
    this.element = h('vscode-button', { id: 'show-profile' }, s.showProfile ?? 'Show profile');
    this.element.hidden = true;
    this.element.addEventListener('click', () => {
      if (this.recordId) show(this.recordId);
    });
  }

  set(result: { recordId: string; hasProfile?: boolean }): void {
    this.recordId = result.hasProfile ? result.recordId : undefined;
    this.element.hidden = !result.hasProfile;
  }
}
