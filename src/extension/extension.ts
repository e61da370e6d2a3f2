/**
 * Composition root: builds the services, hands them to their consumers, registers disposables.
 * No logic lives here.
 */
import * as vscode from 'vscode';
import { readConfig } from './config';
import { ModelsTreeProvider } from './modelsTree';
import { registerCommands } from './commands';
import { RunHistory } from './history/runHistory';
import { HistoryCommands, vscodeHistoryPrompts, type HistoryPrompts } from './history/historyCommands';
import { rerunThroughService } from './history/rerun';
import { ComparePanels, vscodePickSaveLocation } from './compare/comparePanel';
import { ProfilePanels } from './profile/profilePanel';
import { registerProfileCommands } from './profile/profileCommands';
import { BenchmarkPanels } from './benchmark/benchmarkPanels';
import { artifactsRoot } from './benchmark/recipeChain';
import { RunService } from './benchmark/runService';
import { RunStatusBar } from './statusBar';
import { registerTargetCommands } from './targets/targetCommands';
import { TargetChecker } from './targets/targetChecker';
import { TargetRegistry } from './targets/targetRegistry';
import { TargetsTreeProvider } from './targets/targetsTree';
import { ExplorePanels } from './explore/explorePanels';
import {
  registerExploreCommands,
  vscodeExplorePrompts,
  type ExplorePrompts,
} from './explore/exploreCommands';
import { StudyHistory } from './explore/studyHistory';
import { StudyService } from './explore/studyService';
import { SavedPresets } from './presets/savedPresets';

export interface ExtensionApi {
  models: ModelsTreeProvider;
  history: RunHistory;
  compare: ComparePanels;
  profiles: ProfilePanels;
  /** The history commands' questions; tests replace its functions. */
  historyPrompts: HistoryPrompts;
  runs: RunService;
  targets: TargetRegistry;
  targetsTree: TargetsTreeProvider;
  benchmarks: BenchmarkPanels;
  statusBar: RunStatusBar;
  studies: StudyService;
  studyHistory: StudyHistory;
  explore: ExplorePanels;
  savedPresets: SavedPresets;
  /** The Explore commands' questions; tests replace its functions. */
  explorePrompts: ExplorePrompts;
}

export function activate(context: vscode.ExtensionContext): ExtensionApi {
  const log = vscode.window.createOutputChannel('Load and Run Explorer', { log: true });
  context.subscriptions.push(log);

  const history = new RunHistory(log);
  const getConfig = () => readConfig();
  const targets = new TargetRegistry({ getConfig, log, artifactDir: artifactsRoot });
  const statusBar = new RunStatusBar(log);
  const distDir = vscode.Uri.joinPath(context.extensionUri, 'dist').fsPath;
  const runs = new RunService({ log, getConfig, targets, statusBar, distDir });
  liveRuns = runs;
  const studies = new StudyService({ log, runs, targets, onRunSaved: () => history.scheduleSync() });
  const studyHistory = new StudyHistory(log, studies);
  context.subscriptions.push(studies, studyHistory);
  const models = new ModelsTreeProvider(() => readConfig(), log, history, studyHistory);
  context.subscriptions.push(
    history,
    models,
    vscode.window.createTreeView('lar-explorer.models', { treeDataProvider: models, canSelectMany: true }),
  );
  // The Explore panels are built further down; the Compare panel reaches them when asked.
  const late: { explore?: ExplorePanels } = {};
  const compare = new ComparePanels({
    extensionUri: context.extensionUri,
    log,
    pickSaveLocation: vscodePickSaveLocation,
    decideWithStudy: (records, baselineId) => late.explore!.decideRuns(records, baselineId),
  });
  const profiles = new ProfilePanels({ extensionUri: context.extensionUri, log });
  context.subscriptions.push(compare, profiles, ...registerProfileCommands({ history, profiles, log }));

  const checker = new TargetChecker({ registry: targets, getConfig, log });
  const savedPresets = new SavedPresets(context.workspaceState);
  const benchmarks = new BenchmarkPanels({
    extensionUri: context.extensionUri,
    workspaceState: context.workspaceState,
    log,
    runs,
    targets,
    checker,
    savedPresets,
  });
  const targetsTree = new TargetsTreeProvider(targets);
  context.subscriptions.push(
    targets,
    statusBar,
    runs,
    benchmarks,
    targetsTree,
    vscode.window.createTreeView('lar-explorer.targets', { treeDataProvider: targetsTree }),
    ...registerTargetCommands({ registry: targets, checker }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('lar-explorer.targets')) void targets.refresh();
    }),
  );

  context.subscriptions.push(...registerCommands({ context, log, models, benchmarks }));
  const historyPrompts: HistoryPrompts = { ...vscodeHistoryPrompts };
  const historyCommands = new HistoryCommands({
    history,
    log,
    prompts: historyPrompts,
    compare: async (entries) => compare.show(await history.readFullAll(entries)),
    rerun: rerunThroughService(runs, targets, log),
  });
  context.subscriptions.push(
    ...historyCommands.register(),
    // The records folder's watcher sees new runs too; this makes our own runs show at once.
    runs.onDidSaveRecord(() => history.scheduleSync()),
  );
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('lar-explorer.models')) void models.refresh();
    }),
  );
  const explorePrompts: ExplorePrompts = { ...vscodeExplorePrompts };
  const explore = (late.explore = new ExplorePanels({
    extensionUri: context.extensionUri,
    workspaceState: context.workspaceState,
    log,
    runs,
    targets,
    studies,
    presets: savedPresets,
  }));
  context.subscriptions.push(
    explore,
    ...registerExploreCommands({
      log,
      models,
      panels: explore,
      studies: studyHistory,
      prompts: explorePrompts,
    }),
  );
  log.info('Load and Run Explorer activated');
  return {
    models,
    history,
    compare,
    profiles,
    historyPrompts,
    runs,
    targets,
    targetsTree,
    benchmarks,
    statusBar,
    studies,
    studyHistory,
    explore,
    savedPresets,
    explorePrompts,
  };
}

/** Set by activate: the runs a closing window must stop (and record) before the host exits. */
let liveRuns: RunService | undefined;

export async function deactivate(): Promise<void> {
  // Everything else is disposed through context.subscriptions. A run in flight is cancelled so it
  // leaves a `cancelled` record and no orphaned load_and_run (it runs in its own process group).
  await liveRuns?.stopAll('cancelled: the VS Code window was closed or reloaded during the run');
}
