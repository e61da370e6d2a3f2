/**
 * The `--input` helper: one row per model input (a name and a data file or a shape), picked files
 * added as rows, the whole composed into load_and_run's `name:value;name:value` syntax. The rows
 * are saved by the host per model, so they come back next time.
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
    pickFiles: () => Promise<string[]>,
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
    pick.addEventListener('click', () => {
      void pickFiles().then((files) => {
        if (files.length === 0) return;
        // Replace an empty trailing row rather than leaving it dangling.
        this.rows = this.rows.filter((r) => r.value.trim() !== '' || r.name.trim() !== '');
        for (const f of files) this.rows.push({ name: f.endsWith('.json') ? '' : 'data', value: f });
        this.render();
        this.changed();
      });
    });
    this.element = h(
      'div',
      { class: 'inputs' },
      h('p', { class: 'hint' }, strings.inputsHint ?? ''),
      this.list,
      h('div', { class: 'button-row' }, pick, add),
    );
    this.render();
  }

  /** The `--input` value, or undefined when no row has a value. */
  inputFlag(): string | undefined {
    const parts = this.rows
      .filter((r) => r.value.trim() !== '')
      .map((r) => (r.name.trim() ? `${r.name.trim()}:${r.value.trim()}` : r.value.trim()));
    return parts.length > 0 ? parts.join(';') : undefined;
  }

  /** Rows from a pasted `--input` value (`a:x.npy;b:{1,3}`), replacing the current ones. */
  setFromFlag(value: string | undefined): void {
    this.rows = (value ?? '')
      .split(';')
      .filter((item) => item.trim() !== '')
      .map((item) => {
        const at = item.indexOf(':');
        return at < 0 ? { name: '', value: item } : { name: item.slice(0, at), value: item.slice(at + 1) };
      });
    this.render();
    this.changed();
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
