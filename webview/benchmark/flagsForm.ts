/**
 * The flag toggles, grouped as the catalogue groups them: a checkbox per boolean, a select per
 * enum, a text field otherwise, each with its description and platform hint. Flags the target's
 * binary lacks are disabled with the reason. Holds no rules: the host validates.
 */
import '@vscode-elements/elements/dist/vscode-checkbox/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { FlagGroupView, FlagView } from '../../src/shared/benchmarkProtocol';
import type { UiStrings } from '../../src/shared/protocol';
import { h, withInlineCode } from '../common/host';

type FlagValue = boolean | number | string;
type FlagSet = Record<string, FlagValue>;

interface FlagControl {
  view: FlagView;
  row: HTMLElement;
  reason: HTMLElement;
  get(): FlagValue | undefined;
  set(v: FlagValue | undefined): void;
  disable(disabled: boolean): void;
}

export class FlagsForm {
  readonly element: HTMLElement;
  private readonly controls = new Map<string, FlagControl>();

  constructor(
    groups: FlagGroupView[],
    private readonly strings: UiStrings,
    private readonly onChange: () => void,
  ) {
    this.element = h('div', { class: 'flag-groups' });
    for (const group of groups) {
      // The engine's input flag never arrives here: the host sends it as rows (the inputs editor).
      const flags = group.flags;
      if (flags.length === 0) continue;
      const basic = flags.filter((f) => !f.advanced);
      const advanced = flags.filter((f) => f.advanced);
      const body = h('div', { class: 'flag-list' }, ...basic.map((f) => this.controlFor(f).row));
      if (advanced.length > 0) {
        const more = h('details', { class: 'advanced' }, h('summary', {}, strings.advanced ?? 'Advanced'));
        for (const f of advanced) more.append(this.controlFor(f).row);
        body.append(more);
      }
      const section = h('vscode-collapsible', { 'data-group': group.id }, body);
      section.heading = group.label;
      // The device and strategy groups are what most runs touch: open them.
      section.open = group.id === 'device' || group.id === 'strategy' || group.id === 'fast-run';
      this.element.append(section);
    }
  }

  /** The flags as currently set (booleans only when ticked, others only when filled in). */
  value(): FlagSet {
    const out: FlagSet = {};
    for (const [name, c] of this.controls) {
      const v = c.get();
      if (v !== undefined) out[name] = v;
    }
    return out;
  }

  /** Show these flags (everything else cleared); names the form does not know are ignored. */
  setValue(flags: FlagSet): void {
    for (const [name, c] of this.controls) c.set(flags[name]);
  }

  /** Disable the flags the target lacks, each with its reason; enable the rest. */
  setUnsupported(unsupported: Record<string, string>): void {
    for (const [name, c] of this.controls) {
      const why = unsupported[name];
      c.disable(why !== undefined);
      c.reason.textContent = why ?? '';
      c.reason.hidden = why === undefined;
      c.row.classList.toggle('unsupported', why !== undefined);
    }
  }

  /** Outline the rows of flags that an issue names. */
  markIssues(byFlag: Map<string, 'error' | 'warning'>): void {
    for (const [name, c] of this.controls) {
      const sev = byFlag.get(name);
      c.row.classList.toggle('has-error', sev === 'error');
      c.row.classList.toggle('has-warning', sev === 'warning');
    }
  }

  private controlFor(view: FlagView): FlagControl {
    const label = h('code', { class: 'flag-name' }, `--${view.name}`);
    const description = h('div', { class: 'flag-description' }, ...withInlineCode(view.description));
    const hint = view.hint ? h('span', { class: 'flag-hint' }, ...withInlineCode(view.hint)) : null;
    const advice = view.advice ? h('div', { class: 'flag-advice' }, ...withInlineCode(view.advice)) : null;
    const reason = h('div', { class: 'flag-reason' });
    reason.hidden = true;
    const row = h('div', { class: 'flag-row', 'data-flag': view.name });
    let control: FlagControl;

    if (view.kind === 'bool') {
      const box = h('vscode-checkbox', { 'data-flag-input': view.name });
      box.append(label);
      box.addEventListener('change', () => this.onChange());
      row.append(h('div', { class: 'flag-head' }, box, hint), description, advice ?? '', reason);
      control = {
        view,
        row,
        reason,
        get: () => (box.checked ? true : undefined),
        set: (v) => {
          box.checked = v === true;
        },
        disable: (d) => {
          box.disabled = d;
        },
      };
    } else if (view.kind === 'enum') {
      const select = h('vscode-single-select', {
        'data-flag-input': view.name,
        'aria-label': `--${view.name}`,
      });
      // "(not set)" alone hides what the engine then does: say its default.
      const notSet = this.strings.notSet ?? '(not set)';
      const unset = view.default
        ? `${notSet} · ${(this.strings.defaultIs ?? 'default: {0}').replace('{0}', view.default)}`
        : notSet;
      select.append(h('vscode-option', { value: '' }, unset));
      for (const v of view.values ?? []) select.append(h('vscode-option', { value: v }, v));
      select.addEventListener('change', () => this.onChange());
      row.append(h('div', { class: 'flag-head' }, label, select, hint), description, advice ?? '', reason);
      control = {
        view,
        row,
        reason,
        get: () => (select.value ? select.value : undefined),
        set: (v) => {
          select.value = v === undefined || v === false ? '' : String(v);
        },
        disable: (d) => {
          select.disabled = d;
        },
      };
    } else {
      const field = h('vscode-textfield', { 'data-flag-input': view.name, 'aria-label': `--${view.name}` });
      if (view.default !== undefined) {
        field.placeholder = (this.strings.defaultIs ?? 'default: {0}').replace('{0}', view.default);
      }
      if (view.kind === 'int' || view.kind === 'uint' || view.kind === 'float')
        field.classList.add('numeric');
      field.addEventListener('input', () => this.onChange());
      row.append(h('div', { class: 'flag-head' }, label, field, hint), description, advice ?? '', reason);
      control = {
        view,
        row,
        reason,
        get: () => typed(view, field.value),
        set: (v) => {
          field.value = v === undefined || v === false ? '' : String(v);
        },
        disable: (d) => {
          field.disabled = d;
        },
      };
    }
    this.controls.set(view.name, control);
    return control;
  }
}

/** Text as the flag's value: numbers for numeric kinds when the text is one, else the text (the host explains). */
function typed(view: FlagView, text: string): FlagValue | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  if ((view.kind === 'int' || view.kind === 'uint') && /^[+-]?\d+$/.test(t)) {
    const n = Number(t);
    return Number.isSafeInteger(n) ? n : t;
  }
  if (view.kind === 'float' && /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  return t;
}
