/**
 * Writes a parsed result as JSON, byte for byte what `JSON.stringify(result, null, 2)` (or without
 * indentation) prints, but with the iterations streamed: the result is printed with a marker in
 * place of its iterations array, and the iterations are written in batches where the marker was.
 * A 100 MB log's 1.6 million iterations never exist as objects or as one string (issue #15).
 */
import type { IterationTime, OutputParser, ParsedResult } from '../core/engine';

const MARKER = '\u0000lar-explorer-iterations\u0000';
/** Iterations per write: big enough that the write calls cost nothing, small enough to stay bounded. */
const BATCH = 1024;

/** Returns the result without its iterations, and how many were written. */
export function writeResultJson(
  parser: OutputParser,
  indent: boolean,
  out: (text: string) => void,
): { result: ParsedResult; iterationCount: number } {
  const streaming = parser.resultWithoutIterations !== undefined && parser.forEachIteration !== undefined;
  const result = streaming ? parser.resultWithoutIterations!() : parser.result();
  const each = streaming
    ? (visit: (it: IterationTime) => void) => parser.forEachIteration!(visit)
    : (visit: (it: IterationTime) => void) => result.iterations.forEach(visit);
  let count = 0;
  let first: IterationTime | null = null;
  each((it) => {
    if (count++ === 0) first = it;
  });
  if (count === 0) {
    out(JSON.stringify({ ...result, iterations: [] }, null, indent ? 2 : undefined) + '\n');
    return { result: { ...result, iterations: [] }, iterationCount: 0 };
  }
  const text = JSON.stringify({ ...result, iterations: [MARKER] }, null, indent ? 2 : undefined);
  const quoted = JSON.stringify(MARKER);
  const at = text.indexOf(quoted);
  out(text.slice(0, at));
  // `iterations` is a top-level field: with indentation its elements sit at 4 spaces, their fields at 6.
  const element = elementWriter(first!, indent);
  const separator = indent ? ',\n    ' : ',';
  let batch: string[] = [];
  let firstBatch = true;
  each((it) => {
    batch.push(element(it));
    if (batch.length === BATCH) {
      out((firstBatch ? '' : separator) + batch.join(separator));
      firstBatch = false;
      batch = [];
    }
  });
  if (batch.length > 0) out((firstBatch ? '' : separator) + batch.join(separator));
  out(text.slice(at + quoted.length) + '\n');
  return { result: { ...result, iterations: [] }, iterationCount: count };
}

const FIELDS = ['testcase', 'index', 'e2eMs', 'hostMs', 'deviceMs'] as const;

/**
 * One iteration as JSON.stringify writes it, inside the top-level `iterations` array (elements at 4
 * spaces, fields at 6). Iterations of the known shape are written from a template, several times
 * faster than JSON.stringify per object (a unit test holds the two equal); any other shape falls
 * back to JSON.stringify.
 */
function elementWriter(sample: IterationTime, indent: boolean): (it: IterationTime) => string {
  const known = Object.keys(sample).join() === FIELDS.join();
  if (!known) {
    return indent ? (it) => JSON.stringify(it, null, 2).replace(/\n/g, '\n    ') : (it) => JSON.stringify(it);
  }
  return indent
    ? (it) =>
        `{\n      "testcase": ${num(it.testcase)},\n      "index": ${num(it.index)},\n      "e2eMs": ${num(it.e2eMs)},` +
        `\n      "hostMs": ${num(it.hostMs)},\n      "deviceMs": ${num(it.deviceMs)}\n    }`
    : (it) =>
        `{"testcase":${num(it.testcase)},"index":${num(it.index)},"e2eMs":${num(it.e2eMs)},` +
        `"hostMs":${num(it.hostMs)},"deviceMs":${num(it.deviceMs)}}`;
}

/** A number (or null) as JSON writes it: non-finite numbers are null. */
function num(x: number | null): string {
  return x !== null && Number.isFinite(x) ? String(x) : 'null';
}
