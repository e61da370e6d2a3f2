/**
 * The break-even chart of one target: cumulative cost (ms) against the number of inferences, one
 * straight line per candidate (one-time cost + N × per-inference time), the crossovers with the
 * baseline marked. The host sends the points and crossovers; this only draws them.
 */
import type { Chart } from 'chart.js';
import type { BreakEvenChartView } from '../../src/shared/exploreProtocol';
import { backgroundPlugin, Chart as ChartJs, ThemedChart, type ChartTheme } from '../common/chartTheme';

export class BreakEvenChart extends ThemedChart {
  private view: BreakEvenChartView | undefined;

  show(view: BreakEvenChartView): void {
    this.view = view;
    this.canvas.dataset.lines = String(view.lines.length);
    this.canvas.dataset.crossovers = String(view.crossovers.length);
    this.redraw();
  }

  protected build(t: ChartTheme): Chart {
    const view = this.view!;
    const font = { family: t.font, size: 12 };
    return new ChartJs(this.canvas, {
      type: 'line',
      data: {
        datasets: [
          ...view.lines.map((line, i) => ({
            label: line.label,
            data: line.points,
            borderColor: line.isBaseline ? t.fg : t.series[i % t.series.length],
            backgroundColor: line.isBaseline ? t.fg : t.series[i % t.series.length],
            borderDash: line.isBaseline ? [5, 4] : [],
            borderWidth: 2,
            pointRadius: 0,
          })),
          {
            label: '×',
            type: 'scatter' as const,
            data: view.crossovers.map((c) => ({ x: c.x, y: c.y })),
            pointStyle: 'crossRot',
            pointRadius: 8,
            borderWidth: 2,
            borderColor: t.fg,
            backgroundColor: t.fg,
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        color: t.fg,
        font,
        parsing: false,
        plugins: {
          legend: {
            labels: { color: t.fg, font, filter: (item) => item.text !== '×' },
          },
          tooltip: {
            callbacks: {
              label: (item) => {
                if (item.dataset.label === '×') return view.crossovers[item.dataIndex]?.label ?? '';
                return `${item.dataset.label}: ${Math.round(item.parsed.y ?? 0).toLocaleString()} ms`;
              },
            },
          },
        },
        scales: {
          x: {
            type: 'linear',
            min: 0,
            title: { display: true, text: view.xTitle, color: t.fg, font },
            ticks: { color: t.fg, font },
            grid: { color: t.grid },
          },
          y: {
            type: 'linear',
            min: 0,
            title: { display: true, text: view.yTitle, color: t.fg, font },
            ticks: { color: t.fg, font },
            grid: { color: t.grid },
          },
        },
      },
      plugins: [backgroundPlugin(t.background)],
    });
  }
}
