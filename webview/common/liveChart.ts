/**
 * The current run's iteration times, as they arrive (batched to one update per animation frame):
 * the Benchmark panel's live chart, and the Explore panel's, so a long study shows it is alive
 * between rounds. One copy for both panels; the theme registry redraws it on a theme change.
 */
import type { Chart } from 'chart.js';
import { Chart as ChartJs, ThemedChart, type ChartTheme } from './chartTheme';

export class LiveRunChart extends ThemedChart {
  private values: number[] = [];
  private scheduled = false;

  constructor(
    canvas: HTMLCanvasElement,
    private readonly yTitle: string,
    private readonly xTitle?: string,
  ) {
    super(canvas);
    this.redraw();
  }

  reset(): void {
    this.values = [];
    this.redraw();
  }

  push(index: number, ms: number): void {
    this.values[index] = ms;
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      if (!this.chart) return;
      this.chart.data.labels = this.values.map((_, i) => String(i));
      this.chart.data.datasets[0]!.data = [...this.values];
      this.chart.update('none');
      this.canvas.dataset.points = String(this.values.filter((v) => v !== undefined).length);
    });
  }

  protected build(t: ChartTheme): Chart {
    const font = { family: t.font, size: 11 };
    return new ChartJs(this.canvas, {
      type: 'line',
      data: {
        labels: this.values.map((_, i) => String(i)),
        datasets: [
          {
            data: [...this.values],
            borderColor: t.neutral,
            backgroundColor: t.neutral,
            pointRadius: 1.5,
            borderWidth: 1.5,
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        plugins: { legend: { display: false } },
        scales: {
          x: {
            ticks: { color: t.fg, font },
            grid: { color: t.grid },
            ...(this.xTitle ? { title: { display: true, text: this.xTitle, color: t.fg, font } } : {}),
          },
          y: {
            beginAtZero: true,
            ticks: { color: t.fg, font },
            grid: { color: t.grid },
            title: { display: true, text: this.yTitle, color: t.fg, font },
          },
        },
      },
    });
  }
}
