/**
 * The study as it goes and as it ends, per target: the forest plot beside the leaderboard, the
 * recommendation card (winner or "nothing beats the defaults", with Copy / Open in Benchmark panel
 * / Save as preset), the break-even chart; and the targets × candidates matrix. Sections are built
 * once per target and updated in place, so focus and charts survive the updates after every round.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type {
  CandidateResultView,
  MatrixView,
  RecommendationView,
  StudyTargetView,
} from '../../src/shared/exploreProtocol';
import type { UiStrings } from '../../src/shared/protocol';
import { h } from '../common/host';
import { BreakEvenChart } from './breakEvenChart';
import { ForestPlot } from './forestPlot';

export interface CardActions {
  copy(text: string): void;
  openInBenchmark(targetId: string, candidateKey: string): void;
  savePreset(targetId: string, candidateKey: string): Promise<string>;
}

function leaderboard(rows: CandidateResultView[], s: UiStrings): HTMLElement {
  const head = [s.rank, s.candidate, s.ratio, s.interval, s.verdict, s.rounds, s.breakEven];
  return h(
    'table',
    { class: 'leaderboard' },
    h('caption', { class: 'visually-hidden' }, s.leaderboard),
    h('thead', {}, h('tr', {}, ...head.map((t) => h('th', { scope: 'col' }, t)))),
    h(
      'tbody',
      {},
      ...rows.map((r) =>
        h(
          'tr',
          { class: `verdict-${r.verdict}`, 'data-candidate': r.key },
          h('td', { class: 'num' }, r.rank === null ? '–' : String(r.rank)),
          h(
            'th',
            { scope: 'row', class: 'candidate' },
            h('span', { class: 'label' }, r.label),
            h('code', { class: 'flags' }, r.flagsText),
            r.reason ? h('span', { class: 'reason' }, r.reason) : '',
          ),
          h('td', { class: 'num ratio' }, r.ratioText),
          h('td', { class: 'num interval' }, r.intervalText),
          h('td', { class: 'verdict' }, r.verdictText),
          h('td', { class: 'num' }, String(r.rounds)),
          h('td', { class: 'num' }, r.breakEvenText),
        ),
      ),
    ),
  );
}

function button(id: string, label: string, onClick: () => void): HTMLElement {
  const b = h('vscode-button', { secondary: true, class: id }, label);
  b.addEventListener('click', onClick);
  return b;
}

function card(targetId: string, rec: RecommendationView, s: UiStrings, act: CardActions): HTMLElement {
  const status = h('span', { class: 'card-status', role: 'status' });
  const key = rec.candidateKey;
  const buttons =
    rec.kind === 'winner' && key
      ? h(
          'div',
          { class: 'button-row' },
          button('copy-command', s.copy, () => {
            act.copy(rec.command);
            status.textContent = s.copied;
          }),
          button('open-benchmark', s.openInBenchmark, () => act.openInBenchmark(targetId, key)),
          button('save-preset', s.savePreset, () => {
            status.textContent = '';
            act.savePreset(targetId, key).then(
              (msg) => (status.textContent = msg),
              (err: Error) => (status.textContent = err.message),
            );
          }),
          status,
        )
      : '';
  return h(
    'div',
    { class: `recommendation kind-${rec.kind}`, role: 'group', 'aria-label': s.recommendation },
    h('div', { class: 'headline' }, rec.headline),
    rec.detail ? h('div', { class: 'detail' }, rec.detail) : '',
    rec.command ? h('pre', { class: 'command', tabindex: '0' }, rec.command) : '',
    buttons,
  );
}

export class TargetSection {
  readonly element: HTMLElement;
  private readonly forestCanvas = h('canvas', { class: 'forest', role: 'img' });
  private readonly breakEvenCanvas = h('canvas', { class: 'break-even', role: 'img' });
  private readonly forest: ForestPlot;
  private readonly breakEven: BreakEvenChart;
  private readonly noise = h('div', { class: 'noise' });
  private readonly board = h('div', { class: 'board' });
  private readonly cardBox = h('div', { class: 'card-box' });
  private readonly breakEvenBox: HTMLElement;
  private lastCard = '';

  constructor(
    view: StudyTargetView,
    private readonly s: UiStrings,
    private readonly act: CardActions,
  ) {
    this.forestCanvas.setAttribute('aria-label', s.forestLabel);
    this.breakEvenCanvas.setAttribute('aria-label', s.breakEvenLabel);
    this.forest = new ForestPlot(this.forestCanvas);
    this.breakEven = new BreakEvenChart(this.breakEvenCanvas);
    this.breakEvenBox = h(
      'div',
      { class: 'break-even-box' },
      h('h3', {}, s.breakEvenTitle),
      h('div', { class: 'chart-box tall' }, this.breakEvenCanvas),
    );
    this.element = h(
      'section',
      { class: 'target-study', 'data-target': view.targetId, 'aria-label': view.label },
      h('h2', {}, view.label),
      this.noise,
      this.cardBox,
      h('div', { class: 'race' }, h('div', { class: 'chart-box forest-box' }, this.forestCanvas), this.board),
      this.breakEvenBox,
    );
  }

  update(view: StudyTargetView): void {
    this.noise.textContent = view.noiseText;
    this.board.replaceChildren(leaderboard(view.candidates, this.s));
    this.forestCanvas.parentElement!.style.height = `${Math.max(140, 34 * view.candidates.length + 60)}px`;
    this.forest.show(view);
    // Rebuild the card only when it changed: a keyboard user's focus stays on its buttons.
    const cardKey = JSON.stringify(view.recommendation);
    if (cardKey !== this.lastCard) {
      this.lastCard = cardKey;
      this.cardBox.replaceChildren(card(view.targetId, view.recommendation, this.s, this.act));
    }
    this.breakEvenBox.hidden = !view.breakEven;
    if (view.breakEven) this.breakEven.show(view.breakEven);
  }

  destroy(): void {
    this.forest.destroy();
    this.breakEven.destroy();
  }
}

/** Targets × candidates, coloured by ratio, with the verdict glyph in each cell. */
export function matrixTable(m: MatrixView, s: UiStrings): HTMLElement {
  return h(
    'section',
    { class: 'matrix', 'aria-labelledby': 'matrix-title' },
    h('h2', { id: 'matrix-title' }, s.matrixTitle),
    h('p', { class: 'hint' }, s.matrixHint),
    h(
      'table',
      { class: 'matrix-table' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col' }, s.target),
          ...m.candidates.map((c) => h('th', { scope: 'col' }, c)),
        ),
      ),
      h(
        'tbody',
        {},
        ...m.rows.map((row) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, row.target),
            ...row.cells.map((c) => {
              const td = h(
                'td',
                {
                  // A candidate dropped for being slower reads as a loss on that target.
                  class: `cell verdict-${c.verdict}${c.verdict === 'dropped' && (c.ratio ?? 0) > 1 ? ' worse' : ''}`,
                  'data-ratio': c.ratio === null ? '' : String(c.ratio),
                },
                h('span', { class: 'glyph', 'aria-hidden': 'true' }, c.glyph),
                ` ${c.text}`,
              );
              // Colour depth follows the size of the effect: ×0.5 or ×2 is full strength.
              const strength = c.ratio && c.ratio > 0 ? Math.min(1, Math.abs(Math.log2(c.ratio))) : 0;
              td.style.setProperty('--strength', `${Math.round(15 + 50 * strength)}%`);
              return td;
            }),
          ),
        ),
      ),
    ),
  );
}
