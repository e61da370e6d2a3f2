/**
 * Colours for the panels' charts (Explore, Compare), read from VS Code's theme variables at draw time, and
 * a registry that redraws every chart when the theme changes (VS Code swaps the body's class:
 * vscode-light / vscode-dark / vscode-high-contrast), so no chart stays white on a dark theme.
 */
import { Chart, registerables, type Plugin } from 'chart.js';

Chart.register(...registerables);

export interface ChartTheme {
  fg: string;
  muted: string;
  grid: string;
  background: string;
  faster: string;
  slower: string;
  neutral: string;
  baseline: string;
  band: string;
  font: string;
  series: string[];
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

export function chartTheme(): ChartTheme {
  const fg = cssVar('--vscode-foreground', '#cccccc');
  return {
    fg,
    muted: cssVar('--vscode-descriptionForeground', '#999999'),
    grid: cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.3)'),
    background: cssVar('--vscode-editor-background', '#1e1e1e'),
    faster: cssVar('--vscode-testing-iconPassed', cssVar('--vscode-charts-green', '#89d185')),
    slower: cssVar('--vscode-testing-iconFailed', cssVar('--vscode-charts-red', '#f14c4c')),
    neutral: cssVar('--vscode-charts-blue', '#3794ff'),
    baseline: cssVar('--vscode-textLink-foreground', '#3794ff'),
    // The noise band: drawn translucent over the background in the foreground's colour.
    band: fg,
    font: cssVar('--vscode-font-family', 'sans-serif'),
    series: [
      '--vscode-charts-blue',
      '--vscode-charts-orange',
      '--vscode-charts-green',
      '--vscode-charts-purple',
      '--vscode-charts-yellow',
      '--vscode-charts-red',
    ].map((v) => cssVar(v, fg)),
  };
}

/** Paints the editor background under the chart (exported images read like the panel). */
export function backgroundPlugin(colour: string): Plugin {
  return {
    id: 'larBackground',
    beforeDraw(chart) {
      const { ctx } = chart;
      ctx.save();
      ctx.globalCompositeOperation = 'destination-over';
      ctx.fillStyle = colour;
      ctx.fillRect(0, 0, chart.width, chart.height);
      ctx.restore();
    },
  };
}

/** A chart rebuilt from its data: on new data and on a theme change. */
export abstract class ThemedChart {
  protected chart: Chart | undefined;
  private drawn = false;

  constructor(protected readonly canvas: HTMLCanvasElement) {
    live.add(this);
  }

  protected abstract build(t: ChartTheme): Chart;

  redraw(): void {
    if (!this.canvas.isConnected) {
      // Not on the page yet (built before the panel is laid out): wait for the next redraw. Once
      // drawn and then taken off the page, it is gone for good: stop redrawing it.
      if (this.drawn) this.destroy();
      return;
    }
    this.drawn = true;
    this.chart?.destroy();
    this.chart = undefined;
    try {
      this.chart = this.build(chartTheme());
      this.canvas.dataset.theme = document.body.className;
      delete this.canvas.dataset.error;
    } catch (err) {
      // A chart that cannot draw must not take the tables and buttons down with it.
      this.canvas.dataset.error = err instanceof Error ? err.message : String(err);
      console.error('chart', err);
    }
  }

  destroy(): void {
    this.chart?.destroy();
    this.chart = undefined;
    live.delete(this);
  }
}

const live = new Set<ThemedChart>();
new MutationObserver(() => [...live].forEach((c) => c.redraw())).observe(document.body, {
  attributes: true,
  attributeFilter: ['class'],
});

export { Chart };
