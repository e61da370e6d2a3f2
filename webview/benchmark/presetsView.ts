/**
 * The one-click parts of the panel: the common single presets (each adds its flags) and the
 * guide's three-step recipes (each runs as one chained action on the host). Builds elements and
 * reports clicks; what a preset or recipe means is the host's data.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import '@vscode-elements/elements/dist/vscode-collapsible/index.js';
import type { PresetView, RecipeView } from '../../src/shared/benchmarkProtocol';
import type { UiStrings } from '../../src/shared/protocol';
import { h } from '../common/host';

export function presetButtons(presets: PresetView[], onPreset: (p: PresetView) => void): HTMLElement {
  return h(
    'div',
    { class: 'button-row presets' },
    ...presets.map((p) => {
      const b = h('vscode-button', { secondary: true, 'data-preset': p.id }, p.label);
      b.addEventListener('click', () => onPreset(p));
      return b;
    }),
  );
}

/** A folded section with one card per recipe: its steps (and notes) and a Run button. */
export function recipesSection(
  recipes: RecipeView[],
  s: UiStrings,
  onRun: (id: string) => void,
): HTMLElement {
  const section = h('vscode-collapsible', { class: 'recipes', id: 'recipes' });
  section.heading = s.recipes ?? 'Recipes';
  section.append(
    h('p', { class: 'hint' }, s.recipesHint ?? ''),
    ...recipes.map((r) => {
      // The host decided whether the recipe can run on this model; a disabled one says why.
      const b = h(
        'vscode-button',
        {
          'data-recipe': r.id,
          secondary: true,
          disabled: r.disabledReason !== undefined,
          'data-blocked': r.disabledReason !== undefined,
        },
        s.runRecipe ?? 'Run the recipe',
      );
      if (!r.disabledReason) b.addEventListener('click', () => onRun(r.id));
      return h(
        'div',
        { class: 'recipe' },
        h('div', { class: 'recipe-head' }, h('strong', {}, r.label), b),
        r.disabledReason ? h('p', { class: 'recipe-disabled', role: 'note' }, r.disabledReason) : null,
        // The step labels carry their own numbers ("1. ..."), as the guide writes them.
        h(
          'ul',
          {},
          ...r.steps.map((st) =>
            h('li', {}, st.label, st.note ? h('div', { class: 'note' }, st.note) : null),
          ),
        ),
      );
    }),
  );
  return section;
}
