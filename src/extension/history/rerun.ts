/**
 * "Re-run with the same flags": the record's target (`local` or an ssh destination) is looked up
 * among the known targets and the run goes through the RunService like any other. When the target
 * is no longer known (the ssh host was removed), the Benchmark panel opens with the flags instead,
 * so the user can pick another target.
 */
import * as vscode from 'vscode';
import type { RunService } from '../benchmark/runService';
import type { TargetRegistry } from '../targets/targetRegistry';
import type { RerunRequest } from './historyCommands';

export function rerunThroughService(
  service: RunService,
  targets: TargetRegistry,
  log: vscode.LogOutputChannel,
): (req: RerunRequest) => Promise<void> {
  return async (req) => {
    await targets.whenLoaded();
    const target = targets.forRecordTarget(req.target);
    if (!target) {
      log.warn(
        `Re-run: target "${req.target}" is not configured any more; opening the Benchmark panel instead`,
      );
      await openBenchmarkWith(req);
      return;
    }
    await service.run({ modelUri: req.modelUri, engineId: req.engineId, target, flags: req.flags });
  };
}

/** The Benchmark panel, pre-filled: `lar-explorer.benchmark` takes the flags as a second argument. */
export async function openBenchmarkWith(req: RerunRequest): Promise<void> {
  await vscode.commands.executeCommand('lar-explorer.benchmark', req.modelUri, {
    flags: req.flags,
    target: req.target,
    engineId: req.engineId,
  });
}
