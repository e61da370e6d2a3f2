/**
 * The sha256 of a file, streamed so a 500 MB model never sits in memory. Neutral ground: records
 * store a model's digest (two runs of one model are comparable only if the bytes were the same) and
 * the SSH runner names uploads by content; neither depends on the other for it.
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
