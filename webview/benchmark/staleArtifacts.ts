/**
 * The Benchmark panel's box for reused artifacts made under other conditions: shown from the
 * moment the host sends them (before the tool starts) until the next run is asked for. Text only.
 */
import type { StaleArtifactsMessage } from '../../src/shared/staleArtifacts';
import { h } from '../common/host';

export class StaleArtifactsBox {
  readonly element = h('div', {
    class: 'stale-artifacts',
    id: 'stale-artifacts',
    role: 'status',
    hidden: true,
  });

  show(msg: StaleArtifactsMessage): void {
    this.element.replaceChildren(
      h('div', { class: 'stale-title' }, msg.title),
      h(
        'ul',
        {},
        ...msg.warnings.map((w) =>
          h(
            'li',
            { class: 'stale-warning' },
            h('div', {}, w.message),
            h('div', { class: 'stale-fix' }, w.fix),
          ),
        ),
      ),
    );
    this.element.hidden = msg.warnings.length === 0;
  }

  clear(): void {
    this.element.replaceChildren();
    this.element.hidden = true;
  }
}
