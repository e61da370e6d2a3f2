// Builds valid run records for the record tests (and the export/compare tests).
import { randomUUID } from 'node:crypto';
import type { ParsedResult } from '../../../src/core/engine';
import { RECORD_SCHEMA_VERSION, type RunRecord } from '../../../src/core/records/runRecord';

export function sampleResult(e2e: number[], extra: Partial<ParsedResult['phases']> = {}): ParsedResult {
  const n = e2e.length;
  const mean = n ? e2e.reduce((a, b) => a + b, 0) / n : 0;
  const sd = n > 1 ? Math.sqrt(e2e.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1)) : Number.NaN;
  const sorted = [...e2e].sort((a, b) => a - b);
  const median = n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return {
    engine: 'load_and_run',
    tool: { generation: 'lite', megbrain: '1.13.2', megdnn: '9.3.0' },
    complete: true,
    phases: {
      loadMs: 12.5,
      configMs: 3.25,
      warmupMs: [40, 11],
      inference: n
        ? { meanMs: mean, sdMs: sd, minMs: sorted[0], maxMs: sorted[n - 1], medianMs: median, count: n }
        : null,
      ...extra,
    },
    iterations: e2e.map((ms, index) => ({ testcase: 0, index, e2eMs: ms, hostMs: 0.3, deviceMs: null })),
    testcases: [],
    totalMs: e2e.reduce((a, b) => a + b, 0),
    fitting: null,
    messages: [],
  };
}

export function sampleRecord(over: Partial<RunRecord> = {}): RunRecord {
  return {
    schema: RECORD_SCHEMA_VERSION,
    id: randomUUID(),
    startedAt: '2025-03-04T05:06:07.089Z',
    endedAt: '2025-03-04T05:06:09.000Z',
    model: { path: 'models/mnist.mge', sha256: 'a'.repeat(64), bytes: 1234 },
    engine: 'load_and_run',
    target: 'local',
    flags: { iter: 10, cpu: true },
    command: 'load_and_run models/mnist.mge --cpu --iter 10',
    argv: ['load_and_run', 'models/mnist.mge', '--cpu', '--iter', '10'],
    exitCode: 0,
    signal: null,
    status: 'ok',
    result: sampleResult([5, 5.2, 4.9, 5.1, 5]),
    log: 'load model: 12.500ms\n',
    host: { tool: 'lar-explorer 0.1.0' },
    ...over,
  };
}
