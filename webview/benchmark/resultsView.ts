/**
 * A finished run, shown plainly: its status and reason, the tool's warnings and errors, a table of
 * the phase numbers, the phase and iteration charts, and a button to open the saved record.
 * Everything the tool printed is set as text.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { RunResultView } from '../../src/shared/benchmarkProtocol';
import type { UiStrings } from '../../src/shared/protocol';
import { h } from '../common/host';
import { fmt, IterationChart, PhaseChart } from './charts';

export class ResultsView {
  readonly element: HTMLElement;
  private readonly summary: HTMLElement;
  private readonly table: HTMLTableElement;
  private readonly messages: HTMLElement;
  private readonly charts: HTMLElement;
  private readonly phaseChart: PhaseChart;
  private readonly iterationChart: IterationChart;
  private readonly openButton: HTMLElement;
  private recordId: string | undefined;

  constructor(
    private readonly strings: UiStrings,
    openRecord: (id: string) => void,
  ) {
    const s = strings;
    this.summary = h('div', { class: 'result-summary' }, s.noResult ?? '');
    this.messages = h('div', { class: 'tool-messages' });
    this.messages.hidden = true;
    this.table = h('table', { class: 'result-table', id: 'result-table' });
    this.table.hidden = true;
    const phaseCanvas = h('canvas', {
      id: 'phase-chart',
      role: 'img',
      'aria-label': s.phaseChart ?? 'Phases',
    });
    const iterCanvas = h('canvas', {
      id: 'iteration-chart',
      role: 'img',
      'aria-label': s.iterationChart ?? 'Iterations',
    });
    this.phaseChart = new PhaseChart(phaseCanvas, s);
    this.iterationChart = new IterationChart(iterCanvas, s);
    this.charts = h(
      'div',
      { class: 'chart-pair' },
      h('figure', {}, h('figcaption', {}, s.phaseChart ?? ''), h('div', { class: 'chart-box' }, phaseCanvas)),
      h(
        'figure',
        {},
        h('figcaption', {}, s.iterationChart ?? ''),
        h('div', { class: 'chart-box' }, iterCanvas),
      ),
    );
    this.charts.hidden = true;
    this.openButton = h(
      'vscode-button',
      { secondary: true, id: 'open-record' },
      s.openRecord ?? 'Open the saved record',
    );
    this.openButton.hidden = true;
    this.openButton.addEventListener('click', () => {
      if (this.recordId) openRecord(this.recordId);
    });
    this.element = h(
      'section',
      { class: 'results', 'aria-live': 'polite' },
      h('h2', {}, s.results ?? 'Results'),
      this.summary,
      this.messages,
      this.charts,
      this.table,
      this.openButton,
    );
  }

  show(r: RunResultView): void {
    const s = this.strings;
    this.recordId = r.recordId;
    this.summary.replaceChildren(
      h('span', { class: `status status-${r.status}` }, s[`status.${r.status}`] ?? r.status),
      h('span', { class: 'result-target' }, (s.targetLabel ?? 'Target: {0}').replace('{0}', r.target)),
    );
    if (r.reason) this.summary.append(h('div', { class: 'reason' }, r.reason));
    const shown = r.messages.filter((m) => m.level !== 'info');
    this.messages.hidden = shown.length === 0;
    this.messages.replaceChildren(
      h('h3', {}, s.messages ?? 'Messages'),
      h('ul', {}, ...shown.slice(0, 50).map((m) => h('li', { class: `msg msg-${m.level}` }, m.text))),
    );
    this.fillTable(r);
    const hasNumbers = r.phases.loadMs !== null || r.phases.inference !== null || r.iterationsMs.length > 0;
    this.charts.hidden = !hasNumbers;
    this.table.hidden = !hasNumbers;
    if (hasNumbers) {
      this.phaseChart.show(r);
      this.iterationChart.show(r);
    }
    this.openButton.hidden = false;
  }

  private fillTable(r: RunResultView): void {
    const s = this.strings;
    const row = (label: string, value: string) =>
      h('tr', {}, h('th', { scope: 'row' }, label), h('td', { class: 'num' }, value));
    const inf = r.phases.inference;
    const rows: HTMLElement[] = [
      row(s.load ?? 'load', fmt(r.phases.loadMs)),
      row(s.configuration ?? 'configuration', fmt(r.phases.configMs)),
      ...r.phases.warmupMs.map((ms, i) =>
        row((s.warmup ?? 'warm-up {0}').replace('{0}', String(i + 1)), fmt(ms)),
      ),
    ];
    if (inf) {
      rows.push(
        row(s.mean ?? 'mean', `${fmt(inf.meanMs)} ± ${fmt(inf.sdMs)}`),
        row(s.median ?? 'median', fmt(inf.medianMs)),
        row(`${s.min ?? 'min'} / ${s.max ?? 'max'}`, `${fmt(inf.minMs)} / ${fmt(inf.maxMs)}`),
        row(s.count ?? 'iterations', String(inf.count)),
      );
    }
    if (r.totalMs !== null) rows.push(row(s.total ?? 'total', fmt(r.totalMs)));
    this.table.replaceChildren(
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, s.phase ?? 'Phase'),
          h('th', { scope: 'col' }, s.timeMs ?? 'ms'),
        ),
      ),
      h('tbody', {}, ...rows),
    );
  }
}

// Colour codes a tool prints when it thinks it writes to a terminal.
const ANSI = new RegExp(String.fromCharCode(27) + '\\[[0-9;?]*[A-Za-z]', 'g');

/** The last lines of the tool's output, as text; older lines drop off so the page stays light. */
export class LogTail {
  readonly element: HTMLPreElement;
  private lines: string[] = [''];
  private scheduled = false;

  constructor(private readonly maxLines = 400) {
    this.element = h('pre', { class: 'log', id: 'run-log', tabindex: '0' });
  }

  clear(): void {
    this.lines = [''];
    this.element.textContent = '';
  }

  append(text: string): void {
    const parts = text.replace(ANSI, '').replace(/\r\n?/g, '\n').split('\n');
    this.lines[this.lines.length - 1] += parts[0]!;
    for (let i = 1; i < parts.length; i++) this.lines.push(parts[i]!);
    if (this.lines.length > this.maxLines) this.lines.splice(0, this.lines.length - this.maxLines);
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      const atBottom = this.element.scrollHeight - this.element.scrollTop - this.element.clientHeight < 20;
      this.element.textContent = this.lines.join('\n');
      if (atBottom) this.element.scrollTop = this.element.scrollHeight;
    });
  }
}
