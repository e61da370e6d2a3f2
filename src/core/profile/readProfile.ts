/**
 * Read a profile file of any engine, streaming: the first characters say which engine wrote it
 * (each engine's `profile.detect`: `[` or `{"traceEvents"` → ONNX Runtime's trace; `{"profiler"` /
 * `{"graph_exec"` → load_and_run), then chunks go to that engine's reader. Text is decoded
 * incrementally, so a multi-byte character split between chunks is safe.
 */
import { open } from 'node:fs/promises';
import type { Engine, EngineId, ProfileChunkReader, ProfileReadOptions } from '../engine';
import { allEngines } from '../engines/registry';
import { JsonSyntaxError } from './jsonSelector';
import type { OperatorProfile } from './operatorProfile';
import { ProfileFormatError } from './profileFormatError';

/** The id of the engine that wrote a profile. */
export type ProfileKind = EngineId;

export type { ProfileReadOptions as ReadProfileOptions } from '../engine';

type ProfilingEngine = Engine & { profile: NonNullable<Engine['profile']> };

function profilingEngines(): ProfilingEngine[] {
  return allEngines().filter((e): e is ProfilingEngine => e.profile !== undefined);
}

function engineOfProfile(head: string): ProfilingEngine | undefined {
  const t = head.replace(/^\uFEFF/, '').trimStart();
  return profilingEngines().find((e) => e.profile.detect(t));
}

/** Which engine wrote a profile that starts with `head`; null when it is none's (or too short to say). */
export function sniffProfileKind(head: string): ProfileKind | null {
  return engineOfProfile(head)?.id ?? null;
}

/** Streams `chunks` into the right reader. */
export async function readProfileChunks(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: ProfileReadOptions = {},
): Promise<OperatorProfile> {
  const decoder = new TextDecoder('utf-8');
  let head = '';
  let reader: ProfileChunkReader | null = null;
  const feed = (text: string): void => {
    if (reader) {
      reader.write(text);
      return;
    }
    head += text;
    const t = head.replace(/^\uFEFF/, '').trimStart();
    // Decide once the first character (and for an object, its first key) has arrived.
    const decided = t.startsWith('[') || /^\{\s*"[^"]*"/.test(t) || (t !== '' && !t.startsWith('{'));
    if (decided || head.length > 4096) start();
  };
  const start = (): void => {
    const engine = engineOfProfile(head);
    if (engine === undefined) throw notAProfile();
    reader = engine.profile.createReader(options);
    reader.write(head.replace(/^\uFEFF/, ''));
    head = '';
  };
  try {
    for await (const chunk of chunks)
      feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    feed(decoder.decode());
    if (!reader) {
      if (head.trim() === '') throw new ProfileFormatError('the file is empty');
      start();
    }
    return (reader as ProfileChunkReader | null)!.finish();
  } catch (e) {
    if (e instanceof JsonSyntaxError)
      throw new ProfileFormatError(`not valid JSON: ${e.message}`, { cause: e });
    throw e;
  }
}

/**
 * The file's bytes in chunks read into ONE reused buffer: memory stays one chunk whatever the size
 * (a read stream allocates a fresh buffer per chunk, and they pile up as external memory until a
 * GC notices: +150 MB of RSS for a 50 MB profile). Each view is valid until the next one is asked
 * for, which is how `readProfileChunks` uses it (it decodes a chunk before asking for the next).
 */
async function* fileChunks(file: string, size = 1 << 18): AsyncGenerator<Uint8Array> {
  const fh = await open(file, 'r');
  try {
    const buf = Buffer.allocUnsafe(size);
    for (;;) {
      const { bytesRead } = await fh.read(buf, 0, size, null);
      if (bytesRead === 0) return;
      yield buf.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

/** Reads a profile file in 1 MiB chunks. Errors name the file. */
export async function readProfileFile(
  file: string,
  options: ProfileReadOptions = {},
): Promise<OperatorProfile> {
  try {
    return await readProfileChunks(fileChunks(file), options);
  } catch (e) {
    if (e instanceof ProfileFormatError) throw new ProfileFormatError(`${file}: ${e.message}`);
    throw e;
  }
}

function notAProfile(): ProfileFormatError {
  const hints = profilingEngines().map((e) => e.profile.formatHint);
  return new ProfileFormatError(`not a profile: expected ${hints.join(' or ')}`);
}
