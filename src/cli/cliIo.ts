/**
 * What a CLI command may touch of the outside world: two text sinks, the working directory, the
 * environment, stdin, and Ctrl-C. Commands get this object instead of `process`, so tests run the
 * whole CLI in-process and assert on its output and exit code.
 */
import { text } from 'node:stream/consumers';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** All of stdin as text (for `parse -`). */
  readStdin(): Promise<string>;
  /** Call `handler` on Ctrl-C (SIGINT) until the returned function is called. */
  onInterrupt(handler: () => void): () => void;
  /** True when stderr is a terminal: progress is drawn as one updating line instead of raw log. */
  stderrIsTTY: boolean;
}

/** The real process: stdout/stderr, SIGINT, process.env. */
export function processIo(): CliIo {
  return {
    out: (s) => void process.stdout.write(s),
    err: (s) => void process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    readStdin: () => text(process.stdin),
    onInterrupt(handler) {
      process.on('SIGINT', handler);
      return () => void process.off('SIGINT', handler);
    },
    stderrIsTTY: Boolean(process.stderr.isTTY),
  };
}

/** A CliIo for tests and embedding: collects output in strings; Ctrl-C is `interrupt()`. */
export interface CapturedIo extends CliIo {
  stdout: string;
  stderr: string;
  interrupt(): void;
}

export function capturedIo(
  init: Partial<Pick<CliIo, 'cwd' | 'env' | 'stderrIsTTY'>> & { stdin?: string } = {},
): CapturedIo {
  const handlers = new Set<() => void>();
  const io: CapturedIo = {
    stdout: '',
    stderr: '',
    out: (s) => void (io.stdout += s),
    err: (s) => void (io.stderr += s),
    cwd: init.cwd ?? process.cwd(),
    env: init.env ?? {},
    readStdin: async () => init.stdin ?? '',
    onInterrupt(handler) {
      handlers.add(handler);
      return () => void handlers.delete(handler);
    },
    interrupt: () => handlers.forEach((h) => h()),
    stderrIsTTY: init.stderrIsTTY ?? false,
  };
  return io;
}
