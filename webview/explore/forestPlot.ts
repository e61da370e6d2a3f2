/**
 * The forest plot of one target: each candidate's ratio to the baseline as a point with its 95%
 * interval as a whisker, on a logarithmic axis, a line at ×1, and the measured noise band (the A/A
 * pairs' range) shaded, so "inside the band" is seen, not guessed. Dropped and failed candidates
 * are drawn grey. Everything drawn comes from the host's view model.
 */
import type { Chart, Plugin } from 'chart.js';
import type { StudyTargetView } from '../../src/shared/exploreProtocol';
import { backgroundPlugin, Chart as ChartJs, ThemedChart, type ChartTheme } from '../common/chartTheme';

type Row = StudyTargetView['candidates'][number];

function colourOf(row: Row, t: ChartTheme): string {
  switch (row.verdict) {
    case 'faster':
      return t.faster;
    case 'slower':
      return t.slower;
    case 'baseline':
      return t.baseline;
    case 'dropped':
    case 'failed':
      return t.muted;
    default:
      return t.neutral;
  }
}

/** Noise band (behind) and interval whiskers (over the points' layer). */
function overlays(view: StudyTargetView, rows: Row[], t: ChartTheme): Plugin {
  return {
    id: 'larForest',
    beforeDatasetsDraw(chart) {
      const { ctx, chartArea: area } = chart;
      const x = chart.scales.x!;
      ctx.save();
      if (view.noiseBand) {
        const left = x.getPixelForValue(Math.max(view.noiseBand.lo, x.min));
        const right = x.getPixelForValue(Math.min(view.noiseBand.hi, x.max));
        ctx.fillStyle = t.band;
        ctx.globalAlpha = 0.18;
        ctx.fillRect(left, area.top, Math.max(1, right - left), area.bottom - area.top);
      }
      ctx.globalAlpha = 1;
      const one = x.getPixelForValue(1);
      ctx.strokeStyle = t.fg;
      ctx.setLineDash([4, 4]);
      ctx.beginPath();
      ctx.moveTo(one, area.top);
      ctx.lineTo(one, area.bottom);
      ctx.stroke();
      ctx.setLineDash([]);
      ctx.restore();
    },
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      const x = chart.scales.x!;
      const y = chart.scales.y!;
      ctx.save();
      ctx.lineWidth = 2;
      rows.forEach((row, i) => {
        if (row.lo === null || row.hi === null) return;
        const py = y.getPixelForValue(i);
        const a = x.getPixelForValue(Math.max(row.lo, x.min));
        const b = x.getPixelForValue(Math.min(row.hi, x.max));
        ctx.strokeStyle = colourOf(row, t);
        ctx.beginPath();
        ctx.moveTo(a, py);
        ctx.lineTo(b, py);
        ctx.moveTo(a, py - 5);
        ctx.lineTo(a, py + 5);
        ctx.moveTo(b, py - 5);
        ctx.lineTo(b, py + 5);
        ctx.stroke();
      });
      ctx.restore();
    },
  };
}

export class ForestPlot extends ThemedChart {
  private view: StudyTargetView | undefined;

  show(view: StudyTargetView): void {
    this.view = view;
    this.canvas.dataset.candidates = String(view.candidates.filter((c) => c.ratio !== null).length);
    this.canvas.dataset.band = view.noiseBand ? `${view.noiseBand.lo}-${view.noiseBand.hi}` : '';
    this.redraw();
  }

  protected build(t: ChartTheme): Chart {
    const view = this.view!;
    const rows = view.candidates;
    const measured = rows.map((r, i) => ({ r, i })).filter(({ r }) => r.ratio !== null && r.ratio > 0);
    const finite = rows.flatMap((r) => [r.ratio, r.lo, r.hi]).filter((v): v is number => v !== null && v > 0);
    if (view.noiseBand) finite.push(view.noiseBand.lo, view.noiseBand.hi);
    // Early intervals can span many decades; past ×0.1…×10 the whisker runs off the edge.
    const lo = Math.max(0.1, Math.min(0.8, ...finite) * 0.95);
    const hi = Math.min(10, Math.max(1.25, ...finite) * 1.05);
    const font = { family: t.font, size: 12 };
    return new ChartJs(this.canvas, {
      type: 'scatter',
      data: {
        labels: rows.map((r) => r.label),
        datasets: [
          {
            // Only measured candidates get a point (chart.js cannot parse a null point here).
            data: measured.map(({ r, i }) => ({ x: r.ratio!, y: i })),
            pointBackgroundColor: measured.map(({ r }) => colourOf(r, t)),
            pointBorderColor: measured.map(({ r }) => colourOf(r, t)),
            pointRadius: measured.map(({ r }) => (r.verdict === 'baseline' ? 4 : 6)),
            pointStyle: measured.map(({ r }) =>
              r.verdict === 'dropped' || r.verdict === 'failed' ? 'crossRot' : 'circle',
            ),
          },
        ],
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        color: t.fg,
        font,
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => {
                const r = measured[item.dataIndex]?.r;
                return r ? `${r.label}: ${r.ratioText} ${r.intervalText} — ${r.verdictText}` : '';
              },
            },
          },
        },
        scales: {
          x: {
            type: 'logarithmic',
            min: lo,
            max: hi,
            grid: { color: t.grid },
            ticks: {
              color: t.fg,
              font,
              autoSkip: false,
              callback: (v) => {
                const n = Number(v);
                const nice = [0.1, 0.2, 0.5, 0.8, 1, 1.25, 1.5, 2, 5, 10];
                return nice.some((k) => Math.abs(k - n) < 1e-9) ? `×${n}` : '';
              },
            },
          },
          y: {
            type: 'linear',
            reverse: true,
            min: -0.5,
            max: rows.length - 0.5,
            grid: { display: false },
            // One tick per candidate, labelled with its name (the axis is the row index).
            afterBuildTicks: (scale) => {
              scale.ticks = rows.map((_, i) => ({ value: i }));
            },
            ticks: {
              color: t.fg,
              font,
              autoSkip: false,
              callback: (v) => rows[Number(v)]?.label ?? '',
            },
          },
        },
      },
      plugins: [overlays(view, rows, t), backgroundPlugin(t.background)],
    });
  }
}
