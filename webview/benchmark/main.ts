/**
 * The Benchmark panel's browser side: builds the page from the host's `init`, sends every edit
 * as an intent, renders the state the host sends back (target, flags, inputs, and their issues and
 * command), and shows runs as they go and when they end. It owns no state and decides nothing:
 * rules, commands and runs are the host's. All text from the host (names, flags, logs) is set as text.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type {
  BenchmarkInit,
  BenchmarkReplies,
  BenchmarkToHost,
  GateView,
  HostToBenchmark,
  IssueView,
  PanelState,
  SupportView,
  TargetView,
} from '../../src/shared/benchmarkProtocol';
import type { UiStrings } from '../../src/shared/protocol';
import { h, HostChannel } from '../common/host';
import { LiveRunChart } from '../common/liveChart';
import { FlagsForm } from './flagsForm';
import { InputsForm } from './inputsForm';
import { presetButtons, recipesSection } from './presetsView';
import { ProfilingToggle, ShowProfileButton } from './profilingToggle';
import { LogTail, ResultsView } from './resultsView';
import { StaleArtifactsBox } from './staleArtifacts';

const host = new HostChannel<BenchmarkToHost, HostToBenchmark, BenchmarkReplies>();

class BenchmarkPage {
  private readonly s: UiStrings;
  private readonly flagsForm: FlagsForm;
  private readonly inputs: InputsForm;
  private readonly targetSelect = h('vscode-single-select', { id: 'target', 'aria-label': 'target' });
  private readonly supportNote = h('span', { class: 'support-note', id: 'support-note' });
  private readonly gateBox = h('div', { class: 'gate', id: 'gate', role: 'alert' });
  private readonly commandPre = h('pre', { class: 'command', id: 'command-preview', tabindex: '0' });
  private readonly issuesBox = h('ul', { class: 'issues', id: 'issues' });
  private readonly runButton = h('vscode-button', { id: 'run' });
  private readonly cancelButton = h('vscode-button', { id: 'cancel', secondary: true });
  private readonly runStatus = h('div', { class: 'run-status', id: 'run-status', 'aria-live': 'polite' });
  private readonly problemBox = h('div', { class: 'problem', id: 'problem', role: 'alert' });
  readonly stale = new StaleArtifactsBox();
  private readonly pasteField = h('vscode-textfield', { id: 'paste', class: 'wide' });
  private readonly pasteNote = h('div', { class: 'paste-note', id: 'paste-note' });
  private readonly log = new LogTail();
  private readonly liveCanvas = h('canvas', { id: 'live-chart', role: 'img' });
  private readonly live: LiveRunChart;
  private readonly liveSection = h('section', { class: 'live' });
  private readonly results: ResultsView;
  private readonly profiling: ProfilingToggle;
  private readonly showProfile: ShowProfileButton;
  private targetId: string;
  private gate: GateView | null;
  private hasErrors = false;
  private running = false;
  /** Sequence number of this page's latest edit; a state that does not include it is stale. */
  private editSeq = 0;

  constructor(init: BenchmarkInit) {
    this.s = init.strings;
    const s = this.s;
    this.targetId = init.state.targetId;
    this.gate = init.gate;
    this.running = init.running;
    document.documentElement.lang = init.lang === 'zh' ? 'zh-CN' : 'en';
    this.flagsForm = new FlagsForm(init.groups, s, () =>
      host.post({ type: 'editFlags', seq: ++this.editSeq, flags: this.flagsForm.value() }),
    );
    this.inputs = new InputsForm(
      init.state.inputs,
      s,
      (rows) => host.post({ type: 'editInputs', seq: ++this.editSeq, rows }),
      () => host.post({ type: 'pickInputFiles' }),
    );
    this.live = new LiveRunChart(this.liveCanvas, s.timeMs ?? 'ms', s.iteration);
    this.liveCanvas.setAttribute('aria-label', s.liveChart ?? '');
    this.results = new ResultsView(s, (recordId) => host.post({ type: 'openRecord', recordId }));
    this.profiling = new ProfilingToggle(s, (on) => host.post({ type: 'setProfiling', on }));
    this.showProfile = new ShowProfileButton(s, (recordId) => host.post({ type: 'showProfile', recordId }));
    this.render(init);
    this.setTargets(init.targets);
    this.setState(init.state);
    if (init.support) this.setSupport(init.support);
    this.setGate(init.gate);
    this.setRunning(init.running);
  }

  private render(init: BenchmarkInit): void {
    const s = this.s;
    // The model name is data: it goes in as text, whatever characters it holds.
    const title = h('h1', { id: 'model-name' }, init.model.name);
    const header = h(
      'header',
      {},
      h('div', { class: 'title-row' }, h('span', { class: 'eyebrow' }, s.heading ?? 'Benchmark'), title),
      h('div', { class: 'model-path' }, `${init.model.path} · ${init.engine}`),
    );

    const check = h(
      'vscode-button',
      { secondary: true, id: 'check-target' },
      s.checkTarget ?? 'Check connection',
    );
    check.addEventListener('click', () =>
      host.post({ type: 'selectTarget', targetId: this.targetId, recheck: true }),
    );
    this.targetSelect.addEventListener('change', () => {
      this.targetId = this.targetSelect.value;
      host.post({ type: 'selectTarget', targetId: this.targetId });
    });
    const targetRow = h(
      'div',
      { class: 'target-row' },
      h('label', { for: 'target' }, s.target ?? 'Target'),
      this.targetSelect,
      check,
      this.supportNote,
    );

    this.runButton.textContent = s.run ?? 'Run';
    this.cancelButton.textContent = s.cancel ?? 'Cancel';
    this.runButton.addEventListener('click', () => this.run());
    this.cancelButton.addEventListener('click', () => host.post({ type: 'cancel' }));
    const copy = h('vscode-button', { secondary: true, id: 'copy-command' }, s.copy ?? 'Copy');
    copy.addEventListener('click', () => {
      host.post({ type: 'copyCommand' });
      copy.textContent = s.copied ?? 'Copied';
      setTimeout(() => (copy.textContent = s.copy ?? 'Copy'), 1500);
    });
    const reset = h('vscode-button', { secondary: true, id: 'reset-flags' }, s.reset ?? 'Clear flags');
    reset.addEventListener('click', () => host.post({ type: 'clearFlags' }));

    this.pasteField.placeholder = s.pastePlaceholder ?? '';
    this.pasteField.setAttribute('aria-label', s.paste ?? 'Paste a command line');
    const apply = h('vscode-button', { secondary: true, id: 'apply-paste' }, s.apply ?? 'Fill the flags');
    apply.addEventListener('click', () => void this.applyPaste());
    this.pasteField.addEventListener('keydown', (e: KeyboardEvent) => {
      if (e.key === 'Enter') void this.applyPaste();
    });

    const presets = presetButtons(init.presets, (p) => host.post({ type: 'applyPreset', presetId: p.id }));
    const recipes = recipesSection(init.recipes, s, (id) => this.runRecipe(id));

    const config = h(
      'div',
      { class: 'column config' },
      // An engine without presets or recipes (ONNX Runtime) gets no empty section.
      init.presets.length + init.recipes.length > 0
        ? section(
            s.presets ?? 'Presets',
            init.presets.length > 0 ? h('p', { class: 'hint' }, s.presetsHint ?? '') : null,
            init.presets.length > 0 ? presets : null,
            init.recipes.length > 0 ? recipes : null,
          )
        : null,
      init.inputFlag ? section(s.inputs ?? 'Inputs', this.inputs.element) : null,
      section(
        s.paste ?? 'Paste a command line',
        h('p', { class: 'hint' }, s.pasteHint ?? ''),
        h('div', { class: 'paste-row' }, this.pasteField, apply),
        this.pasteNote,
      ),
      section(s.flags ?? 'Flags', h('div', { class: 'button-row' }, reset), this.flagsForm.element),
    );

    // Shown once a run starts: before that there is nothing to tail or plot.
    this.liveSection.hidden = true;
    this.liveSection.append(
      h('h2', {}, s.log ?? 'Log'),
      this.log.element,
      h('h3', {}, s.liveChart ?? ''),
      h('div', { class: 'chart-box small' }, this.liveCanvas),
    );
    const runPane = h(
      'div',
      { class: 'column run' },
      section(
        s.command ?? 'Command',
        h('div', { class: 'command-box' }, this.commandPre, copy),
        this.issuesBox,
        this.profiling.element,
        h('div', { class: 'button-row run-buttons' }, this.runButton, this.cancelButton),
        this.runStatus,
        this.problemBox,
        this.stale.element,
      ),
      this.liveSection,
      this.results.element,
      h('div', { class: 'button-row' }, this.showProfile.element),
    );

    const app = document.getElementById('app')!;
    app.replaceChildren(header, targetRow, this.gateBox, h('div', { class: 'columns' }, config, runPane));
    app.removeAttribute('aria-busy');
  }

  setTargets(targets: TargetView[]): void {
    this.targetSelect.replaceChildren(
      ...targets.map((t) => h('vscode-option', { value: t.id, description: t.detail }, t.label)),
    );
    if (!targets.some((t) => t.id === this.targetId)) this.targetId = targets[0]?.id ?? 'local';
    this.targetSelect.value = this.targetId;
  }

  setSupport(support: SupportView): void {
    if (support.targetId !== this.targetId) return;
    this.flagsForm.setUnsupported(support.unsupported);
    const s = this.s;
    const text =
      support.state === 'checking'
        ? (s.checking ?? '')
        : support.state === 'failed'
          ? `${s.checkFailed ?? ''}: ${support.note ?? ''}`
          : (support.note ?? '');
    this.supportNote.textContent = text;
    this.supportNote.className = `support-note support-${support.state}`;
  }

  setGate(gate: GateView | null): void {
    this.gate = gate;
    this.gateBox.replaceChildren();
    this.gateBox.hidden = gate === null;
    if (gate) {
      this.gateBox.append(h('span', {}, gate.message));
      if (gate.action) {
        const { id } = gate.action;
        const b = h('vscode-button', { id: 'gate-action' }, gate.action.label);
        b.addEventListener('click', () => host.post({ type: 'action', action: id }));
        this.gateBox.append(b);
      }
    }
    this.updateRunButton();
  }

  /**
   * The host's state. A state that predates this page's latest edit is dropped (a newer one is on
   * its way); the forms are redrawn only for changes the host made (a preset, a paste, a re-run):
   * after the page's own edit they already show it, and redrawing would fight the typing.
   */
  setState(state: PanelState): void {
    if (state.echo < this.editSeq) return;
    if (state.redrawForms) {
      this.flagsForm.setValue(state.flags);
      this.inputs.setRows(state.inputs);
    }
    if (state.targetId !== this.targetId) {
      this.targetId = state.targetId;
      this.targetSelect.value = state.targetId;
    }
    this.commandPre.textContent = state.evaluation.command;
    this.profiling.set(state.profiling);
    this.showIssues(state.evaluation.issues);
  }

  private showIssues(issues: IssueView[]): void {
    const s = this.s;
    this.hasErrors = issues.some((i) => i.severity === 'error');
    const byFlag = new Map<string, 'error' | 'warning'>();
    for (const i of issues) for (const f of i.flags) if (byFlag.get(f) !== 'error') byFlag.set(f, i.severity);
    this.flagsForm.markIssues(byFlag);
    this.issuesBox.replaceChildren(
      ...issues.map((i) =>
        h(
          'li',
          { class: `issue issue-${i.severity}` },
          h('span', { class: 'issue-message' }, i.message),
          h('span', { class: 'issue-fix' }, (s.fix ?? 'Fix: {0}').replace('{0}', i.fix)),
        ),
      ),
    );
    this.issuesBox.hidden = issues.length === 0;
    this.updateRunButton();
  }

  private updateRunButton(): void {
    this.runButton.disabled = this.running || this.hasErrors || this.gate !== null;
    this.cancelButton.disabled = !this.running;
    this.profiling.setDisabled(this.running);
    for (const b of document.querySelectorAll<HTMLElement & { disabled: boolean }>('[data-recipe]')) {
      // A recipe the host blocked for this model (it says why beside it) stays disabled.
      b.disabled = b.dataset.blocked !== undefined || this.running || this.gate !== null;
    }
  }

  setRunning(running: boolean): void {
    // The button a keyboard user just pressed turns disabled, and a disabled button drops the focus
    // to <body>: hand it to the other one (Run → Cancel while running, Cancel → Run after).
    const [leaving, taking] = running
      ? [this.runButton, this.cancelButton]
      : [this.cancelButton, this.runButton];
    const moveFocus = document.activeElement === leaving;
    this.running = running;
    document.body.classList.toggle('is-running', running);
    if (!running && this.runStatus.dataset.state === 'running') {
      this.runStatus.textContent = '';
      this.runStatus.dataset.state = 'idle';
    }
    this.updateRunButton();
    // `disabled` reaches the attribute (and so focusability) on the element's next update.
    if (moveFocus) void taking.updateComplete.then(() => !taking.disabled && taking.focus());
  }

  private run(): void {
    if (this.runButton.disabled) return;
    this.problemBox.replaceChildren();
    this.stale.clear();
    host.post({ type: 'run' });
  }

  private runRecipe(recipeId: string): void {
    if (this.running || this.gate) return;
    this.problemBox.replaceChildren();
    this.stale.clear();
    host.post({ type: 'runRecipe', recipeId });
  }

  private async applyPaste(): Promise<void> {
    const line = this.pasteField.value;
    if (line.trim() === '') return;
    // The host takes the flags and inputs into its state (a `state` follows); these are the notes.
    const parsed = await host.request({ type: 'paste', line });
    const s = this.s;
    const notes: string[] = [...parsed.problems];
    if (parsed.unknown.length > 0)
      notes.push((s.notUnderstood ?? 'Not understood: {0}').replace('{0}', parsed.unknown.join(' ')));
    if (parsed.model) notes.push((s.otherModel ?? '{0}').replace('{0}', parsed.model));
    this.pasteNote.replaceChildren(...notes.map((n) => h('div', {}, n)));
  }

  onRunStarted(msg: { command: string; step?: { index: number; total: number } }): void {
    const s = this.s;
    this.setRunning(true);
    this.problemBox.replaceChildren();
    if (!msg.step || msg.step.index === 0) this.log.clear();
    this.liveSection.hidden = false;
    this.live.reset();
    const step = msg.step
      ? (s.step ?? '{0}/{1}')
          .replace('{0}', String(msg.step.index + 1))
          .replace('{1}', String(msg.step.total))
      : '';
    this.runStatus.textContent = `${s.running ?? 'Running…'} ${step}`.trim();
    this.runStatus.dataset.state = 'running';
    this.log.append(`$ ${msg.command}\n`);
  }

  onIterations(points: Array<{ index: number; ms: number }>): void {
    for (const p of points) this.live.push(p.index, p.ms);
  }

  onLog(text: string): void {
    this.log.append(text);
  }

  onProblem(msg: { message: string; issues?: IssueView[]; action?: GateView['action'] }): void {
    this.problemBox.replaceChildren(h('div', {}, msg.message));
    // A run that never started leaves no empty 0–1 chart behind.
    if ((this.liveCanvas.dataset.points ?? '0') === '0') this.liveSection.hidden = true;
    if (msg.issues) this.showIssues(msg.issues);
    if (msg.action) {
      const { id } = msg.action;
      const b = h('vscode-button', {}, msg.action.label);
      b.addEventListener('click', () => host.post({ type: 'action', action: id }));
      this.problemBox.append(b);
    }
  }

  showResult(msg: Extract<HostToBenchmark, { type: 'runEnded' }>): void {
    this.results.show(msg.result);
    this.showProfile.set(msg.result);
  }
}

function section(title: string, ...children: Array<Node | null>): HTMLElement {
  return h('section', {}, h('h2', {}, title), ...children);
}

let page: BenchmarkPage | undefined;
host.on((msg) => {
  switch (msg.type) {
    case 'init':
      page = new BenchmarkPage(msg);
      return;
    case 'targets':
      page?.setTargets(msg.targets);
      return;
    case 'state':
      page?.setState(msg.state);
      return;
    case 'support':
      page?.setSupport(msg.support);
      return;
    case 'gate':
      page?.setGate(msg.gate);
      return;
    case 'runStarted':
      page?.onRunStarted(msg);
      return;
    case 'log':
      page?.onLog(msg.text);
      return;
    case 'iterations':
      page?.onIterations(msg.points);
      return;
    case 'runEnded':
      page?.showResult(msg);
      return;
    case 'runProblem':
      page?.onProblem(msg);
      return;
    case 'idle':
      page?.setRunning(false);
      return;
    case 'staleArtifacts':
      page?.stale.show(msg);
      return;
  }
});
host.post({ type: 'ready' });
