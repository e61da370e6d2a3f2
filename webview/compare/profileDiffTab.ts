/**
 * The Compare panel's operator-diff tab, browser side: when the host sends diffs of profiled runs,
 * a tab strip appears under the header ("Phases" | "Operator diff"); the diff tab shows, per
 * profiled run against the baseline, the headline, the "where the difference comes from" lines
 * (which add up to the total) and the operators with the largest change. Texts are the host's.
 */
import { h } from '../common/host';
import type { ProfileDiffView } from '../../src/shared/profileProtocol';
import type { UiStrings } from '../../src/shared/protocol';

type Tab = 'phases' | 'diff';

function diffSection(d: ProfileDiffView, s: UiStrings): HTMLElement {
  const contributions = h(
    'table',
    { class: 'contributions', 'aria-label': s.contributionsTitle },
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        h('th', { scope: 'col' }, s.contribution),
        h('th', { scope: 'col', class: 'num' }, s.delta),
        h('th', { scope: 'col', class: 'num' }, s.ofDifference),
      ),
    ),
    h(
      'tbody',
      {},
      ...d.contributions.map((c) =>
        h(
          'tr',
          { class: `direction-${c.direction}` },
          h('th', { scope: 'row' }, c.label),
          h('td', { class: 'num delta' }, c.deltaText),
          h('td', { class: 'num' }, c.shareText),
        ),
      ),
    ),
    h(
      'tfoot',
      {},
      h(
        'tr',
        { class: `total direction-${d.total.direction}` },
        h('th', { scope: 'row' }, d.total.label),
        h('td', { class: 'num delta' }, d.total.deltaText),
        h('td', { class: 'num' }, d.total.shareText),
      ),
    ),
  );
  const head = [s.operator, s.type, s.match, s.before, s.after, s.delta, s.ratio, s.ofDifference].map(
    (t, i) => h('th', { scope: 'col', class: i >= 3 ? 'num' : undefined }, t),
  );
  const operators = h(
    'table',
    { class: 'operator-diff', 'aria-label': s.operatorsTitle },
    h('thead', {}, h('tr', {}, ...head)),
    h(
      'tbody',
      {},
      ...d.operators.map((o) =>
        h(
          'tr',
          { class: `match-${o.match} direction-${o.deltaMs < 0 ? 'gain' : o.deltaMs > 0 ? 'loss' : 'none'}` },
          h('td', { class: 'name' }, o.name, o.previous ? h('div', { class: 'previous' }, o.previous) : null),
          h('td', {}, o.type),
          h('td', {}, o.matchText),
          h('td', { class: 'num' }, o.beforeText),
          h('td', { class: 'num' }, o.afterText),
          h(
            'td',
            { class: 'num delta' },
            o.deltaText,
            o.jitterText ? h('div', { class: 'jitter' }, o.jitterText) : null,
          ),
          h('td', { class: 'num' }, o.ratioText),
          h('td', { class: 'num' }, o.shareText),
        ),
      ),
    ),
  );
  return h(
    'section',
    { class: 'profile-diff-run', 'data-before': d.beforeRunId, 'data-after': d.afterRunId },
    h('h2', {}, d.title),
    h('p', { class: 'diff-summary' }, d.summary),
    h('p', { class: 'headline', role: 'status' }, d.headline),
    h('h3', {}, s.contributionsTitle),
    contributions,
    h('h3', {}, s.operatorsTitle),
    operators,
    d.moreOperators ? h('p', { class: 'more' }, d.moreOperators) : null,
    h('ul', { class: 'diff-notes' }, ...d.notes.map((n) => h('li', {}, n))),
  );
}

export class ProfileDiffTab {
  private diffs: ProfileDiffView[] = [];
  private strings: UiStrings = {};
  private tab: Tab = 'phases';

  constructor(private readonly app: HTMLElement) {}

  /** New diffs from the host (an empty list removes the tab). */
  update(diffs: ProfileDiffView[], strings: UiStrings): void {
    this.diffs = diffs;
    this.strings = strings;
    if (diffs.length === 0) this.tab = 'phases';
    this.mount();
  }

  /** Call after the panel re-rendered its sections. */
  mount(): void {
    this.app.querySelector(':scope > .compare-tabs')?.remove();
    this.app.querySelector(':scope > .profile-diff')?.remove();
    if (this.diffs.length === 0) {
      this.show();
      return;
    }
    const s = this.strings;
    const tabButton = (tab: Tab, label: string): HTMLElement => {
      const b = h(
        'button',
        {
          type: 'button',
          role: 'tab',
          class: 'compare-tab',
          id: `tab-${tab}`,
          'aria-selected': String(this.tab === tab),
        },
        label,
      );
      b.addEventListener('click', () => {
        this.tab = tab;
        this.mount();
      });
      return b;
    };
    const strip = h(
      'div',
      { class: 'compare-tabs', role: 'tablist', 'aria-label': s.tabsLabel },
      tabButton('phases', s.phasesTab),
      tabButton('diff', s.diffTab),
    );
    const panel = h(
      'div',
      { class: 'profile-diff', role: 'tabpanel', 'aria-labelledby': 'tab-diff' },
      ...this.diffs.map((d) => diffSection(d, s)),
    );
    const header = this.app.querySelector(':scope > header');
    if (header) header.after(strip);
    else this.app.prepend(strip);
    this.app.append(panel);
    this.show();
  }

  private show(): void {
    for (const child of Array.from(this.app.children)) {
      if (child.matches('header, .compare-tabs')) continue;
      const isDiff = child.classList.contains('profile-diff');
      (child as HTMLElement).hidden = this.diffs.length > 0 && (this.tab === 'diff' ? !isDiff : isDiff);
    }
  }
}
