/**
 * Study records on disk: `<workspace>/.lar-explorer/studies/<time>-<id>.json`, one file per study,
 * rewritten atomically after every run (readers and a kill -9 only ever see a whole record), with
 * the same crash-safe writes as run records (`atomicFile.ts`). Prepared artifacts of a study live
 * in a sibling folder named like the record. Reads are tolerant: a file that is not a study record
 * this version understands is reported, never touched.
 */
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import * as z from 'zod';
import { createFileAtomic, replaceFileAtomic } from '../records/atomicFile';
import { compactTime, shortId } from '../records/recordNames';
import { STUDY_SCHEMA_VERSION, type NoiseFloor, type StudyRecord } from './studyTypes';

export const STUDIES_FOLDER = join('.lar-explorer', 'studies');

/** The id (or prefix) a person typed matches no study, or several; `zh` says it in Chinese. */
export class StudyNotFoundError extends Error {
  readonly zh: string;

  constructor(message: string, zh?: string) {
    super(message);
    this.name = 'StudyNotFoundError';
    this.zh = zh ?? message;
  }
}

// The shape checked on read: enough to trust what resume and the panel use; the rest is kept as is.
const studySchema = z.looseObject({
  schema: z.literal(STUDY_SCHEMA_VERSION),
  kind: z.literal('study'),
  id: z.string().min(1),
  createdAt: z.string(),
  definition: z.looseObject({
    model: z.string(),
    // Any engine id, as run records take it: a new engine's studies read back.
    engine: z.string().min(1),
    targets: z.array(z.looseObject({ name: z.string() })).min(1),
    candidates: z
      .array(z.looseObject({ label: z.string(), flags: z.record(z.string(), z.unknown()) }))
      .min(1),
    baseline: z.string(),
    seed: z.number(),
  }),
  schedule: z.array(z.looseObject({ target: z.string(), round: z.number(), candidate: z.string() })),
  preparations: z.array(z.unknown()),
  targets: z.array(z.looseObject({ name: z.string() })),
});

export interface StudyProblem {
  file: string;
  reason: string;
}

export class StudyStore {
  constructor(readonly dir: string) {}

  static forWorkspace(root: string): StudyStore {
    return new StudyStore(join(root, STUDIES_FOLDER));
  }

  fileName(record: Pick<StudyRecord, 'id' | 'createdAt'>): string {
    return `${compactTime(record.createdAt)}-${shortId(record.id)}.json`;
  }

  pathOf(record: Pick<StudyRecord, 'id' | 'createdAt'>): string {
    return join(this.dir, this.fileName(record));
  }

  /** Folder for the study's prepared artifacts (algo caches, dumped models). */
  artifactDir(record: Pick<StudyRecord, 'id' | 'createdAt'>): string {
    return join(this.dir, this.fileName(record).replace(/\.json$/, ''));
  }

  /** Write a new study record; never overwrites. */
  async create(record: StudyRecord): Promise<string> {
    await fs.mkdir(this.dir, { recursive: true });
    const path = this.pathOf(record);
    await createFileAtomic(path, toJson(record));
    return path;
  }

  /** Replace the record with its newer state, atomically. */
  async save(record: StudyRecord): Promise<void> {
    await replaceFileAtomic(this.pathOf(record), toJson(record));
  }

  async list(): Promise<{ studies: StudyRecord[]; problems: StudyProblem[] }> {
    let names: string[];
    try {
      names = (await fs.readdir(this.dir)).filter((n) => n.endsWith('.json') && !n.startsWith('.'));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { studies: [], problems: [] };
      throw err;
    }
    names.sort();
    const studies: StudyRecord[] = [];
    const problems: StudyProblem[] = [];
    for (const name of names) {
      const read = await this.load(name);
      if ('reason' in read) problems.push(read);
      else studies.push(read);
    }
    return { studies, problems };
  }

  /** A study by full id or unique prefix (as `explore --resume` takes it). */
  async resolve(idOrPrefix: string): Promise<StudyRecord> {
    const { studies } = await this.list();
    const exact = studies.find((s) => s.id === idOrPrefix);
    if (exact) return exact;
    const matches = studies.filter((s) => s.id.startsWith(idOrPrefix));
    if (matches.length === 1) return matches[0];
    if (matches.length > 1)
      throw new StudyNotFoundError(
        `"${idOrPrefix}" matches ${matches.length} studies; give more of the id`,
        `“${idOrPrefix}”匹配到 ${matches.length} 个实验；请给出更多位的 id`,
      );
    throw new StudyNotFoundError(
      `no study "${idOrPrefix}" in ${this.dir}`,
      `${this.dir} 中没有实验“${idOrPrefix}”`,
    );
  }

  /** The latest noise floor a study measured on `target` (for a model, when given): two-run compare uses it. */
  async latestNoiseFloor(
    target: string,
    modelPath?: string,
  ): Promise<{ studyId: string; noiseFloor: NoiseFloor } | null> {
    const { studies } = await this.list();
    for (const s of studies.reverse()) {
      if (modelPath !== undefined && s.definition.model !== modelPath) continue;
      const t = s.targets.find((x) => x.name === target);
      if (t?.noiseFloor) return { studyId: s.id, noiseFloor: t.noiseFloor };
    }
    return null;
  }

  private async load(name: string): Promise<StudyRecord | StudyProblem> {
    const file = join(this.dir, name);
    try {
      const value: unknown = JSON.parse(await fs.readFile(file, 'utf8'));
      const version = (value as { schema?: unknown } | null)?.schema;
      if (typeof version === 'number' && version > STUDY_SCHEMA_VERSION)
        return { file, reason: `study schema ${version} is newer than this lar-explorer understands` };
      const parsed = studySchema.safeParse(value);
      if (!parsed.success) return { file, reason: `not a study record: ${parsed.error.issues[0]?.message}` };
      return parsed.data as unknown as StudyRecord;
    } catch (err) {
      return { file, reason: `cannot read: ${(err as Error).message}` };
    }
  }
}

function toJson(record: StudyRecord): string {
  return JSON.stringify(record, null, 2) + '\n';
}
