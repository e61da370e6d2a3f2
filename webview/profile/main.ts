/**
 * The Profile panel's webview: asks the host for the profile (`ready` → `init`), shows the top-N
 * chart and the sortable table, by operator or by type, and the notes. It computes nothing: the
 * rows, their order by time and every text come from the host; the grouping switch only picks
 * which of the two the host sent is shown.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { h, HostChannel } from '../common/host';
import type {
  ProfileHostMessage,
  ProfileViewModel,
  ProfileWebviewMessage,
} from '../../src/shared/profileProtocol';
import type { UiStrings } from '../../src/shared/protocol';
import { ProfileChart } from './profileChart';
import { operatorTable, typeTable } from './profileTable';

type Grouping = 'op' | 'type';

const host = new HostChannel<ProfileWebviewMessage, ProfileHostMessage>();
const app = document.getElementById('app')!;
let strings: UiStrings = {};
let grouping: Grouping =
  (host.state as { grouping?: Grouping } | undefined)?.grouping === 'type' ? 'type' : 'op';

function groupingSwitch(onChange: () => void): HTMLElement {
  const make = (value: Grouping, label: string): HTMLElement => {
    const b = h(
      'button',
      { type: 'button', class: 'segment', 'aria-pressed': String(grouping === value) },
      label,
    );
    b.addEventListener('click', () => {
      grouping = value;
      host.state = { grouping };
      onChange();
    });
    return b;
  };
  return h(
    'div',
    { class: 'grouping', role: 'group', 'aria-label': strings.viewLabel },
    make('op', strings.byOperator),
    make('type', strings.byType),
  );
}

function openFileButton(): HTMLElement {
  const b = document.createElement('vscode-button');
  b.setAttribute('secondary', '');
  b.textContent = strings.openFile;
  b.addEventListener('click', () => host.post({ type: 'openFile' }));
  return b;
}

function render(model: ProfileViewModel): void {
  const canvas = h('canvas', { role: 'img', 'aria-label': strings.chartLabel });
  const bars =
    grouping === 'op'
      ? model.operators.slice(0, model.top).map((o) => ({ label: o.name, ms: o.ms, shareText: o.shareText }))
      : model.types.slice(0, model.top).map((t) => ({ label: t.type, ms: t.ms, shareText: t.shareText }));
  const chartBox = h('div', { class: 'chart-box' }, canvas);
  chartBox.style.height = `${Math.max(160, 28 * bars.length + 60)}px`;
  app.replaceChildren(
    h(
      'header',
      {},
      h('h1', {}, model.title),
      h('div', { class: 'subtitle' }, model.subtitle),
      h('div', { class: 'summary', role: 'status' }, model.summary),
      h(
        'div',
        { class: 'toolbar' },
        groupingSwitch(() => render(model)),
        openFileButton(),
      ),
    ),
    h(
      'section',
      { class: 'chart', 'aria-label': strings.chartTitle },
      h('h2', {}, strings.chartTitle),
      chartBox,
    ),
    h(
      'section',
      { class: 'table', 'aria-label': strings.tableTitle },
      h('h2', {}, strings.tableTitle),
      grouping === 'op' ? operatorTable(model.operators, strings) : typeTable(model.types, strings),
    ),
    model.notes.length > 0
      ? h(
          'section',
          { class: 'notes', 'aria-label': strings.notesTitle },
          h('h2', {}, strings.notesTitle),
          h('ul', {}, ...model.notes.map((n) => h('li', {}, n))),
        )
      : '',
  );
  new ProfileChart(canvas).render(bars, strings.unit);
  app.setAttribute('aria-busy', 'false');
}

host.on((msg) => {
  strings = msg.strings;
  if (msg.type === 'init') render(msg.model);
  else {
    app.replaceChildren(
      h('h1', {}, strings.errorTitle),
      h('p', { class: 'error', role: 'alert' }, msg.message),
    );
    app.setAttribute('aria-busy', 'false');
  }
});
host.post({ type: 'ready' });
