/**
 * The sha256 of a model file, streamed so a 500 MB model never sits in memory. Stored in every run
 * record: two runs of "model.mge" are comparable only if the bytes were the same.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

export interface FileDigest {
  sha256: string;
  bytes: number;
}

/** Hash a file; rejects with the fs error (ENOENT, EACCES, EISDIR) when it cannot be read. */
export async function sha256File(path: string, signal?: AbortSignal): Promise<FileDigest> {
  const hash = createHash('sha256');
  let bytes = 0;
  const stream = createReadStream(path, { highWaterMark: 1 << 20, signal });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    hash.update(chunk);
    bytes += chunk.length;
  }
  return { sha256: hash.digest('hex'), bytes };
}
