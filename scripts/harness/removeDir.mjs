// Removing a test's temp folder once the processes that wrote it (Chromium, code-server and its
// extension host) have exited: their children may still be closing files for a moment, so the
// removal retries, and a folder that still cannot go is left behind rather than failing a test.
import { rm } from 'node:fs/promises';

export async function removeDir(dir) {
  await rm(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 }).catch(() => undefined);
}
