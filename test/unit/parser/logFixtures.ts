/** Reads the copied real logs and the hand-written parser fixtures, and parses them the way a runner feeds them. */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedResult } from '../../../src/core/engine';
import { LarOutputParser } from '../../../src/core/engines/lar/outputParser';

export const REAL = join(__dirname, '..', '..', 'fixtures', 'real-logs');
export const HAND = join(__dirname, '..', '..', 'fixtures', 'parser');

export interface Streams {
  err: string;
  out: string;
}

/** `.err` and `.out` of a run stem (missing files read as empty). */
export function streams(dir: string, stem: string): Streams {
  const read = (ext: string): string =>
    existsSync(join(dir, stem + ext)) ? readFileSync(join(dir, stem + ext), 'utf8') : '';
  return { err: read('.err'), out: read('.out') };
}

export function exitCodeOf(stem: string): number {
  return Number(readFileSync(join(REAL, stem + '.rc'), 'utf8').trim());
}

/** Every real run stem with an exit code, e.g. `04_defaults`, `convnet/05_fast_run`. */
export function realStems(): string[] {
  const list = (sub: string): string[] =>
    readdirSync(join(REAL, sub))
      .filter((f) => f.endsWith('.rc'))
      .map((f) => (sub ? `${sub}/` : '') + f.slice(0, -3));
  return [...list(''), ...list('convnet')].sort();
}

export function parseStreams(s: Streams): { parser: LarOutputParser; result: ParsedResult } {
  const parser = new LarOutputParser();
  parser.push(s.err, 'stderr');
  parser.push(s.out, 'stdout');
  parser.end();
  return { parser, result: parser.result() };
}

export function parseReal(stem: string): ParsedResult {
  return parseStreams(streams(REAL, stem)).result;
}

export function parseText(text: string): ParsedResult {
  const parser = new LarOutputParser();
  parser.push(text);
  parser.end();
  return parser.result();
}

export function parseFile(path: string): ParsedResult {
  return parseText(readFileSync(path, 'utf8'));
}
