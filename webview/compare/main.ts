/**
 * The Compare panel's webview: asks the host for its state (`ready` → `init`), renders the baseline
 * picker, the phase chart, the tables and the export buttons, and sends the user's choices back.
 * It computes nothing: a new baseline is recomputed by the host and arrives as `update`.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-single-select/index.js';
import '@vscode-elements/elements/dist/vscode-option/index.js';
import { h, HostChannel } from '../common/host';
import type {
  CompareHostMessage,
  CompareViewModel,
  CompareWebviewMessage,
} from '../../src/shared/compareProtocol';
import type { UiStrings } from '../../src/shared/protocol';
import { flagTable, notesList, phaseTables } from './compareTables';
import { PhaseChart } from './phaseChart';
import { ProfileDiffTab } from './profileDiffTab';

const host = new HostChannel<CompareWebviewMessage, CompareHostMessage>();
const app = document.getElementById('app')!;
let strings: UiStrings = {};
let chart: PhaseChart | undefined;
const diffTab = new ProfileDiffTab(app);

function baselinePicker(model: CompareViewModel): HTMLElement {
  const select = document.createElement('vscode-single-select');
  select.id = 'baseline';
  select.setAttribute('aria-label', strings.baseline);
  for (const run of model.runs) {
    const opt = document.createElement('vscode-option');
    opt.setAttribute('value', run.id);
    opt.setAttribute('description', run.subtitle);
    if (run.isBaseline) opt.setAttribute('selected', '');
    opt.textContent = run.title;
    select.append(opt);
  }
  select.addEventListener('change', () => {
    if (select.value && select.value !== model.baselineId)
      host.post({ type: 'setBaseline', runId: select.value });
  });
  return h(
    'div',
    { class: 'baseline' },
    h('label', { for: 'baseline' }, strings.baseline),
    select,
    h('span', { class: 'hint' }, strings.baselineHint),
  );
}

function button(label: string, onClick: () => void): HTMLElement {
  const b = document.createElement('vscode-button');
  b.setAttribute('secondary', '');
  b.textContent = label;
  b.addEventListener('click', onClick);
  return b;
}

function exportBar(): HTMLElement {
  const status = h('span', { class: 'export-status', role: 'status' });
  const run = (msg: CompareWebviewMessage) => {
    status.textContent = '';
    host.request(msg).catch((err: Error) => {
      status.textContent = `${strings.exportFailed} ${err.message}`;
    });
  };
  return h(
    'div',
    { class: 'exports' },
    button(strings.exportMd, () => run({ type: 'export', format: 'md' })),
    button(strings.exportCsv, () => run({ type: 'export', format: 'csv' })),
    button(strings.exportPng, () => {
      const dataUrl = chart?.toPng();
      if (dataUrl) run({ type: 'export', format: 'png', dataUrl });
    }),
    status,
  );
}

/** What single runs cannot decide, said plainly, with the study that would decide it. */
function decideBox(model: CompareViewModel): HTMLElement | '' {
  if (!model.decide) return '';
  const status = h('span', { class: 'decide-status', role: 'status' });
  const b = document.createElement('vscode-button');
  b.id = 'decide-with-study';
  b.textContent = strings.decideWithStudy;
  b.addEventListener('click', () => {
    status.textContent = '';
    host.request({ type: 'decideWithStudy' }).catch((err: Error) => (status.textContent = err.message));
  });
  return h(
    'section',
    { class: 'decide', role: 'note', 'aria-label': strings.decideTitle },
    h('p', {}, model.decide.text),
    h('div', { class: 'decide-actions' }, b, status),
  );
}

let lastModel: CompareViewModel | undefined;

function render(model: CompareViewModel): void {
  lastModel = model;
  const canvas = h('canvas', { role: 'img', 'aria-label': strings.chartLabel });
  app.replaceChildren(
    h('header', {}, h('h1', {}, strings.title), baselinePicker(model), exportBar()),
    decideBox(model),
    h(
      'section',
      { class: 'chart', 'aria-label': strings.chartTitle },
      h('h2', {}, strings.chartTitle),
      h('div', { class: 'chart-box' }, canvas),
    ),
    phaseTables(model, strings),
    flagTable(model, strings),
    notesList(model, strings) ?? '',
  );
  chart = new PhaseChart(canvas);
  chart.render(model.chart, model.baselineId, strings.baseline);
  diffTab.mount();
  app.setAttribute('aria-busy', 'false');
}

// VS Code swaps the body's theme class: redraw the chart in the new theme's colours.
new MutationObserver(() => {
  if (lastModel) chart?.render(lastModel.chart, lastModel.baselineId, strings.baseline);
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

host.on((msg) => {
  if (msg.type === 'init') {
    strings = msg.strings;
    render(msg.model);
  } else if (msg.type === 'update') {
    render(msg.model);
  } else if (msg.type === 'profileDiff') {
    diffTab.update(msg.diffs, msg.strings);
  }
});
host.post({ type: 'ready' });
