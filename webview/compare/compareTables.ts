/**
 * The Compare panel's tables: one per phase (value, delta, ratio, 95% interval, verdict), the flags
 * that differ, and the notes. Everything is set as text. A regression is as loud as a win: both get
 * a colour, an arrow and a word; "not significant" gets its own mark so a small ratio is not read
 * as a result.
 */
import { h } from '../common/host';
import type { CompareCellView, CompareViewModel } from '../../src/shared/compareProtocol';
import type { UiStrings } from '../../src/shared/protocol';
import { seriesColour } from './phaseChart';

const VERDICT_MARK: Record<CompareCellView['verdict'], string> = {
  baseline: '◆',
  faster: '▼',
  slower: '▲',
  'no-difference': '≈',
  untested: '·',
  missing: '–',
};

function runCell(model: CompareViewModel, i: number): HTMLTableCellElement {
  const run = model.runs[i];
  const swatch = h('span', { class: 'swatch', 'aria-hidden': 'true' });
  swatch.style.background = seriesColour(i);
  return h(
    'th',
    { scope: 'row', class: 'run' },
    swatch,
    h('span', { class: 'run-title' }, run.title),
    run.status !== 'ok' ? h('span', { class: `status status-${run.status}` }, run.statusText) : null,
    h('div', { class: 'run-subtitle' }, run.subtitle),
  );
}

export function phaseTables(model: CompareViewModel, s: UiStrings): HTMLElement {
  const section = h('section', { class: 'phases', 'aria-label': s.tablesTitle }, h('h2', {}, s.tablesTitle));
  for (const phase of model.phases) {
    const head = h(
      'tr',
      {},
      ...[s.run, s.value, s.delta, s.ratio, s.interval, s.verdict].map((t) => h('th', { scope: 'col' }, t)),
    );
    const rows = phase.cells.map((c, i) =>
      h(
        'tr',
        { class: `verdict-${c.verdict}${c.undecided ? ' undecided' : ''}`, 'data-run': c.runId },
        runCell(model, i),
        h('td', { class: 'num' }, c.value),
        h('td', { class: 'num' }, c.delta),
        h('td', { class: 'num ratio' }, c.ratio),
        h('td', { class: 'interval' }, c.interval),
        h(
          'td',
          { class: 'verdict' },
          h('span', { class: 'mark', 'aria-hidden': 'true' }, c.undecided ? '?' : VERDICT_MARK[c.verdict]),
          h('span', { class: 'word' }, c.verdictText),
          c.detail ? h('div', { class: 'detail' }, c.detail) : null,
        ),
      ),
    );
    section.append(
      h(
        'table',
        { class: `phase phase-${phase.phase}` },
        // The same columns and widths in every phase's table, so they read as one grid.
        h(
          'colgroup',
          {},
          ...['run', 'value', 'delta', 'ratio', 'interval', 'verdict'].map((c) =>
            h('col', { class: `col-${c}` }),
          ),
        ),
        h(
          'caption',
          {},
          h('span', { class: 'phase-title' }, phase.title),
          h('span', { class: 'test' }, phase.test),
        ),
        h('thead', {}, head),
        h('tbody', {}, ...rows),
      ),
    );
  }
  return section;
}

export function flagTable(model: CompareViewModel, s: UiStrings): HTMLElement {
  const section = h('section', { class: 'flags', 'aria-label': s.flagsTitle }, h('h2', {}, s.flagsTitle));
  if (model.flagDifferences.length === 0) {
    section.append(h('p', {}, s.noFlagDifferences));
  } else {
    const head = h(
      'tr',
      {},
      h('th', { scope: 'col' }, s.flag),
      ...model.runs.map((r) => h('th', { scope: 'col' }, r.title)),
    );
    const rows = model.flagDifferences.map((d) =>
      h(
        'tr',
        {},
        h('th', { scope: 'row' }, h('code', {}, d.flag)),
        ...d.values.map((v) => h('td', { class: v === '–' ? 'absent' : 'given' }, v)),
      ),
    );
    section.append(h('table', { class: 'flag-diff' }, h('thead', {}, head), h('tbody', {}, ...rows)));
  }
  if (model.commonFlags)
    section.append(h('p', { class: 'common' }, `${s.commonFlags} `, h('code', {}, model.commonFlags)));
  return section;
}

export function notesList(model: CompareViewModel, s: UiStrings): HTMLElement | null {
  if (model.notes.length === 0) return null;
  return h(
    'section',
    { class: 'notes', 'aria-label': s.notesTitle },
    h('h2', {}, s.notesTitle),
    h('ul', {}, ...model.notes.map((n) => h('li', {}, n))),
  );
}
