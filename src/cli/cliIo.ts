/**
 * What a CLI command may touch of the outside world: two text sinks, the working directory, the
 * environment, stdin, and the signals that ask a run to stop. Commands get this object instead of
 * `process`, so tests run the whole CLI in-process and assert on its output and exit code.
 */
import { text } from 'node:stream/consumers';

/**
 * The signals that mean "cancel": Ctrl-C (SIGINT), a job runner or `timeout(1)` or `docker stop`
 * (SIGTERM), and a closed terminal or dropped SSH session (SIGHUP). Each is handled like Ctrl-C so
 * the run is stopped with its process group and its record is kept.
 */
export const CANCEL_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
export type CancelSignal = (typeof CANCEL_SIGNALS)[number];

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  cwd: string;
  env: Record<string, string | undefined>;
  /** All of stdin as text (for `parse -`). */
  readStdin(): Promise<string>;
  /** Stdin as text chunks as they arrive (for `parse -` on a long log). */
  stdinChunks(): AsyncIterable<string>;
  /** Call `handler` on Ctrl-C, SIGTERM or SIGHUP (see CANCEL_SIGNALS) until the returned function is called. */
  onInterrupt(handler: (signal: CancelSignal) => void): () => void;
  /** True when stderr is a terminal: progress is drawn as one updating line instead of raw log. */
  stderrIsTTY: boolean;
}

/** The real process: stdout/stderr, the cancel signals, process.env. */
export function processIo(): CliIo {
  // After SIGHUP the terminal is gone and a write fails with EIO (EPIPE for a closed pipe); an
  // unhandled stream error would kill the process before the cancelled run's record is saved.
  // Output nobody can read is dropped; the record is what matters.
  for (const stream of [process.stdout, process.stderr]) {
    if (stream.listenerCount('error') === 0) stream.on('error', () => undefined);
  }
  return {
    out: (s) => void process.stdout.write(s),
    err: (s) => void process.stderr.write(s),
    cwd: process.cwd(),
    env: process.env,
    readStdin: () => text(process.stdin),
    stdinChunks: () => process.stdin.setEncoding('utf8'),
    onInterrupt(handler) {
      const listeners = CANCEL_SIGNALS.map((signal) => {
        const listener = (): void => handler(signal);
        process.on(signal, listener);
        return [signal, listener] as const;
      });
      return () => listeners.forEach(([signal, listener]) => void process.off(signal, listener));
    },
    stderrIsTTY: Boolean(process.stderr.isTTY),
  };
}

/** A CliIo for tests and embedding: collects output in strings; Ctrl-C is `interrupt()`. */
export interface CapturedIo extends CliIo {
  stdout: string;
  stderr: string;
  interrupt(signal?: CancelSignal): void;
}

export function capturedIo(
  init: Partial<Pick<CliIo, 'cwd' | 'env' | 'stderrIsTTY'>> & { stdin?: string } = {},
): CapturedIo {
  const handlers = new Set<(signal: CancelSignal) => void>();
  const io: CapturedIo = {
    stdout: '',
    stderr: '',
    out: (s) => void (io.stdout += s),
    err: (s) => void (io.stderr += s),
    cwd: init.cwd ?? process.cwd(),
    env: init.env ?? {},
    readStdin: async () => init.stdin ?? '',
    stdinChunks: async function* () {
      if (init.stdin) yield init.stdin;
    },
    onInterrupt(handler) {
      handlers.add(handler);
      return () => void handlers.delete(handler);
    },
    interrupt: (signal = 'SIGINT') => handlers.forEach((h) => h(signal)),
    stderrIsTTY: init.stderrIsTTY ?? false,
  };
  return io;
}
