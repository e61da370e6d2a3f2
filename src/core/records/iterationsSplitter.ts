/**
 * The head of a big schema-1 record without holding the record in memory. A schema-1 file keeps
 * every iteration as a JSON object under `result.iterations`: a 300,000-iteration run is a 44 MB
 * file, and reading it the ordinary way (bytes, then a string, then parsed objects) took ~150 MB at
 * once — which alone broke `compare`'s 200 MB budget on a cold listing (issue #15). Here the file
 * is read in pieces and scanned byte by byte: everything outside that one array is kept (it is
 * small) with `[]` in the array's place, and the array's items are parsed and checked a few
 * thousand at a time, then dropped. JSON's structural characters are ASCII and never occur inside
 * a multi-byte UTF-8 sequence, so scanning bytes is exact; text is decoded only from whole slices.
 */
import { constants, promises as fs } from 'node:fs';
import { fileKind, NotRegularFileError } from './regularFile';

export type SplitHead =
  /** The record's JSON with `result.iterations` as `[]`, and how many items were there (all checked). */
  | { found: true; text: string; count: number }
  /** No top-level `result.iterations` array, or an item failed its check: read the file whole. */
  | { found: false };

const OPEN = 0x7b; // {
const CLOSE = 0x7d; // }
const OPEN_ARRAY = 0x5b; // [
const CLOSE_ARRAY = 0x5d; // ]
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;

/** Bytes of items parsed at a time (a few thousand iterations). */
const ITEMS_BATCH_BYTES = 1 << 20;

/**
 * Feed the file's bytes in order (`push`), then `end()`. Tracks strings, nesting and the keys of
 * the top-level object and of its `result` object; only keys are decoded, and only short ones.
 */
export class IterationsSplitter {
  private readonly outside: Buffer[] = [];
  private items: Buffer[] = [];
  private itemsBytes = 0;
  private count = 0;
  private failed = false;
  private found = false;
  /** Container kinds from the outermost: true for an object. */
  private readonly objects: boolean[] = [];
  private inString = false;
  private escape = false;
  /** In an object, the next string is a key. */
  private keyNext = false;
  private key: number[] | undefined;
  private keyPoisoned = false;
  /** The last key read at depth 1 and depth 2. */
  private readonly keys: [string, string] = ['', ''];
  /** Inside the iterations array (its own depth is 3). */
  private inItems = false;

  constructor(private readonly checkItem: (item: unknown) => boolean) {}

  push(chunk: Buffer): void {
    let from = 0; // start of the bytes not yet handed to `outside` or `items`
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i];
      if (this.inString) {
        if (this.escape) this.escape = false;
        else if (b === BACKSLASH) {
          this.escape = true;
          this.keyPoisoned = true; // a key written with escapes is never taken for "result"/"iterations"
        } else if (b === QUOTE) {
          this.inString = false;
          if (this.key) {
            const depth = this.objects.length;
            const name = this.keyPoisoned ? '' : String.fromCharCode(...this.key);
            if (depth === 1 || depth === 2) this.keys[depth - 1] = name;
            this.key = undefined;
          }
        } else if (this.key) {
          if (this.key.length < 32) this.key.push(b);
          else this.keyPoisoned = true;
        }
        continue;
      }
      if (b === QUOTE) {
        this.inString = true;
        if (this.keyNext && this.objects.length <= 2) {
          this.key = [];
          this.keyPoisoned = false;
        }
        this.keyNext = false;
      } else if (b === OPEN || b === OPEN_ARRAY) {
        const depth = this.objects.length;
        if (
          b === OPEN_ARRAY &&
          !this.found &&
          depth === 2 &&
          this.objects[1] &&
          this.keys[0] === 'result' &&
          this.keys[1] === 'iterations'
        ) {
          this.outside.push(Buffer.from(chunk.subarray(from, i + 1)));
          from = i + 1;
          this.found = this.inItems = true;
        }
        this.objects.push(b === OPEN);
        this.keyNext = b === OPEN;
      } else if (b === CLOSE || b === CLOSE_ARRAY) {
        if (this.inItems && this.objects.length === 3) {
          this.takeItems(chunk.subarray(from, i));
          this.flushItems();
          from = i;
          this.inItems = false;
        }
        this.objects.pop();
      } else if (b === COMMA) {
        const depth = this.objects.length;
        if (this.objects[depth - 1]) this.keyNext = true;
        if (this.inItems && depth === 3 && this.itemsBytes + (i - from) >= ITEMS_BATCH_BYTES) {
          this.takeItems(chunk.subarray(from, i));
          this.flushItems();
          from = i + 1;
        }
      }
    }
    if (this.inItems) this.takeItems(chunk.subarray(from));
    else this.outside.push(Buffer.from(chunk.subarray(from)));
  }

  end(): SplitHead {
    // Not closed (a truncated file): a full read reports it in its own words.
    if (!this.found || this.inItems || this.failed || this.objects.length > 0) return { found: false };
    return { found: true, text: Buffer.concat(this.outside).toString('utf8'), count: this.count };
  }

  private takeItems(bytes: Buffer): void {
    if (this.failed || bytes.length === 0) return;
    this.items.push(Buffer.from(bytes)); // a copy: the caller reuses its piece buffer
    this.itemsBytes += bytes.length;
  }

  /** Parse and check the items gathered so far (whole items, separated by commas), then drop them. */
  private flushItems(): void {
    if (this.failed || this.itemsBytes === 0) return;
    const text = Buffer.concat(this.items).toString('utf8');
    this.items = [];
    this.itemsBytes = 0;
    if (text.trim() === '') return;
    let parsed: unknown[];
    try {
      parsed = JSON.parse(`[${text}]`) as unknown[];
    } catch {
      this.failed = true;
      return;
    }
    for (const item of parsed) {
      if (!this.checkItem(item)) {
        this.failed = true;
        return;
      }
    }
    this.count += parsed.length;
  }
}

/** Read a regular file at `path` through the splitter, a piece at a time (see the module comment). */
export async function splitIterationsOf(
  path: string,
  checkItem: (item: unknown) => boolean,
  pieceBytes = 1 << 20,
): Promise<SplitHead> {
  const handle = await fs.open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw new NotRegularFileError(path, fileKind(st));
    const splitter = new IterationsSplitter(checkItem);
    // One buffer for every piece: the splitter copies what it keeps.
    const piece = Buffer.allocUnsafe(pieceBytes);
    for (;;) {
      const { bytesRead } = await handle.read(piece, 0, pieceBytes, null);
      if (bytesRead === 0) break;
      splitter.push(piece.subarray(0, bytesRead));
    }
    return splitter.end();
  } finally {
    await handle.close();
  }
}
