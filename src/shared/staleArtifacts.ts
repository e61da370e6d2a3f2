/**
 * Host → Benchmark panel: files the run about to start will read that were made under other
 * conditions (another model, a changed program, another device or target). The host localizes
 * everything; the webview only shows it. Kept apart from benchmarkProtocol.ts (one idea a file).
 */
export interface StaleArtifactWarning {
  /** What was made where, and what differs ("… was made under other conditions (run …): another model"). */
  message: string;
  /** What to do about it. */
  fix: string;
}

export interface StaleArtifactsMessage {
  type: 'staleArtifacts';
  /** Heading of the box, localized by the host. */
  title: string;
  warnings: StaleArtifactWarning[];
}
