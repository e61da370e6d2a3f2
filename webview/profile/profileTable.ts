/**
 * The Profile panel's tables, one per grouping (operators, types). Clicking a column header sorts
 * by it (numbers by their raw value, texts alphabetically; a second click reverses); the rows and
 * their numbers are the host's. Everything is set as text.
 */
import { h } from '../common/host';
import type { ProfileOperatorRowView, ProfileTypeRowView } from '../../src/shared/profileProtocol';
import type { UiStrings } from '../../src/shared/protocol';

interface Column<R> {
  title: string;
  /** Sort key: a number sorts numerically (largest first on the first click), a string alphabetically. */
  key: (r: R) => number | string;
  cell: (r: R) => string;
  numeric?: boolean;
  className?: string;
}

function sortableTable<R>(columns: Column<R>[], rows: R[], label: string, initial: number): HTMLTableElement {
  let sortBy = initial;
  let descending = true;
  const body = h('tbody');
  const heads = columns.map((c, i) => {
    const button = h('button', { type: 'button', class: 'sort' }, c.title);
    const th = h('th', { scope: 'col', class: c.numeric ? 'num' : undefined }, button);
    button.addEventListener('click', () => {
      if (sortBy === i) descending = !descending;
      else {
        sortBy = i;
        descending = Boolean(columns[i]!.numeric);
      }
      draw();
    });
    return th;
  });
  const draw = (): void => {
    const col = columns[sortBy]!;
    const sorted = [...rows].sort((a, b) => {
      const x = col.key(a);
      const y = col.key(b);
      const order =
        typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
      return descending ? -order : order;
    });
    heads.forEach((th, i) =>
      th.setAttribute('aria-sort', i === sortBy ? (descending ? 'descending' : 'ascending') : 'none'),
    );
    body.replaceChildren(
      ...sorted.map((r) =>
        h(
          'tr',
          {},
          ...columns.map((c) =>
            h(
              'td',
              { class: [c.numeric ? 'num' : '', c.className ?? ''].join(' ').trim() || undefined },
              c.cell(r),
            ),
          ),
        ),
      ),
    );
  };
  draw();
  return h('table', { 'aria-label': label }, h('thead', {}, h('tr', {}, ...heads)), body);
}

export function operatorTable(rows: ProfileOperatorRowView[], s: UiStrings): HTMLTableElement {
  return sortableTable<ProfileOperatorRowView>(
    [
      { title: s.position, key: (r) => r.position, cell: (r) => String(r.position), numeric: true },
      { title: s.operator, key: (r) => r.name, cell: (r) => r.name, className: 'name' },
      { title: s.type, key: (r) => r.type, cell: (r) => r.type },
      { title: s.time, key: (r) => r.ms, cell: (r) => r.msText, numeric: true },
      { title: s.share, key: (r) => r.share, cell: (r) => r.shareText, numeric: true },
      { title: s.spread, key: (r) => r.spreadText, cell: (r) => r.spreadText, numeric: true },
      { title: s.executions, key: (r) => r.executions, cell: (r) => String(r.executions), numeric: true },
      { title: s.inputs, key: (r) => r.inputs, cell: (r) => r.inputs, className: 'shapes' },
      { title: s.detail, key: (r) => r.detail, cell: (r) => r.detail },
    ],
    rows,
    s.byOperator,
    3,
  );
}

export function typeTable(rows: ProfileTypeRowView[], s: UiStrings): HTMLTableElement {
  return sortableTable<ProfileTypeRowView>(
    [
      { title: s.type, key: (r) => r.type, cell: (r) => r.type },
      { title: s.operators, key: (r) => r.operators, cell: (r) => String(r.operators), numeric: true },
      { title: s.time, key: (r) => r.ms, cell: (r) => r.msText, numeric: true },
      { title: s.share, key: (r) => r.share, cell: (r) => r.shareText, numeric: true },
      { title: s.typeDetail, key: (r) => r.detail, cell: (r) => r.detail },
    ],
    rows,
    s.byType,
    2,
  );
}
