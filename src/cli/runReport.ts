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
import { say, type CliLanguage } from './cliLanguage';
import { statusIn } from './cliTexts';
import { RUN_REPORT_TEXTS as T } from './runReportTexts';
import { linesForTerminal } from './terminalText';
import { ms, percent, renderTable } from './textTable';

export { cliLanguage, type CliLanguage } from './cliLanguage';

export function renderIssues(issues: readonly ValidationIssue[], lang: CliLanguage): string {
  return issues
    .map((i) => {
      const flags = i.flags.length
        ? say(lang, T.issueFlags, { flags: i.flags.map((f) => `--${f}`).join(', ') })
        : '';
      const line = i.severity === 'error' ? T.issueError : T.issueWarning;
      return (
        say(lang, line, { flags, message: i.message[lang] }) +
        '\n' +
        say(lang, T.issueFix, { fix: i.fix[lang] }) +
        '\n'
      );
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
  // The status word (OK, FAILED…) opens the report in capitals; Chinese has none.
  out.push(`${statusIn(lang, record.status).toUpperCase()}  ${record.command}\n`);
  const reason = reasonIn(record, lang);
  if (reason) out.push(say(lang, T.reason, { reason }) + '\n');
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
  const rows: string[][] = [
    single(say(lang, T.load), p.loadMs),
    single(say(lang, T.configuration), p.configMs),
  ];
  if (p.warmupMs.length <= 1) rows.push(single(say(lang, T.warmup), p.warmupMs[0]));
  else p.warmupMs.forEach((w, i) => rows.push(single(say(lang, T.warmupN, { n: i + 1 }), w)));
  const cv = stats?.cv ?? (inf && inf.meanMs > 0 ? inf.sdMs / inf.meanMs : null);
  rows.push([
    say(lang, T.inference),
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
        { header: say(lang, T.colPhase) },
        { header: say(lang, T.colMs), ...right },
        { header: say(lang, T.colSd), ...right },
        { header: say(lang, T.colMedian), ...right },
        { header: say(lang, T.colMin), ...right },
        { header: say(lang, T.colMax), ...right },
        { header: say(lang, T.colN), ...right },
        { header: say(lang, T.colCv), ...right },
      ],
      rows,
    ),
  );
  if (result.totalMs !== null) {
    // load_and_run's total covers its test cases; our ONNX runner's, the whole run in the process.
    const scope = engineById(record.engine)?.capabilities.totalScope;
    const what = scope === 'runner' ? T.totalInRunner : T.totalOfTestCases;
    out.push(say(lang, what, { ms: ms(result.totalMs) }) + '\n');
  }
  if (cv !== null && cv > HIGH_CV_THRESHOLD) {
    out.push(say(lang, T.highCv, { cv: percent(cv), limit: percent(HIGH_CV_THRESHOLD) }) + '\n');
  }
  if (stats && stats.outliers.length > 0) {
    const count = stats.outliers.length;
    const list = stats.outliers.map((i) => `#${i}`).join(', ');
    out.push(say(lang, count === 1 ? T.outlierOne : T.outlierMany, { count, list }) + '\n');
  }
  if (result.fitting?.best) out.push(say(lang, T.fittingBest, { best: result.fitting.best }) + '\n');
  // The tool's own lines are shown as it printed them; only the level is ours.
  for (const m of result.messages) {
    if (m.level !== 'info')
      out.push(say(lang, m.level === 'error' ? T.toolError : T.toolWarning, { text: m.text }) + '\n');
  }
  const device = record.host.device;
  for (const w of deviceWarnings(device?.before, device?.after))
    out.push(say(lang, T.device, { warning: w[lang] }) + '\n');
  return out.join('');
}
