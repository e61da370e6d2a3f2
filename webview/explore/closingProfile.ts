/**
 * "Where the difference comes from" under a target's results: the host's formatted diff of the
 * baseline's and the winner's closing profiled runs, with a button to the full operator diff.
 * Renders only; every text (names of operators included) goes in as text.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { ClosingProfileView } from '../../src/shared/exploreClosingProfile';
import { h } from '../common/host';

export class ClosingProfileBox {
  readonly element = h('section', { class: 'closing-profile', 'aria-live': 'polite' });
  private last = '';

  constructor(private readonly openDiff: () => void) {
    this.element.hidden = true;
  }

  update(view: ClosingProfileView | undefined): void {
    const key = JSON.stringify(view ?? null);
    if (key === this.last) return;
    this.last = key;
    this.element.hidden = !view;
    if (!view) return this.element.replaceChildren();
    this.element.dataset.state = view.state;
    const parts: Node[] = [h('h3', { class: 'closing-headline' }, view.headline)];
    if (view.detail) parts.push(h('div', { class: 'closing-detail' }, view.detail));
    if (view.lines.length > 0)
      parts.push(
        h(
          'table',
          { class: 'closing-lines' },
          h(
            'tbody',
            {},
            ...view.lines.map((l) =>
              h(
                'tr',
                {},
                h('th', { scope: 'row' }, l.label),
                h('td', { class: 'num' }, l.deltaText),
                h('td', { class: 'num' }, l.shareText),
              ),
            ),
          ),
        ),
      );
    if (view.operators.length > 0)
      parts.push(
        h(
          'ul',
          { class: 'closing-operators' },
          ...view.operators.map((o) => h('li', {}, h('code', {}, o.name), ` ${o.type} · ${o.deltaText}`)),
        ),
      );
    parts.push(h('p', { class: 'hint closing-note' }, view.note));
    if (view.diffLabel) {
      const b = h('vscode-button', { secondary: true, class: 'open-profile-diff' }, view.diffLabel);
      b.addEventListener('click', () => this.openDiff());
      parts.push(b);
    }
    this.element.replaceChildren(...parts);
  }
}
