/**
 * The panel's charts (chart.js): a live line of iteration times while a run goes, and after it the
 * phase bars (load, configuration, each warm-up, inference mean with its min–max range) and the
 * iteration line. Colours are read from VS Code's theme variables each time a chart is drawn, and
 * charts redraw when the theme changes, so light, dark and high contrast all read well.
 */
import { Chart, registerables, type ChartConfiguration } from 'chart.js';
import type { RunResultView } from '../../src/shared/benchmarkProtocol';
import type { UiStrings } from '../../src/shared/protocol';
import { phaseBarDatasets, type PhaseRow } from './phaseBars';

Chart.register(...registerables);

interface Theme {
  fg: string;
  grid: string;
  primary: string;
  secondary: string;
  range: string;
  font: string;
}

function theme(): Theme {
  const css = getComputedStyle(document.body);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    fg: v('--vscode-foreground', '#cccccc'),
    grid: v('--vscode-editorWidget-border', v('--vscode-panel-border', '#80808040')),
    primary: v('--vscode-charts-blue', '#3794ff'),
    secondary: v('--vscode-charts-orange', '#d18616'),
    range: v('--vscode-charts-purple', '#b180d7'),
    font: v('--vscode-font-family', 'sans-serif'),
  };
}

function axes(t: Theme, yTitle: string, xTitle?: string, logarithmic = false) {
  const tick = { color: t.fg, font: { family: t.font } };
  return {
    x: {
      ticks: tick,
      grid: { color: t.grid },
      ...(xTitle ? { title: { display: true, text: xTitle, color: t.fg } } : {}),
    },
    y: {
      ...(logarithmic ? { type: 'logarithmic' as const } : { beginAtZero: true }),
      ticks: tick,
      grid: { color: t.grid },
      title: { display: true, text: yTitle, color: t.fg },
    },
  };
}

/** A chart that can be rebuilt from its data when the theme changes. */
abstract class ThemedChart {
  protected chart: Chart | undefined;
  constructor(protected readonly canvas: HTMLCanvasElement) {
    charts.add(this);
  }
  protected abstract config(t: Theme): ChartConfiguration;
  redraw(): void {
    this.chart?.destroy();
    this.chart = new Chart(this.canvas, this.config(theme()));
    this.canvas.dataset.points = String(this.pointCount());
  }
  protected abstract pointCount(): number;
}

const charts = new Set<ThemedChart>();
// VS Code switches the body's theme class (vscode-light / vscode-dark / vscode-high-contrast).
new MutationObserver(() => charts.forEach((c) => c.redraw())).observe(document.body, {
  attributes: true,
  attributeFilter: ['class'],
});

/** Load, configuration, each warm-up and the inference mean, with the min–max range of the inference. */
export class PhaseChart extends ThemedChart {
  private result: RunResultView | undefined;

  constructor(
    canvas: HTMLCanvasElement,
    private readonly strings: UiStrings,
  ) {
    super(canvas);
  }

  show(result: RunResultView): void {
    this.result = result;
    this.redraw();
  }

  private rows(): PhaseRow[] {
    const r = this.result;
    if (!r) return [];
    const s = this.strings;
    const rows: PhaseRow[] = [
      { label: s.load ?? 'load', value: r.phases.loadMs },
      { label: s.configuration ?? 'configuration', value: r.phases.configMs },
      ...r.phases.warmupMs.map((ms, i) => ({
        label: (s.warmup ?? 'warm-up {0}').replace('{0}', String(i + 1)),
        value: ms,
      })),
    ];
    const inf = r.phases.inference;
    if (inf)
      rows.push({ label: s.inferenceMean ?? 'inference', value: inf.meanMs, range: [inf.minMs, inf.maxMs] });
    return rows.filter((row) => row.value !== null && Number.isFinite(row.value));
  }

  protected pointCount(): number {
    return this.rows().length;
  }

  protected config(t: Theme): ChartConfiguration {
    const rows = this.rows();
    const inf = this.result?.phases.inference;
    const s = this.strings;
    const datasets = phaseBarDatasets(
      rows,
      { phase: t.secondary, mean: t.primary, range: t.range },
      { phases: s.timeMs ?? 'ms', mean: s.inferenceMean ?? 'inference', range: s.minMax ?? 'min–max' },
    );
    this.canvas.dataset.series = JSON.stringify(
      datasets.map((d) => ({ label: d.label, colour: d.backgroundColor, order: d.order })),
    );
    return {
      type: 'bar',
      data: {
        labels: rows.map((r) => r.label),
        datasets: datasets as ChartConfiguration<'bar'>['data']['datasets'],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        indexAxis: 'x',
        skipNull: true,
        plugins: {
          legend: { labels: { color: t.fg } },
          tooltip: {
            callbacks: {
              afterLabel: (ctx) =>
                rows[ctx.dataIndex]?.range && inf && datasets[ctx.datasetIndex]?.order === 2
                  ? `± ${fmt(inf.sdMs)} (${this.strings.sd ?? 'sd'})`
                  : '',
            },
          },
        },
        // A fast-run warm-up can take 1000x an inference: on a linear axis the inference bar vanishes.
        scales: axes(t, this.strings.timeMsLog ?? 'ms', undefined, true),
      },
    } as ChartConfiguration;
  }
}

/** The end-to-end time of every timed iteration of a finished run. */
export class IterationChart extends ThemedChart {
  private values: number[] = [];
  private mean: number | undefined;

  constructor(
    canvas: HTMLCanvasElement,
    private readonly strings: UiStrings,
  ) {
    super(canvas);
  }

  show(result: RunResultView): void {
    this.values = result.iterationsMs;
    this.mean = result.phases.inference?.meanMs;
    this.redraw();
  }

  protected pointCount(): number {
    return this.values.length;
  }

  protected config(t: Theme): ChartConfiguration {
    const labels = this.values.map((_, i) => String(i));
    return {
      type: 'line',
      data: {
        labels,
        datasets: [
          {
            label: this.strings.timeMs ?? 'ms',
            data: this.values,
            borderColor: t.primary,
            backgroundColor: t.primary,
            pointRadius: 2,
            borderWidth: 1.5,
          },
          ...(this.mean !== undefined && Number.isFinite(this.mean)
            ? [
                {
                  label: this.strings.mean ?? 'mean',
                  data: labels.map(() => this.mean!),
                  borderColor: t.secondary,
                  borderDash: [4, 4],
                  pointRadius: 0,
                  borderWidth: 1,
                },
              ]
            : []),
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { labels: { color: t.fg } } },
        scales: axes(t, this.strings.timeMs ?? 'ms', this.strings.iteration),
      },
    };
  }
}

export function fmt(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '–';
  return ms >= 100 ? ms.toFixed(1) : ms >= 1 ? ms.toFixed(3) : ms.toFixed(4);
}
