/**
 * Read a profile file of either engine, streaming: the first characters say which engine wrote it
 * (`[` or `{"traceEvents"` → ONNX Runtime's trace; `{"profiler"` / `{"graph_exec"` → load_and_run),
 * then chunks go to that engine's reader. Text is decoded incrementally, so a multi-byte character
 * split between chunks is safe.
 */
import { createReadStream } from 'node:fs';
import { JsonSyntaxError } from './jsonSelector';
import { LarProfileReader } from './larProfileReader';
import type { OperatorProfile } from './operatorProfile';
import { OrtProfileReader, type OrtProfileOptions } from './ortProfileReader';
import { ProfileFormatError } from './profileFormatError';

export type ProfileKind = 'load_and_run' | 'onnxruntime';

interface ChunkReader {
  write(chunk: string): void;
  finish(): OperatorProfile;
}

/** Which engine wrote a profile that starts with `head`; null when it is neither (or too short to say). */
export function sniffProfileKind(head: string): ProfileKind | null {
  const t = head.replace(/^\uFEFF/, '').trimStart();
  if (t.startsWith('[')) return 'onnxruntime';
  const firstKey = /^\{\s*"([^"]*)"/.exec(t)?.[1];
  if (firstKey === 'traceEvents') return 'onnxruntime';
  if (firstKey === 'profiler' || firstKey === 'graph_exec') return 'load_and_run';
  return null;
}

export type ReadProfileOptions = OrtProfileOptions;

/** Streams `chunks` into the right reader. */
export async function readProfileChunks(
  chunks: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: ReadProfileOptions = {},
): Promise<OperatorProfile> {
  const decoder = new TextDecoder('utf-8');
  let head = '';
  let reader: ChunkReader | null = null;
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
    const kind = sniffProfileKind(head);
    if (kind === null) throw notAProfile();
    reader = kind === 'onnxruntime' ? new OrtProfileReader(options) : new LarProfileReader();
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
    return (reader as ChunkReader | null)!.finish();
  } catch (e) {
    if (e instanceof JsonSyntaxError)
      throw new ProfileFormatError(`not valid JSON: ${e.message}`, { cause: e });
    throw e;
  }
}

/** Reads a profile file in 1 MiB chunks. Errors name the file. */
export async function readProfileFile(
  file: string,
  options: ReadProfileOptions = {},
): Promise<OperatorProfile> {
  try {
    return await readProfileChunks(createReadStream(file, { highWaterMark: 1 << 20 }), options);
  } catch (e) {
    if (e instanceof ProfileFormatError) throw new ProfileFormatError(`${file}: ${e.message}`);
    throw e;
  }
}

function notAProfile(): ProfileFormatError {
  return new ProfileFormatError(
    'not a profile: expected load_and_run --profile JSON ({"profiler": ...}) or an ONNX Runtime trace ([{"cat": ...}])',
  );
}
