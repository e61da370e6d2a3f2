/**
 * Device facts around one run: collected before and after through the runner's `exec` (same host,
 * same connection as the run) or read in-process by a local runner, compared for changes that spoil the numbers (governor, frequency,
 * temperature, load). Best effort by design: facts never delay a run's failure or hide its result,
 * so every probe error is swallowed and only what was read is recorded.
 */
import type { DeviceFacts } from '../runners/deviceFacts';
import { collectDeviceFacts, compareDeviceFacts } from '../runners/deviceFacts';
import type { Runner } from '../runners/runner';

export interface DeviceObservation {
  before(): Promise<void>;
  after(): Promise<void>;
  /** What was read, with warnings; null when nothing could be read. */
  facts(): { before?: DeviceFacts; after?: DeviceFacts; warnings?: string[] } | null;
}

/** Null when the runner can neither read facts itself nor run helper commands (no `exec`). */
export function observeDevice(runner: Runner, signal?: AbortSignal): DeviceObservation | null {
  const { exec, readDeviceFacts } = runner;
  if (!exec && !readDeviceFacts) return null;
  const collect = readDeviceFacts
    ? () => readDeviceFacts.call(runner)
    : () =>
        collectDeviceFacts((program, args) =>
          exec!.call(runner, program, args, { timeoutMs: 10_000, signal }),
        );
  let before: DeviceFacts | undefined;
  let after: DeviceFacts | undefined;
  const read = async (): Promise<DeviceFacts | undefined> => {
    try {
      const facts = await collect();
      return Object.keys(facts).length > 0 ? facts : undefined;
    } catch {
      return undefined;
    }
  };
  return {
    async before() {
      before = await read();
    },
    async after() {
      // A cancelled run must end quickly; a second round trip to the device is not worth the wait.
      if (signal?.aborted) return;
      after = await read();
    },
    facts() {
      if (!before && !after) return null;
      const warnings = compareDeviceFacts(before, after);
      return {
        ...(before ? { before } : {}),
        ...(after ? { after } : {}),
        ...(warnings.length ? { warnings } : {}),
      };
    },
  };
}
