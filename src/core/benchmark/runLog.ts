/**
 * The raw output of one run, kept with bounded memory whatever its size. Up to `inlineLimit` bytes
 * stay in memory (the record keeps them inline). Past that:
 *  - with a spill folder (the record store's), everything goes to a temp file there, written as it
 *    arrives; the store turns it into the record's `.log` sidecar on save. The temp name carries its
 *    writer (staleTemps.ts), so a killed run's spill is swept later, never a live one's;
 *  - without one (a run that is not saved), the first and last `inlineLimit / 2` bytes are kept
 *    with a note of what was left out between them.
 * Writes are synchronous on purpose: while the disk takes a chunk, the child's pipe fills and the
 * child waits, so a tool printing faster than the disk cannot grow this process's memory.
 * A full disk does not stop the run: the log is cut there, with a note, and the numbers survive.
 */
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { tempOwnerTag } from '../records/staleTemps';

/**
 * What a run without a store keeps inline: the store's own limit (records/recordStore.ts
 * INLINE_LOG_LIMIT; a unit test holds them equal), not imported from there so that running
 * without saving does not load the store and its record schemas.
 */
export const UNSAVED_INLINE_LOG_LIMIT = 256 * 1024;

export interface RunLogOptions {
  inlineLimit: number;
  /** Folder for the spill file (same file system as the records, so the sidecar is a rename). */
  spillDir?: string;
}

/** The finished log: inline text, or a spill file the store adopts as the sidecar. */
export type FinishedLog = { text: string; spillFile?: undefined } | { text: null; spillFile: string };

export class RunLog {
  private chunks: string[] = [];
  private inlineBytes = 0;
  private totalBytes = 0;
  private fd: number | null = null;
  private spillPath: string | null = null;
  private spillFailed: string | null = null;
  /** Without a spill folder: the tail kept after the head filled. */
  private tail: string[] = [];
  private tailBytes = 0;

  /** Cleared when the spill file cannot be created: the log falls back to head and tail. */
  private spillDir: string | undefined;

  constructor(private readonly opts: RunLogOptions) {
    this.spillDir = opts.spillDir;
  }

  get bytes(): number {
    return this.totalBytes;
  }

  push(text: string): void {
    const size = Buffer.byteLength(text, 'utf8');
    this.totalBytes += size;
    if (this.fd !== null) return this.write(text);
    if (this.spillFailed !== null) return; // the disk is full: the log already says where it stops
    if (this.tail.length === 0 && this.inlineBytes + size <= this.opts.inlineLimit) {
      this.chunks.push(text);
      this.inlineBytes += size;
      return;
    }
    if (this.spillDir !== undefined && this.startSpill()) return this.write(text);
    this.keepTail(text, size);
  }

  /** The log for the record. Call once, after the run. */
  finish(): FinishedLog {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    if (this.spillPath !== null) return { text: null, spillFile: this.spillPath };
    const head = this.chunks.join('');
    if (this.tailBytes === 0) return { text: head };
    const left = this.totalBytes - this.inlineBytes - this.tailBytes;
    return {
      text: `${head}\n[lar-explorer: ${left} bytes of output left out; the last ${this.tailBytes} follow]\n${this.tail.join('')}`,
    };
  }

  /** Remove the spill file (the record was not saved, or the run was refused). */
  discard(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
    if (this.spillPath) rmSync(this.spillPath, { force: true });
  }

  private startSpill(): boolean {
    const path = join(this.spillDir!, `.run-log.${tempOwnerTag()}.${randomBytes(6).toString('hex')}.tmp`);
    try {
      mkdirSync(this.spillDir!, { recursive: true });
      this.fd = openSync(path, 'wx', 0o644);
      this.spillPath = path;
    } catch {
      this.spillDir = undefined;
      return false;
    }
    const held = this.chunks;
    this.chunks = [];
    this.inlineBytes = 0;
    for (const chunk of held) this.write(chunk);
    return this.fd !== null;
  }

  private write(text: string): void {
    try {
      writeSync(this.fd!, text, null, 'utf8');
    } catch (err) {
      // Disk full mid-run: keep what is on disk, note where it stops, carry on with the run.
      try {
        writeSync(this.fd!, `\n[lar-explorer: log cut here: ${(err as Error).message}]\n`);
      } catch {
        // Nothing more fits; the file ends where the disk did.
      }
      closeSync(this.fd!);
      this.fd = null;
      this.spillFailed = (err as Error).message;
    }
  }

  private keepTail(text: string, size: number): void {
    const budget = Math.floor(this.opts.inlineLimit / 2);
    // The head keeps what it has up to half the limit; the tail the most recent half.
    if (this.inlineBytes > budget) {
      const head = this.chunks.join('');
      this.chunks = [Buffer.from(head, 'utf8').subarray(0, budget).toString('utf8')];
      this.inlineBytes = Buffer.byteLength(this.chunks[0]!, 'utf8');
    }
    // A single chunk larger than the tail budget keeps only its end.
    const piece =
      size > budget
        ? Buffer.from(text, 'utf8')
            .subarray(size - budget)
            .toString('utf8')
        : text;
    this.tail.push(piece);
    this.tailBytes += Buffer.byteLength(piece, 'utf8');
    while (this.tail.length > 1 && this.tailBytes - Buffer.byteLength(this.tail[0]!, 'utf8') >= budget) {
      this.tailBytes -= Buffer.byteLength(this.tail.shift()!, 'utf8');
    }
  }
}
