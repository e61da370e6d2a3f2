/**
 * The input rows editor: one row per model input (a name and a data file or a shape). It edits
 * rows only; the host owns them, composes the engine's input flag from them (the engine knows its
 * syntax), saves them per model, and adds picked files.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-textfield/index.js';
import type { InputRow } from '../../src/shared/benchmarkProtocol';
import type { UiStrings } from '../../src/shared/protocol';
import { h } from '../common/host';

export class InputsForm {
  readonly element: HTMLElement;
  private readonly list: HTMLElement;
  private rows: InputRow[];

  constructor(
    initial: InputRow[],
    private readonly strings: UiStrings,
    private readonly onChange: (rows: InputRow[]) => void,
    pickFiles: () => void,
  ) {
    this.rows = initial.map((r) => ({ ...r }));
    this.list = h('div', { class: 'input-rows' });
    const add = h('vscode-button', { secondary: true, id: 'add-input' }, strings.addInput ?? 'Add an input');
    add.addEventListener('click', () => {
      this.rows.push({ name: '', value: '' });
      this.render();
      this.changed();
    });
    const pick = h(
      'vscode-button',
      { secondary: true, id: 'pick-inputs' },
      strings.pickFiles ?? 'Pick data files…',
    );
    pick.addEventListener('click', () => pickFiles());
    this.element = h(
      'div',
      { class: 'inputs' },
      h('p', { class: 'hint' }, strings.inputsHint ?? ''),
      this.list,
      h('div', { class: 'button-row' }, pick, add),
    );
    this.render();
  }

  /** Show the host's rows (after a paste, a picked file, a re-run); sends nothing back. */
  setRows(rows: InputRow[]): void {
    if (JSON.stringify(rows) === JSON.stringify(this.rows)) return;
    this.rows = rows.map((r) => ({ ...r }));
    this.render();
  }

  private changed(): void {
    this.onChange(this.rows.map((r) => ({ ...r })));
  }

  private render(): void {
    this.list.replaceChildren();
    this.rows.forEach((row, i) => {
      const name = h('vscode-textfield', {
        class: 'input-name',
        'aria-label': this.strings.inputName ?? 'Input name',
      });
      name.placeholder = 'data';
      name.value = row.name;
      name.addEventListener('input', () => {
        row.name = name.value;
        this.changed();
      });
      const value = h('vscode-textfield', {
        class: 'input-value',
        'aria-label': this.strings.inputValue ?? 'File or shape',
      });
      value.placeholder = '{1,1,28,28}';
      value.value = row.value;
      value.addEventListener('input', () => {
        row.value = value.value;
        this.changed();
      });
      const remove = h(
        'vscode-button',
        { secondary: true, class: 'remove' },
        this.strings.remove ?? 'Remove',
      );
      remove.addEventListener('click', () => {
        this.rows.splice(i, 1);
        this.render();
        this.changed();
      });
      this.list.append(
        h('div', { class: 'input-row' }, name, h('span', { class: 'sep' }, ':'), value, remove),
      );
    });
  }
}
