/**
 * The runtime check of a run record read from disk (zod). A record file is user-editable and
 * git-merged, so nothing loaded is trusted until it passes here. Unknown fields are stripped from
 * the loaded value (the store patches the raw JSON on `update`, so the file keeps them). The
 * schema version itself is checked before the shape (`checkRecord`). Schema 1 (iterations as
 * objects) and schema 2 (iterations in columns, or in a table beside the record) read into the
 * same in-memory RunRecord; the columns are checked by hand (`iterationColumns.ts`), which is
 * ~10x faster than zod over a 300,000-element array.
 */
import * as z from 'zod';
import { countColumns, fromColumns } from './iterationColumns';
import { RECORD_SCHEMA_VERSION, type RunRecord } from './runRecord';

const num = z.number();
const nullableNum = z.number().nullable();
// JSON cannot hold NaN/Infinity: JSON.stringify writes them as null. `--iter 1` makes the tool
// print `nan` for the sd, so a measured number may come back as null; read it back as NaN rather
// than rejecting the whole record.
const measured = z.union([z.number(), z.null().transform(() => Number.NaN)]);
const flagValue = z.union([z.boolean(), z.number(), z.string()]);

/** One iteration of schema 1 (an object per iteration). */
const iterationSchema = z.object({
  testcase: num,
  index: num,
  e2eMs: measured,
  hostMs: nullableNum,
  deviceMs: nullableNum,
});

/** One schema-1 iteration passes the check a full read makes (iterationsSplitter.ts checks them this way). */
export function checkIteration(item: unknown): boolean {
  return iterationSchema.safeParse(item).success;
}

const parsedResultSchema = z.object({
  engine: z.string().min(1),
  tool: z.object({
    generation: z.enum(['lite', 'legacy', 'onnxruntime']),
    megbrain: z.string().nullable(),
    megdnn: z.string().nullable(),
    version: z.string().nullable().optional(),
  }),
  complete: z.boolean(),
  phases: z.object({
    loadMs: nullableNum,
    configMs: nullableNum,
    warmupMs: z.array(measured),
    inference: z
      .object({
        meanMs: measured,
        sdMs: measured,
        minMs: measured,
        maxMs: measured,
        medianMs: measured,
        count: num,
      })
      .nullable(),
  }),
  iterations: z.array(iterationSchema),
  testcases: z.array(
    z.object({
      index: num,
      totalMs: nullableNum,
      meanMs: nullableNum,
      sdMs: nullableNum,
      minMs: nullableNum,
      maxMs: nullableNum,
    }),
  ),
  totalMs: nullableNum,
  fitting: z
    .object({
      candidates: z.array(z.object({ options: z.string(), meanMs: measured })),
      best: z.string().nullable(),
    })
    .nullable(),
  messages: z.array(z.object({ level: z.enum(['info', 'warn', 'error']), text: z.string() })),
});

const deviceFactsSchema = z.object({
  hostname: z.string().optional(),
  arch: z.string().optional(),
  cpuModel: z.string().optional(),
  cores: num.optional(),
  governor: z.string().optional(),
  freqMHz: z.array(num).optional(),
  loadAvg: z.array(num).optional(),
  temperatureC: num.optional(),
});

const artifactSchema = z.object({
  localPath: z.string(),
  flag: z.string().optional(),
  target: z.string(),
  createdAt: z.string(),
  bytes: num,
});

// Schema 2: the columns themselves are checked by fromColumns; here only their head, so that a
// record whose table beside it is missing still lists its inline statistics.
const iterationColumnsHead = z.looseObject({
  count: z.number().int().nonnegative(),
  file: z.string().min(1).optional(),
});

const recordFields = {
  id: z.string().min(1),
  label: z.string().optional(),
  startedAt: z.iso.datetime({ offset: true }),
  endedAt: z.iso.datetime({ offset: true }).optional(),
  model: z.object({
    path: z.string(),
    sha256: z
      .string()
      .regex(/^[0-9a-f]{64}$/)
      .nullable(),
    bytes: num.optional(),
  }),
  engine: z.string().min(1),
  target: z.string(),
  flags: z.record(z.string(), flagValue),
  command: z.string(),
  argv: z.array(z.string()),
  exitCode: z.number().int().nullable(),
  signal: z.string().nullable(),
  status: z.enum(['ok', 'failed', 'cancelled', 'timeout', 'partial']),
  reason: z.string().optional(),
  reasonZh: z.string().optional(),
  runnerError: z
    .object({
      // Any string: a newer runner may add codes; an unknown code must not hide the record.
      code: z.string(),
      hint: z.string(),
    })
    .optional(),
  log: z.string().nullable(),
  logFile: z.string().optional(),
  artifacts: z.array(artifactSchema).optional(),
  host: z.object({
    tool: z.string(),
    device: z
      .object({
        before: deviceFactsSchema.optional(),
        after: deviceFactsSchema.optional(),
        warnings: z.array(z.string()).optional(),
      })
      .optional(),
  }),
  baseline: z.boolean().optional(),
  study: z
    .object({
      id: z.string(),
      round: z.number().int(),
      candidate: z.string(),
      role: z.enum(['baseline', 'candidate', 'preparation', 'profile']),
      slot: z.enum(['a', 'b', 'only']).optional(),
    })
    .optional(),
};

/** Schema 1: every iteration a JSON object. */
export const runRecordSchemaV1 = z.object({
  schema: z.literal(1),
  ...recordFields,
  result: parsedResultSchema.nullable(),
});

/** Schema 2: the iterations in columns (or a table beside the record). */
export const runRecordSchemaV2 = z.object({
  schema: z.literal(2),
  ...recordFields,
  result: parsedResultSchema.extend({ iterations: iterationColumnsHead }).nullable(),
});

// Compile-time guard: every RunRecord the code builds must be acceptable input to the schema (the
// in-memory shape is schema 1's). If the contract gains a field the schema types differently,
// this line stops compiling.
export type RunRecordSchemaInput = z.input<typeof runRecordSchemaV1>;
const contractFitsSchema = (r: RunRecord): RunRecordSchemaInput => ({ ...r, schema: 1 });
void contractFitsSchema;

export type RecordCheck =
  | {
      ok: true;
      record: RunRecord;
      /**
       * Schema 2 with the iterations in a table beside the record: its (user-editable) name and the
       * count the record promises. `record.result.iterations` is empty until the store reads it.
       */
      iterationsTable?: { file: string; count: number };
      /**
       * Checked with `iterations: 'count'`: how many iterations the record holds (all of them
       * checked); `record.result.iterations` is then empty.
       */
      iterationCount?: number;
    }
  | { ok: false; reason: string; unknownVersion?: number };

export interface CheckOptions {
  /**
   * 'read' (default): the record with its iterations. 'count': check every iteration but keep
   * none, for a listing that needs only the count (the head): no copy of 300,000 iteration objects
   * in a schema-1 record, no expansion of schema-2 columns into objects (issue #15).
   */
  iterations?: 'read' | 'count';
}

/** Check a parsed JSON value: the schema version first (a newer file is skipped, not "corrupt"), then the shape. */
export function checkRecord(value: unknown, options: CheckOptions = {}): RecordCheck {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, reason: 'not a run record (expected a JSON object)' };
  }
  const version = (value as { schema?: unknown }).schema;
  if (typeof version !== 'number') {
    return { ok: false, reason: 'not a run record (no numeric "schema" field)' };
  }
  if (version !== 1 && version !== RECORD_SCHEMA_VERSION) {
    return {
      ok: false,
      unknownVersion: version,
      reason:
        version > RECORD_SCHEMA_VERSION
          ? `schema version ${version} is newer than this lar-explorer understands (${RECORD_SCHEMA_VERSION}); update lar-explorer to read it`
          : `unknown schema version ${version} (this lar-explorer reads versions 1 and ${RECORD_SCHEMA_VERSION})`,
    };
  }
  const countOnly = options.iterations === 'count';
  if (version === 1) return countOnly ? countSchema1(value as Record<string, unknown>) : readSchema1(value);
  const parsed = runRecordSchemaV2.safeParse(value);
  if (!parsed.success) return { ok: false, reason: invalid(parsed.error) };
  const { result, ...rest } = parsed.data;
  if (result === null) return { ok: true, record: { ...rest, result } as unknown as RunRecord };
  const head = result.iterations;
  const withoutIterations = { ...rest, result: { ...result, iterations: [] } } as unknown as RunRecord;
  if (head.file !== undefined) {
    return { ok: true, record: withoutIterations, iterationsTable: { file: head.file, count: head.count } };
  }
  if (countOnly) {
    const counted = countColumns(head);
    if (!counted.ok) return { ok: false, reason: `invalid run record: ${counted.reason}` };
    return { ok: true, record: withoutIterations, iterationCount: counted.count };
  }
  // The raw columns: zod's copy of a loose object keeps the unchecked keys as they were.
  const columns = fromColumns(head);
  if (!columns.ok) return { ok: false, reason: `invalid run record: ${columns.reason}` };
  return {
    ok: true,
    record: { ...rest, result: { ...result, iterations: columns.iterations } } as unknown as RunRecord,
  };
}

function readSchema1(value: unknown): RecordCheck {
  const parsed = runRecordSchemaV1.safeParse(value);
  if (!parsed.success) return { ok: false, reason: invalid(parsed.error) };
  return { ok: true, record: parsed.data as unknown as RunRecord };
}

/**
 * Schema 1, counting the iterations: each is checked on its own (its copy is garbage at once), the
 * rest of the record with an empty list. A file that fails is checked again whole, so its reason
 * reads exactly as a full read's would.
 */
function countSchema1(value: Record<string, unknown>): RecordCheck {
  const result = value.result as Record<string, unknown> | null | undefined;
  const iterations = result?.iterations;
  if (!Array.isArray(iterations)) return readSchema1(value);
  for (const it of iterations) if (!iterationSchema.safeParse(it).success) return readSchema1(value);
  const parsed = runRecordSchemaV1.safeParse({ ...value, result: { ...result, iterations: [] } });
  if (!parsed.success) return readSchema1(value);
  return { ok: true, record: parsed.data as unknown as RunRecord, iterationCount: iterations.length };
}

function invalid(error: z.ZodError): string {
  const first = error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  const more = error.issues.length > 3 ? ` (+${error.issues.length - 3} more)` : '';
  return `invalid run record: ${first.join('; ')}${more}`;
}
