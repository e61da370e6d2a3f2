/**
 * The Compare panel's grouped phase bars (chart.js): one group per phase, one bar per run, a
 * logarithmic axis (a load of milliseconds and an inference of microseconds must both be readable),
 * ±1 sd error bars where the host sent an sd, and the editor background painted in so an exported
 * PNG reads the same as the panel. Colours come from the theme's CSS variables at render time.
 */
import type { Plugin } from 'chart.js';
import type { CompareChartView } from '../../src/shared/compareProtocol';
import { backgroundPlugin, Chart, chartTheme } from '../common/chartTheme';

/** The colour of run `i` (its bar here, its swatch in the tables): the theme's chart palette. */
export function seriesColour(i: number): string {
  const { series } = chartTheme();
  return series[i % series.length]!;
}

/** Error bars from the per-bar sd values; drawn over the bars, in the foreground colour. */
function errorBars(sd: Array<Array<number | null>>, colour: string): Plugin<'bar'> {
  return {
    id: 'larErrorBars',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const y = chart.scales.y;
      ctx.save();
      ctx.strokeStyle = colour;
      ctx.lineWidth = 1.5;
      chart.data.datasets.forEach((ds, di) => {
        const meta = chart.getDatasetMeta(di);
        if (meta.hidden) return;
        meta.data.forEach((bar, pi) => {
          const s = sd[di]?.[pi];
          const v = ds.data[pi] as number | null;
          if (s === null || s === undefined || v === null || !(s > 0)) return;
          const x = bar.x;
          // On a log axis the lower whisker must stay above zero.
          const low = Math.max(v - s, v / 100);
          const top = y.getPixelForValue(v + s);
          const bottom = y.getPixelForValue(low);
          const cap = 4;
          ctx.beginPath();
          ctx.moveTo(x, top);
          ctx.lineTo(x, bottom);
          ctx.moveTo(x - cap, top);
          ctx.lineTo(x + cap, top);
          ctx.moveTo(x - cap, bottom);
          ctx.lineTo(x + cap, bottom);
          ctx.stroke();
        });
      });
      ctx.restore();
    },
  };
}

/** Label only 1·10ⁿ and 3·10ⁿ on the log axis (the others crowd), without trailing zeros. */
function logTick(v: number): string {
  if (!(v > 0)) return '';
  const mantissa = Number((v / 10 ** Math.floor(Math.log10(v))).toPrecision(2));
  return mantissa === 1 || mantissa === 3 ? String(Number(v.toPrecision(2))) : '';
}

export class PhaseChart {
  private chart: Chart<'bar'> | undefined;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  render(view: CompareChartView, baselineId: string, baselineWord: string): void {
    this.chart?.destroy();
    const theme = chartTheme();
    const { fg, grid } = theme;
    const font = { family: theme.font, size: 12 };
    this.chart = new Chart(this.canvas, {
      type: 'bar',
      data: {
        labels: view.phases,
        datasets: view.series.map((s, i) => ({
          label: s.runId === baselineId ? `${s.label} (${baselineWord})` : s.label,
          data: s.values,
          backgroundColor: theme.series[i % theme.series.length],
          borderColor: theme.series[i % theme.series.length],
          borderWidth: s.runId === baselineId ? 2 : 0,
        })),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        layout: { padding: { top: 8 } },
        color: fg,
        font,
        scales: {
          x: { ticks: { color: fg, font }, grid: { color: grid } },
          y: {
            type: 'logarithmic',
            title: { display: true, text: view.unit, color: fg, font },
            ticks: { color: fg, font, callback: (v) => logTick(Number(v)) },
            grid: { color: grid },
          },
        },
        plugins: {
          legend: { labels: { color: fg, font } },
          tooltip: {
            callbacks: {
              label: (item) => {
                const sd = view.series[item.datasetIndex]?.sd[item.dataIndex];
                const v = item.parsed.y;
                const sdText = sd !== null && sd !== undefined ? ` ± ${sd.toFixed(3)}` : '';
                return `${item.dataset.label}: ${v === null ? '–' : v.toFixed(3)}${sdText} ${view.unit}`;
              },
            },
          },
        },
      },
      plugins: [
        errorBars(
          view.series.map((s) => s.sd),
          fg,
        ),
        backgroundPlugin(theme.background) as Plugin<'bar'>,
      ],
    });
  }

  /** The chart as `data:image/png;base64,...` (what the host accepts for the PNG export). */
  toPng(): string | undefined {
    return this.chart?.toBase64Image('image/png', 1);
  }
}
