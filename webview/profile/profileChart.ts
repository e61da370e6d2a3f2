/**
 * The Profile panel's top-N chart (chart.js): horizontal bars, one per operator (or type), largest
 * on top, in the theme's chart colour; the editor background painted in so it reads the same in
 * every theme. Colours come from the theme's CSS variables at render time.
 */
import { Chart, registerables, type Plugin } from 'chart.js';

Chart.register(...registerables);

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

const background: Plugin<'bar'> = {
  id: 'larProfileBackground',
  beforeDraw(chart) {
    const { ctx } = chart;
    ctx.save();
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = cssVar('--vscode-editor-background', '#1e1e1e');
    ctx.fillRect(0, 0, chart.width, chart.height);
    ctx.restore();
  },
};

export interface ProfileBar {
  label: string;
  ms: number;
  shareText: string;
}

/** Long operator names are cut in the axis; the tooltip has the whole name. */
function shortLabel(s: string, max = 48): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

export class ProfileChart {
  private chart: Chart<'bar'> | undefined;

  constructor(private readonly canvas: HTMLCanvasElement) {}

  render(bars: ProfileBar[], unit: string): void {
    this.chart?.destroy();
    const fg = cssVar('--vscode-foreground', '#ccc');
    const grid = cssVar('--vscode-editorWidget-border', 'rgba(128,128,128,0.3)');
    const bar = cssVar('--vscode-charts-blue', '#3794ff');
    const font = { family: cssVar('--vscode-font-family', 'sans-serif'), size: 12 };
    this.chart = new Chart(this.canvas, {
      type: 'bar',
      data: {
        labels: bars.map((b) => shortLabel(b.label)),
        datasets: [{ label: unit, data: bars.map((b) => b.ms), backgroundColor: bar, borderColor: bar }],
      },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        color: fg,
        font,
        scales: {
          x: {
            beginAtZero: true,
            title: { display: true, text: unit, color: fg, font },
            ticks: { color: fg, font },
            grid: { color: grid },
          },
          y: { ticks: { color: fg, font, autoSkip: false }, grid: { display: false } },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              title: (items) => bars[items[0]?.dataIndex ?? 0]?.label ?? '',
              label: (item) => {
                const b = bars[item.dataIndex];
                return b ? `${b.ms.toFixed(3)} ${unit} (${b.shareText})` : '';
              },
            },
          },
        },
      },
      plugins: [background],
    });
  }
}
