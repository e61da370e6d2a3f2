/**
 * Turn a byte stream from a child process into text chunks as they arrive, without ever splitting
 * a UTF-8 character across two chunks (a streaming TextDecoder keeps the partial bytes).
 */
import type { Readable } from 'node:stream';

/** Forward decoded text to `onText`; resolves when the stream ends or closes. */
export function forwardText(
  stream: Readable | null | undefined,
  onText: (text: string) => void,
): Promise<void> {
  if (!stream) return Promise.resolve();
  const decoder = new TextDecoder('utf-8');
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const tail = decoder.decode();
      if (tail) onText(tail);
      resolve();
    };
    stream.on('data', (buf: Buffer) => {
      const text = decoder.decode(buf, { stream: true });
      if (text) onText(text);
    });
    stream.once('end', finish);
    stream.once('close', finish);
    stream.once('error', finish);
  });
}
