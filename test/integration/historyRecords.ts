/**
 * Realistic run records for the history and compare tests (extension host and e2e): the result is
 * the real parser's reading of a real load_and_run log from test/fixtures/real-logs, the command
 * is built by the real engine. No `vscode` import: the e2e tier (plain Node) uses it too.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { FlagSet } from '../../src/core/engine';
import { larEngine } from '../../src/core/engines/lar/index';
import { recordFileName } from '../../src/core/records/recordNames';
import type { RunRecord, RunStatus } from '../../src/core/records/runRecord';
import { shellJoin } from '../../src/core/shellQuote';

export interface LogRun {
  /** A real log under test/fixtures/real-logs, e.g. `04_defaults.all`. */
  log: string;
  flags: FlagSet;
  startedAt: string;
  model?: string;
  target?: string;
  status?: RunStatus;
  reason?: string;
  label?: string;
  baseline?: boolean;
  id?: string;
}

export function recordFromLog(repo: string, run: LogRun): RunRecord {
  const text = readFileSync(path.join(repo, 'test', 'fixtures', 'real-logs', run.log), 'utf8');
  const parser = larEngine.createParser();
  parser.push(text);
  parser.end();
  const model = run.model ?? 'models/mnist_real.mge';
  const args = larEngine.buildArgs({ model, flags: run.flags });
  const argv = ['load_and_run', ...args];
  const started = Date.parse(run.startedAt);
  return {
    schema: 1,
    id: run.id ?? randomUUID(),
    ...(run.label ? { label: run.label } : {}),
    startedAt: run.startedAt,
    endedAt: new Date(started + 1500).toISOString(),
    model: {
      path: model,
      sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      bytes: 11776,
    },
    engine: 'load_and_run',
    target: run.target ?? 'local',
    flags: run.flags,
    command: shellJoin(argv),
    argv,
    exitCode: run.status === 'failed' ? 1 : 0,
    signal: null,
    status: run.status ?? 'ok',
    ...(run.reason ? { reason: run.reason } : {}),
    result: parser.result(),
    log: text,
    host: { tool: 'lar-explorer 0.1.0' },
    ...(run.baseline ? { baseline: true } : {}),
  };
}

/** The file name the store gives a record, under `.lar-explorer/runs/`. */
export function recordPath(record: RunRecord): string {
  return path.join('.lar-explorer', 'runs', recordFileName(record));
}

/** Three runs of mnist_real.mge as the guide's first steps produce them: defaults, --fast-run, --enable-nchw88. */
export function mnistRuns(repo: string): { defaults: RunRecord; fastRun: RunRecord; nchw88: RunRecord } {
  return {
    defaults: recordFromLog(repo, {
      log: '04_defaults.all',
      flags: {},
      startedAt: '2025-03-04T02:48:19.000Z',
    }),
    fastRun: recordFromLog(repo, {
      log: '09_fast_run.all',
      flags: { 'fast-run': true },
      startedAt: '2025-03-04T02:48:20.000Z',
    }),
    nchw88: recordFromLog(repo, {
      log: '13_enable_nchw88.all',
      flags: { 'enable-nchw88': true },
      startedAt: '2025-03-04T02:48:22.000Z',
    }),
  };
}
