/**
 * The study's definition as the user sets it: targets (several may be ticked), the candidates
 * (guide set and presets with a checkbox each, custom rows where a flag set is typed or pasted and
 * checked inline by the host), the baseline, the objective, the budget, iterations, cool-down and
 * seed. It keeps no rules: the host reads custom rows and validates every candidate again at Start.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { TargetView } from '../../src/shared/benchmarkProtocol';
import type {
  CandidateCheckView,
  CandidateChoiceView,
  ExploreSetup,
  ExploreSetupView,
  ObjectiveId,
} from '../../src/shared/exploreProtocol';
import type { UiStrings } from '../../src/shared/protocol';
import { h } from '../common/host';

type Checkbox = HTMLElement & { checked: boolean; disabled: boolean; label: string };
type TextField = HTMLElement & { value: string; invalid: boolean; disabled: boolean };
type Select = HTMLElement & { value: string; disabled: boolean };

interface CustomRow {
  element: HTMLElement;
  label: TextField;
  flags: TextField;
  check: Checkbox;
  result: HTMLElement;
  errors: boolean;
  seq: number;
}

export type CheckCandidate = (text: string) => Promise<CandidateCheckView>;

export class SetupForm {
  readonly element: HTMLElement;
  private readonly targetBoxes = new Map<string, Checkbox>();
  private readonly profileEnd = h('vscode-checkbox', { id: 'profile-end' }) as Checkbox;
  private readonly targetList = h('div', { class: 'target-list', role: 'group', id: 'targets' });
  private readonly choiceBoxes = new Map<string, Checkbox>();
  private readonly choiceLabels = new Map<string, string>();
  private readonly customList = h('div', { class: 'custom-list', id: 'custom-candidates' });
  private readonly customs: CustomRow[] = [];
  private readonly baseline = h('vscode-single-select', { id: 'baseline' }) as Select;
  private readonly objective = h('vscode-single-select', { id: 'objective' }) as Select;
  private readonly fields = new Map<string, TextField>();
  private wantedBaseline: string;

  constructor(
    private readonly s: UiStrings,
    targets: TargetView[],
    guide: CandidateChoiceView[],
    presets: CandidateChoiceView[],
    setup: ExploreSetupView,
    private readonly check: CheckCandidate,
    private readonly onChange: () => void,
  ) {
    this.wantedBaseline = setup.baseline;
    this.setTargets(targets, setup.targetIds);
    const candidates = h(
      'section',
      { class: 'candidates', 'aria-labelledby': 'candidates-title' },
      h('h2', { id: 'candidates-title' }, s.candidates),
      h('p', { class: 'hint' }, s.candidatesHint),
      this.choiceGroup('guide', s.guideSet, guide, setup.checked),
      presets.length > 0 ? this.choiceGroup('presets', s.presets, presets, setup.checked) : '',
      h('h3', {}, s.customCandidates),
      this.customList,
      this.addCustomButton(),
    );
    for (const c of setup.custom) this.addCustom(c.label, c.text);

    for (const [id, label] of [
      ['mean', s.objectiveMean],
      ['median', s.objectiveMedian],
      ['p90', s.objectiveP90],
      ['cost', s.objectiveCost],
    ] as const) {
      const opt = h('vscode-option', { value: id, selected: id === setup.objective }, label);
      this.objective.append(opt);
    }
    this.objective.setAttribute('aria-label', s.objective);
    this.baseline.setAttribute('aria-label', s.baseline);
    this.objective.addEventListener('change', () => this.syncObjective());
    this.baseline.addEventListener('change', () => (this.wantedBaseline = this.baseline.value));

    const settings = h(
      'section',
      { class: 'settings', 'aria-labelledby': 'settings-title' },
      h('h2', { id: 'settings-title' }, s.studySettings),
      h(
        'div',
        { class: 'settings-grid' },
        this.row('baseline', s.baseline, this.baseline),
        this.row('objective', s.objective, this.objective),
        this.numberRow('cost-n', s.costInferences, setup.costInferences, 1),
        this.numberRow('budget', s.budgetMinutes, setup.budgetMinutes, 0.1),
        this.numberRow('max-rounds', s.maxRounds, setup.maxRounds, 3),
        this.numberRow('iterations', s.iterations, setup.iterations, 1),
        this.numberRow('warmups', s.warmups, setup.warmups, 0),
        this.numberRow('cooldown', s.cooldownSeconds, setup.cooldownSeconds, 0),
        this.numberRow('seed', s.seed, setup.seed, 0),
      ),
      this.profileEndRow(setup.profileEnd === true),
    );
    this.element = h(
      'div',
      { class: 'setup' },
      h(
        'section',
        { class: 'targets', 'aria-labelledby': 'targets-title' },
        h('h2', { id: 'targets-title' }, s.targets),
        this.targetList,
      ),
      candidates,
      settings,
    );
    this.syncBaseline();
    this.syncObjective();
  }

  setTargets(targets: TargetView[], ticked?: string[]): void {
    const keep = ticked ?? [...this.targetBoxes].filter(([, b]) => b.checked).map(([id]) => id);
    this.targetBoxes.clear();
    this.targetList.replaceChildren(
      ...targets.map((t, i) => {
        const box = h('vscode-checkbox', { 'data-target': t.id }) as Checkbox;
        box.label = `${t.label} — ${t.detail}`;
        box.checked = keep.includes(t.id) || (keep.length === 0 && i === 0);
        box.addEventListener('change', () => this.onChange());
        this.targetBoxes.set(t.id, box);
        return box;
      }),
    );
  }

  private choiceGroup(
    id: string,
    title: string,
    choices: CandidateChoiceView[],
    checked: string[],
  ): HTMLElement {
    const rows = choices.map((c) => {
      const box = h('vscode-checkbox', { 'data-candidate': c.id }) as Checkbox;
      box.label = c.label;
      box.checked = checked.length > 0 ? checked.includes(c.id) : c.checked;
      box.addEventListener('change', () => this.syncBaseline());
      this.choiceBoxes.set(c.id, box);
      this.choiceLabels.set(c.id, c.label);
      return h(
        'div',
        { class: 'candidate-row' },
        box,
        h('code', { class: 'flags' }, c.flagsText),
        c.note ? h('span', { class: 'note' }, c.note) : '',
      );
    });
    return h('div', { class: `choice-group choice-${id}` }, h('h3', {}, title), ...rows);
  }

  private addCustomButton(): HTMLElement {
    const b = h('vscode-button', { secondary: true, id: 'add-custom' }, this.s.addCustom);
    b.addEventListener('click', () => {
      const row = this.addCustom('', '');
      row.flags.focus();
    });
    return b;
  }

  private addCustom(label: string, text: string): CustomRow {
    const s = this.s;
    const n = this.customs.length;
    const check = h('vscode-checkbox', { 'data-candidate': `custom:${n}` }) as Checkbox;
    check.checked = true;
    check.setAttribute('aria-label', s.useCandidate);
    const labelField = h('vscode-textfield', {
      class: 'custom-label',
      placeholder: s.customLabel,
    }) as TextField;
    labelField.value = label || `${s.custom} ${n + 1}`;
    labelField.setAttribute('aria-label', s.customLabel);
    const flagsField = h('vscode-textfield', {
      class: 'custom-flags',
      placeholder: s.customFlags,
    }) as TextField;
    flagsField.value = text;
    flagsField.setAttribute('aria-label', s.customFlags);
    const result = h('div', { class: 'custom-result', 'aria-live': 'polite' });
    const element = h(
      'div',
      { class: 'custom-row', 'data-index': String(n) },
      check,
      labelField,
      flagsField,
      result,
    );
    const row: CustomRow = {
      element,
      label: labelField,
      flags: flagsField,
      check,
      result,
      errors: false,
      seq: 0,
    };
    let timer: ReturnType<typeof setTimeout> | undefined;
    flagsField.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => void this.checkCustom(row), 250);
    });
    labelField.addEventListener('input', () => this.syncBaseline());
    check.addEventListener('change', () => this.syncBaseline());
    this.customs.push(row);
    this.customList.append(element);
    void this.checkCustom(row);
    this.syncBaseline();
    return row;
  }

  private async checkCustom(row: CustomRow): Promise<void> {
    const seq = ++row.seq;
    const view = await this.check(row.flags.value).catch((err: Error) => ({
      flagsText: '',
      issues: [{ severity: 'error' as const, flags: [], message: err.message, fix: '' }],
      unknown: [],
    }));
    if (seq !== row.seq) return;
    row.errors = view.issues.some((i) => i.severity === 'error') || view.unknown.length > 0;
    row.flags.invalid = row.errors;
    const items = [
      ...view.issues.map((i) =>
        h(
          'li',
          { class: `issue ${i.severity}` },
          i.message,
          i.fix ? h('span', { class: 'fix' }, ` ${i.fix}`) : '',
        ),
      ),
      ...(view.unknown.length > 0
        ? [h('li', { class: 'issue error' }, `${this.s.unknownFlags} ${view.unknown.join(' ')}`)]
        : []),
    ];
    row.result.replaceChildren(
      h('code', { class: 'flags' }, view.flagsText),
      items.length > 0 ? h('ul', { class: 'issues' }, ...items) : '',
    );
    this.onChange();
  }

  /** After the verdict, profile the baseline and the winner once more (their runs stay out of it). */
  private profileEndRow(checked: boolean): HTMLElement {
    this.profileEnd.label = this.s.profileEnd ?? '';
    this.profileEnd.checked = checked;
    return h(
      'div',
      { class: 'field profile-end' },
      this.profileEnd,
      h('p', { class: 'hint' }, this.s.profileEndHint ?? ''),
    );
  }

  private row(id: string, label: string, control: HTMLElement): HTMLElement {
    control.id = id;
    return h('div', { class: 'field', 'data-field': id }, h('label', { for: id }, label), control);
  }

  private numberRow(id: string, label: string, value: number, min: number): HTMLElement {
    // No min/step on the element: its step check marks 2.5 minutes invalid; the host checks ranges.
    const f = h('vscode-textfield', { type: 'number', id }) as TextField;
    f.dataset.min = String(min);
    f.value = String(value);
    f.setAttribute('aria-label', label);
    this.fields.set(id, f);
    return this.row(id, label, f);
  }

  /** The ticked candidates, in display order: `[id, label]`. */
  private ticked(): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    for (const [id, box] of this.choiceBoxes) if (box.checked) out.push([id, this.choiceLabels.get(id)!]);
    this.customs.forEach((c, i) => {
      if (c.check.checked) out.push([`custom:${i}`, c.label.value || `${this.s.custom} ${i + 1}`]);
    });
    return out;
  }

  private syncBaseline(): void {
    const ticked = this.ticked();
    const keep = ticked.some(([id]) => id === this.wantedBaseline) ? this.wantedBaseline : ticked[0]?.[0];
    this.baseline.replaceChildren(
      ...ticked.map(([id, label]) => h('vscode-option', { value: id, selected: id === keep }, label)),
    );
    if (keep) this.baseline.value = keep;
    this.onChange();
  }

  private syncObjective(): void {
    const row = this.fields.get('cost-n')?.closest('.field') as HTMLElement | null;
    if (row) row.hidden = this.objective.value !== 'cost';
  }

  /** Something blocks Start: no target, fewer than two candidates, or a custom row in error. */
  problem(): string | null {
    if (![...this.targetBoxes.values()].some((b) => b.checked)) return this.s.needTarget;
    if (this.ticked().length < 2) return this.s.needCandidates;
    if (this.customs.some((c) => c.check.checked && c.errors)) return this.s.fixCustom;
    return null;
  }

  value(): ExploreSetup {
    const num = (id: string) => Number(this.fields.get(id)?.value ?? NaN);
    return {
      targetIds: [...this.targetBoxes].filter(([, b]) => b.checked).map(([id]) => id),
      objective: (this.objective.value || 'mean') as ObjectiveId,
      costInferences: Math.round(num('cost-n')),
      budgetMinutes: num('budget'),
      maxRounds: Math.round(num('max-rounds')),
      iterations: Math.round(num('iterations')),
      warmups: Math.round(num('warmups')),
      cooldownSeconds: num('cooldown'),
      seed: Math.round(num('seed')),
      checked: this.ticked().map(([id]) => id),
      custom: this.customs.map((c) => ({ label: c.label.value, text: c.flags.value })),
      baseline: this.baseline.value || this.ticked()[0]?.[0] || '',
      profileEnd: this.profileEnd.checked,
    };
  }

  setDisabled(disabled: boolean): void {
    this.element.toggleAttribute('inert', disabled);
    this.element.classList.toggle('locked', disabled);
  }
}
