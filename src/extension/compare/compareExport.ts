/**
 * What leaves the Compare panel as a file: Markdown (the comparison against the baseline, then the
 * core's per-run table), CSV (the core's per-run rows) and the chart as PNG. The PNG arrives from
 * the webview; it is decoded here and must really be a PNG before anything is written.
 */
import { recordsToCsv, recordsToMarkdown } from '../../core/records/export';
import type { RunRecord } from '../../core/records/runRecord';
import type { CompareViewModel } from '../../shared/compareProtocol';
import type { UiStrings } from '../../shared/protocol';

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** The bytes of a `data:image/png;base64,...` URL (already schema-checked); throws if not a PNG. */
export function pngFromDataUrl(dataUrl: string): Uint8Array {
  const comma = dataUrl.indexOf(',');
  const bytes = Buffer.from(dataUrl.slice(comma + 1), 'base64');
  if (bytes.length < PNG_SIGNATURE.length || !bytes.subarray(0, 8).equals(PNG_SIGNATURE)) {
    throw new Error('the chart image is not a PNG');
  }
  return new Uint8Array(bytes);
}

export function comparisonCsv(records: readonly RunRecord[]): string {
  return recordsToCsv(records);
}

/** Pipes and newlines would break a table row; user labels may hold either. */
function cell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

export function comparisonMarkdown(
  model: CompareViewModel,
  records: readonly RunRecord[],
  s: UiStrings,
): string {
  const baseline = model.runs.find((r) => r.isBaseline);
  const out: string[] = [`# ${s.title}`, ''];
  if (baseline) out.push(`${s.baseline}: **${cell(baseline.title)}** (${cell(baseline.subtitle)})`, '');
  for (const phase of model.phases) {
    out.push(`## ${phase.title}`, '', `_${cell(phase.test)}_`, '');
    out.push(`| ${s.run} | ${s.value} | ${s.delta} | ${s.ratio} | ${s.interval} | ${s.verdict} |`);
    out.push('| --- | ---: | ---: | ---: | --- | --- |');
    phase.cells.forEach((c, i) => {
      const run = model.runs[i];
      const verdict = c.detail ? `${c.verdictText} (${c.detail})` : c.verdictText;
      out.push(
        `| ${cell(run.title)} | ${c.value} | ${c.delta} | ${c.ratio} | ${cell(c.interval)} | ${cell(verdict)} |`,
      );
    });
    out.push('');
  }
  if (model.flagDifferences.length > 0) {
    out.push(`## ${s.flagsTitle}`, '');
    out.push(`| ${s.flag} | ${model.runs.map((r) => cell(r.title)).join(' | ')} |`);
    out.push(`| --- | ${model.runs.map(() => '---').join(' | ')} |`);
    for (const d of model.flagDifferences) out.push(`| \`${d.flag}\` | ${d.values.map(cell).join(' | ')} |`);
    out.push('');
  }
  if (model.notes.length > 0) {
    out.push(`## ${s.notesTitle}`, '', ...model.notes.map((n) => `- ${cell(n)}`), '');
  }
  out.push(`## ${s.runs}`, '', recordsToMarkdown(records));
  return out.join('\n');
}
