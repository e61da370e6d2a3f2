/**
 * What `lar-explorer run` prints: the phase table of a finished run (load, configuration, warm-up,
 * inference mean ± sd, median, min, max, n, CV), its status, and validation issues with their fixes.
 * Text only; the numbers come from the record (and stats.ts for CV, p90 and outliers).
 */
import type { ValidationIssue } from '../core/engine';
import { engineById } from '../core/engines/registry';
import type { RunRecord } from '../core/records/runRecord';
import { deviceWarnings } from '../core/runners/deviceFacts';
import { HIGH_CV_THRESHOLD, summarize } from '../core/stats';
import { linesForTerminal } from './terminalText';
import { ms, percent, renderTable } from './textTable';

export type CliLanguage = 'en' | 'zh';

/** Chinese when the locale says so (`LANG=zh_CN.UTF-8`), else English. */
export function cliLanguage(env: Record<string, string | undefined>): CliLanguage {
  const lang = env.LAR_EXPLORER_LANG ?? env.LC_ALL ?? env.LC_MESSAGES ?? env.LANG ?? '';
  return /^zh/i.test(lang) ? 'zh' : 'en';
}

export function renderIssues(issues: readonly ValidationIssue[], lang: CliLanguage): string {
  return issues
    .map((i) => {
      const flags = i.flags.length ? ` (${i.flags.map((f) => `--${f}`).join(', ')})` : '';
      return `${i.severity}${flags}: ${i.message[lang]}\n  fix: ${i.fix[lang]}\n`;
    })
    .join('');
}

/** A record's reason in the user's language (engines give Chinese for their coded reasons). */
export function reasonIn(record: RunRecord, lang: CliLanguage): string | undefined {
  return lang === 'zh' && record.reasonZh ? record.reasonZh : record.reason;
}

/** The report of one run; record text (command, reason, tool messages) cannot drive the terminal. */
export function renderRunReport(record: RunRecord, lang: CliLanguage = 'en'): string {
  return linesForTerminal(reportText(record, lang));
}

function reportText(record: RunRecord, lang: CliLanguage): string {
  const result = record.result;
  const out: string[] = [];
  out.push(`${record.status.toUpperCase()}  ${record.command}\n`);
  const reason = reasonIn(record, lang);
  if (reason) out.push(`reason: ${reason}\n`);
  if (!result) return out.join('');

  const p = result.phases;
  const inf = p.inference;
  const e2e = result.iterations.map((it) => it.e2eMs).filter((x) => Number.isFinite(x));
  const stats = summarize(e2e);
  const single = (name: string, v: number | null | undefined): string[] => [
    name,
    ms(v),
    '',
    '',
    '',
    '',
    '',
    '',
  ];
  const rows: string[][] = [single('load', p.loadMs), single('configuration', p.configMs)];
  if (p.warmupMs.length <= 1) rows.push(single('warm-up', p.warmupMs[0]));
  else p.warmupMs.forEach((w, i) => rows.push(single(`warm-up ${i + 1}`, w)));
  const cv = stats?.cv ?? (inf && inf.meanMs > 0 ? inf.sdMs / inf.meanMs : null);
  rows.push([
    'inference',
    ms(inf?.meanMs),
    inf && Number.isFinite(inf.sdMs) ? `± ${ms(inf.sdMs)}` : '',
    ms(inf?.medianMs),
    ms(inf?.minMs),
    ms(inf?.maxMs),
    inf ? String(inf.count) : '0',
    percent(cv),
  ]);
  const right = { align: 'right' as const };
  out.push(
    renderTable(
      [
        { header: 'phase' },
        { header: 'ms', ...right },
        { header: 'sd', ...right },
        { header: 'median', ...right },
        { header: 'min', ...right },
        { header: 'max', ...right },
        { header: 'n', ...right },
        { header: 'CV', ...right },
      ],
      rows,
    ),
  );
  if (result.totalMs !== null) {
    // load_and_run's total covers its test cases; our ONNX runner's, the whole run in the process.
    const scope = engineById(record.engine)?.capabilities.totalScope;
    const what = scope === 'runner' ? 'total in the runner' : 'total of the test cases';
    out.push(`${what}: ${ms(result.totalMs)} ms\n`);
  }
  if (cv !== null && cv > HIGH_CV_THRESHOLD) {
    out.push(
      `warning: high variation (CV ${percent(cv)} > ${percent(HIGH_CV_THRESHOLD)}): the machine was busy or throttling; re-run before trusting small differences\n`,
    );
  }
  if (stats && stats.outliers.length > 0) {
    out.push(
      `note: ${stats.outliers.length} outlier iteration${stats.outliers.length === 1 ? '' : 's'} (${stats.outliers.map((i) => `#${i}`).join(', ')}); consider more warm-up (--warmup-iter)\n`,
    );
  }
  if (result.fitting?.best) out.push(`fitting: best options: ${result.fitting.best}\n`);
  for (const m of result.messages) if (m.level !== 'info') out.push(`${m.level}: ${m.text}\n`);
  const device = record.host.device;
  for (const w of deviceWarnings(device?.before, device?.after)) out.push(`device: ${w[lang]}\n`);
  return out.join('');
}
