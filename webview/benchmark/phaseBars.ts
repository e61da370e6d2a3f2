/**
 * The phase chart's datasets, apart from chart.js so they can be checked in plain Node. Three
 * overlaid series at the same category positions: the other phases, the inference mean, and the
 * inference min–max as a thin floating bar drawn IN FRONT of the mean bar (chart.js draws a lower
 * `order` last). Drawn behind it, the range only showed above the mean and read as "13–22 ms" when
 * the minimum was 3.8 ms. Each series has one colour, so the legend shows the bars' own colours.
 */
export interface PhaseRow {
  label: string;
  value: number | null;
  /** min and max of the inference iterations (on the inference row only). */
  range?: [number, number];
}

export interface PhaseBarColours {
  phase: string;
  mean: string;
  range: string;
}

export interface PhaseBarLabels {
  phases: string;
  mean: string;
  range: string;
}

export interface PhaseBarDataset {
  label: string;
  data: Array<number | [number, number] | null>;
  backgroundColor: string;
  borderColor: string;
  borderWidth: number;
  grouped: false;
  order: number;
  barPercentage: number;
  categoryPercentage: number;
}

export function phaseBarDatasets(
  rows: readonly PhaseRow[],
  colours: PhaseBarColours,
  labels: PhaseBarLabels,
): PhaseBarDataset[] {
  const base = { borderWidth: 0, grouped: false as const, categoryPercentage: 0.8 };
  const out: PhaseBarDataset[] = [
    {
      ...base,
      label: labels.phases,
      data: rows.map((r) => (r.range ? null : r.value)),
      backgroundColor: colours.phase,
      borderColor: colours.phase,
      order: 3,
      barPercentage: 0.9,
    },
  ];
  if (rows.some((r) => r.range)) {
    out.push(
      {
        ...base,
        label: labels.mean,
        data: rows.map((r) => (r.range ? r.value : null)),
        backgroundColor: colours.mean,
        borderColor: colours.mean,
        order: 2,
        barPercentage: 0.9,
      },
      {
        ...base,
        label: labels.range,
        data: rows.map((r) => r.range ?? null),
        backgroundColor: colours.range,
        borderColor: colours.range,
        order: 1,
        barPercentage: 0.2,
      },
    );
  }
  return out;
}
