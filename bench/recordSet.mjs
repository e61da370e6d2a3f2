// Record generator shared by the history benchmarks: records as the store saves them today (schema 2,
// iterations as columns; bench/history.mjs writes schema 1, the older and larger format), sampleRecord
// with 100 iterations, flags varying with the index,
// one minute apart), spread over five models; the first `studyRuns` belong to one study of
// models/mnist.mge (8 candidates × 20 rounds, as an Explore study makes them).
import { randomUUID } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { tsImport } from 'tsx/esm/api';

const { recordFileName } = await tsImport('../src/core/records/recordNames.ts', import.meta.url);
const { recordToJson } = await tsImport('../src/core/records/canonicalJson.ts', import.meta.url);
const { encodeRecord } = await tsImport('../src/core/records/recordEncoding.ts', import.meta.url);
const { sampleRecord, sampleResult } = await tsImport(
  '../test/unit/records/sampleRecord.ts',
  import.meta.url,
);

export const MODELS = [
  'models/mnist.mge',
  'models/resnet50.mge',
  'models/shufflenet.mge',
  'models/yolo.onnx',
  'models/bert.onnx',
];

export function recordMaker(seed = 7) {
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  const iters = (n, base) => Array.from({ length: n }, () => base * (0.95 + 0.1 * rnd()));
  return function makeRecord(i, over = {}) {
    const model = over.model?.path ?? MODELS[i % MODELS.length];
    const m = MODELS.indexOf(model);
    return sampleRecord({
      id: randomUUID(),
      startedAt: new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString(),
      model: { path: model, sha256: String(m).repeat(64), bytes: 1234 },
      flags: {
        iter: 100,
        cpu: true,
        ...(i % 3 ? { 'fast-run': true } : {}),
        ...(i % 4 ? { 'weight-preprocess': true } : {}),
      },
      result: sampleResult(iters(100, 5 + (i % 7))),
      ...over,
    });
  };
}

/**
 * Write `records` run records into `<workspace>/.lar-explorer/runs/`, the first `studyRuns` of them
 * one study's runs of models/mnist.mge. Returns the ids and the study id.
 */
export async function writeRecordSet(workspace, { records, studyRuns = 0, seed = 7 }) {
  const runs = path.join(workspace, '.lar-explorer', 'runs');
  await mkdir(runs, { recursive: true });
  const makeRecord = recordMaker(seed);
  const study = randomUUID();
  const ids = [];
  for (let i = 0; i < records; i += 200) {
    await Promise.all(
      Array.from({ length: Math.min(200, records - i) }, (_, k) => {
        const j = i + k;
        const over =
          j < studyRuns
            ? {
                model: { path: MODELS[0], sha256: '0'.repeat(64), bytes: 1234 },
                study: { id: study, round: 1 + (j % 20), candidate: `c${j % 8}`, role: 'candidate' },
              }
            : {};
        const rec = makeRecord(j, over);
        ids.push(rec.id);
        return writeFile(path.join(runs, recordFileName(rec)), recordToJson(encodeRecord(rec)));
      }),
    );
  }
  return { ids, study, dir: runs };
}
