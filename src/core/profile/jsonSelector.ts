/**
 * A bounded streaming JSON reader: feed it text chunks, it hands back only the values found at
 * chosen paths (`['profiler', 'host', '*']`), each parsed with the native `JSON.parse`. Everything
 * else is scanned and dropped without building objects, so memory is the size of the largest
 * selected value plus one chunk, whatever the file's size.
 *
 * Why not a library: the general streaming parsers on npm (stream-json, @streamparser/json) turn
 * every token of the skipped sections (MegEngine's `var` and `mem_chunk` tables are most of a
 * profile) into JS values and events; this scanner only counts brackets and quotes there, and the
 * selected values go through the native parser. `npm run bench:profile` prints the figures.
 *
 * It checks structure only as far as it needs to (brackets, strings); a malformed selected value
 * fails in `JSON.parse`, a truncated file fails in `end()`.
 */

/** One path segment: an object key, an array index as a string, or `*` for any. */
export type JsonPathPattern = readonly string[];

export class JsonSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonSyntaxError';
  }
}

const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_OBJ = 123;
const CLOSE_OBJ = 125;
const OPEN_ARR = 91;
const CLOSE_ARR = 93;
const COMMA = 44;
const COLON = 58;

/** How many backslashes directly precede `at`, not looking before `from`. */
function backslashesBefore(text: string, at: number, from: number): number {
  let k = at - 1;
  while (k >= from && text.charCodeAt(k) === BACKSLASH) k--;
  return at - 1 - k;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 13 || c === 9;
}

export class JsonSelector {
  private readonly maxDepth: number;
  /**
   * Containers deeper than this are scanned for strings and brackets only: below `maxDepth`, inside
   * a value being captured, or under a key no pattern can match (`graph_exec.var.ID.users`).
   */
  private floor: number;
  private readonly byDepth: Map<number, JsonPathPattern[]>;
  /** Containers open above the cursor; frames deeper than `maxDepth` are only counted. */
  private depth = 0;
  private readonly isObj: boolean[] = [];
  private readonly keys: string[] = [];
  private readonly index: number[] = [];
  private readonly expectKey: boolean[] = [];

  private inString = false;
  private escaped = false;
  /** The string being read is a key at a tracked depth: keep its text. */
  private inKey = false;
  /** The part of that key read in earlier chunks (a key rarely spans two; no array per key). */
  private keyHead = '';

  /** Capture of a selected value in progress. */
  private capturing = false;
  private captureDepth = 0;
  private captureKind: 'container' | 'string' | 'scalar' = 'container';
  private captureParts: string[] = [];
  private capturePath: string[] = [];
  private sawValue = false;
  private charsSeen = 0;

  constructor(
    patterns: readonly JsonPathPattern[],
    private readonly onValue: (path: readonly string[], value: unknown) => void,
  ) {
    this.byDepth = new Map();
    for (const p of patterns) {
      const list = this.byDepth.get(p.length) ?? [];
      list.push(p);
      this.byDepth.set(p.length, list);
    }
    this.maxDepth = Math.max(0, ...patterns.map((p) => p.length));
    this.floor = this.maxDepth;
  }

  write(chunk: string): void {
    const n = chunk.length;
    let i = 0;
    // Where the capture (or key) began in this chunk; 0 when it started in an earlier chunk.
    let captureFrom = 0;
    let keyFrom = 0;
    while (i < n) {
      if (this.inString) {
        // Jump to the next quote not escaped by an odd run of backslashes (indexOf is native speed).
        if (this.escaped) {
          this.escaped = false;
          i++;
        }
        let q = chunk.indexOf('"', i);
        while (q >= 0 && backslashesBefore(chunk, q, i) % 2 === 1) q = chunk.indexOf('"', q + 1);
        if (q < 0) {
          this.escaped = backslashesBefore(chunk, n, i) % 2 === 1;
          i = n;
          break;
        }
        i = q;
        // Closing quote at i.
        this.inString = false;
        if (this.inKey) {
          this.finishKey(this.keyHead + chunk.slice(keyFrom, i));
        } else if (this.capturing && this.captureKind === 'string' && this.depth === this.captureDepth) {
          this.captureParts.push(chunk.slice(captureFrom, i + 1));
          this.finishCapture();
        }
        i++;
        continue;
      }

      if (this.depth > this.floor && !(this.capturing && this.captureKind === 'scalar')) {
        // Where nothing can be selected only strings and brackets matter: skip the rest in a tight loop.
        let c = chunk.charCodeAt(i);
        while (c !== QUOTE && c !== OPEN_OBJ && c !== CLOSE_OBJ && c !== OPEN_ARR && c !== CLOSE_ARR) {
          if (++i >= n) break;
          c = chunk.charCodeAt(i);
        }
        if (i >= n) break;
      }
      const c = chunk.charCodeAt(i);
      if (this.capturing && this.captureKind === 'scalar') {
        if (c === COMMA || c === CLOSE_OBJ || c === CLOSE_ARR || isSpace(c)) {
          this.captureParts.push(chunk.slice(captureFrom, i));
          this.finishCapture();
          continue; // the delimiter is handled below on the next pass
        }
        i++;
        continue;
      }
      if (isSpace(c)) {
        i++;
        continue;
      }
      const tracked = this.depth <= this.floor;
      if (c === QUOTE) {
        const d = this.depth;
        if (tracked && d > 0 && this.isObj[d] && this.expectKey[d]) {
          this.inKey = true;
          this.keyHead = '';
          keyFrom = i + 1;
        } else if (tracked && !this.capturing && this.startsSelected()) {
          this.beginCapture('string');
          captureFrom = i;
        }
        this.inString = true;
        i++;
        continue;
      }
      if (c === OPEN_OBJ || c === OPEN_ARR) {
        if (tracked && !this.capturing && this.startsSelected()) {
          this.beginCapture('container');
          captureFrom = i;
        }
        this.depth++;
        this.sawValue = true;
        const d = this.depth;
        if (d <= this.floor) {
          this.isObj[d] = c === OPEN_OBJ;
          this.expectKey[d] = c === OPEN_OBJ;
          this.index[d] = 0;
          this.keys[d] = '';
          // A captured container is cut out whole, and a dead branch holds nothing to select.
          if (this.capturing ? this.captureDepth === d - 1 : !this.prefixAlive(d)) this.floor = d - 1;
        }
        i++;
        continue;
      }
      if (c === CLOSE_OBJ || c === CLOSE_ARR) {
        if (this.depth === 0) throw new JsonSyntaxError(`unexpected '${String.fromCharCode(c)}'`);
        this.depth--;
        if (this.depth === this.floor && this.floor < this.maxDepth) this.floor = this.maxDepth;
        i++;
        if (this.capturing && this.captureKind === 'container' && this.depth === this.captureDepth) {
          this.captureParts.push(chunk.slice(captureFrom, i));
          this.finishCapture();
        }
        continue;
      }
      if (c === COMMA) {
        const d = this.depth;
        if (d > 0 && d <= this.floor) {
          if (this.isObj[d]) this.expectKey[d] = true;
          else this.index[d] = (this.index[d] ?? 0) + 1;
        }
        i++;
        continue;
      }
      if (c === COLON) {
        const d = this.depth;
        if (d > 0 && d <= this.floor) this.expectKey[d] = false;
        i++;
        continue;
      }
      // A number or literal starts here.
      this.sawValue = true;
      if (tracked && !this.capturing && this.startsSelected()) {
        this.beginCapture('scalar');
        captureFrom = i;
        i++;
        continue;
      }
      // Not selected (or inside a capture, which slices its whole text at the end): skip to the
      // delimiter in a tight loop. Most of a profile's tracked text is numbers (pointers, sizes).
      let d = chunk.charCodeAt(++i);
      while (i < n && d !== COMMA && d !== CLOSE_OBJ && d !== CLOSE_ARR && !isSpace(d))
        d = chunk.charCodeAt(++i);
    }
    if (this.capturing) this.captureParts.push(chunk.slice(captureFrom));
    if (this.inKey && this.inString) this.keyHead += chunk.slice(keyFrom);
    this.charsSeen += n;
  }

  /** Call after the last chunk: throws when the text ended inside a value. */
  end(): void {
    if (this.capturing && this.captureKind === 'scalar') this.finishCapture();
    if (this.inString || this.depth !== 0 || this.capturing) {
      throw new JsonSyntaxError(`the JSON ends early (after ${this.charsSeen} characters): truncated file?`);
    }
    if (!this.sawValue) throw new JsonSyntaxError('the file holds no JSON value');
  }

  private finishKey(raw: string): void {
    this.inKey = false;
    this.keyHead = '';
    // Keys with escapes are rare; decode them the standard way.
    this.keys[this.depth] = raw.includes('\\') ? (JSON.parse(`"${raw}"`) as string) : raw;
  }

  private currentPath(): string[] {
    const path: string[] = [];
    for (let d = 1; d <= this.depth; d++) path.push(this.isObj[d] ? this.keys[d]! : String(this.index[d]));
    return path;
  }

  /** Could a value inside the container just opened at depth `d` be selected? */
  private prefixAlive(d: number): boolean {
    for (const list of this.byDepth.values()) {
      for (const p of list) {
        if (p.length < d) continue;
        let ok = true;
        for (let k = 1; k < d && ok; k++) {
          const seg = p[k - 1]!;
          if (seg === '*') continue;
          ok = this.isObj[k] ? this.keys[k] === seg : String(this.index[k]) === seg;
        }
        if (ok) return true;
      }
    }
    return false;
  }

  private startsSelected(): boolean {
    const candidates = this.byDepth.get(this.depth);
    if (!candidates) return false;
    for (const p of candidates) {
      let ok = true;
      for (let d = 1; d <= this.depth && ok; d++) {
        const seg = p[d - 1]!;
        if (seg === '*') continue;
        ok = this.isObj[d] ? this.keys[d] === seg : String(this.index[d]) === seg;
      }
      if (ok) return true;
    }
    return false;
  }

  private beginCapture(kind: 'container' | 'string' | 'scalar'): void {
    this.capturing = true;
    this.captureKind = kind;
    this.captureDepth = this.depth;
    this.captureParts = [];
    this.capturePath = this.currentPath();
  }

  private finishCapture(): void {
    const text = this.captureParts.join('');
    this.capturing = false;
    this.captureParts = [];
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (e) {
      throw new JsonSyntaxError(`bad JSON at ${this.capturePath.join('.')}: ${(e as Error).message}`);
    }
    this.onValue(this.capturePath, value);
  }
}

/** The first key of the JSON object `head` starts with (BOM and blanks already removed); undefined otherwise. */
export function firstObjectKey(head: string): string | undefined {
  return /^\{\s*"([^"]*)"/.exec(head)?.[1];
}
