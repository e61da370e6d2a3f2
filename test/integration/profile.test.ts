import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { recordToJson } from '../../src/core/records/canonicalJson';
import type { RunRecord } from '../../src/core/records/runRecord';
import { mnistRuns, recordPath } from './historyRecords';
import { activateExtension, waitFor, workspaceRoot } from './support';

const repo = () => process.env.LAR_TEST_REPO ?? path.resolve(__dirname, '..', '..', '..');
const abs = (rel: string) => path.join(workspaceRoot().fsPath, rel);
const PROFILE = '.lar-explorer/profiles/it_mnist_profile.json';

function profiled(run: RunRecord, label: string): RunRecord {
  return {
    ...run,
    label,
    flags: { ...run.flags, profile: PROFILE },
    artifacts: [
      { localPath: PROFILE, flag: '--profile', target: 'local', createdAt: run.startedAt, bytes: 1 },
    ],
  };
}

describe('Profile panel (real extension host)', () => {
  const runs = mnistRuns(repo());
  const a = profiled(runs.defaults, 'it profiled a');
  const b = profiled(runs.fastRun, 'it profiled b');
  const plain = runs.nchw88;
  const written: string[] = [];

  before(async () => {
    const api = await activateExtension();
    mkdirSync(abs('.lar-explorer/profiles'), { recursive: true });
    mkdirSync(abs('.lar-explorer/runs'), { recursive: true });
    writeFileSync(
      abs(PROFILE),
      readFileSync(path.join(repo(), 'test/fixtures/profile/lar_mnist_profile.json')),
    );
    written.push(abs(PROFILE));
    for (const r of [a, b, plain]) {
      writeFileSync(abs(recordPath(r)), recordToJson(r));
      written.push(abs(recordPath(r)));
    }
    await api.models.refresh();
    await waitFor('runs listed', () => (api.models.runNode(plain.id) ? true : undefined));
  });

  after(async () => {
    const api = await activateExtension();
    api.profiles.dispose();
    api.compare.dispose();
    for (const f of written) rmSync(f, { force: true });
    await api.history.reload();
  });

  it('opens from "Show Profile" on a profiled run, with the real profile read and formatted', async () => {
    const api = await activateExtension();
    await vscode.commands.executeCommand('lar-explorer.showProfile', api.models.runNode(a.id));
    const panel = api.profiles.current!;
    assert.ok(panel, 'a profile panel is open');
    await panel.loaded;
    assert.equal(panel.error, undefined);
    const model = panel.model!;
    assert.equal(model.operators.length, 21);
    assert.equal(model.operators[0]!.name, 'conv(pooling[15],conv1.weight)[20]');
    assert.equal(model.operators[0]!.msText, '0.044 ms');
    assert.equal(model.types[0]!.type, 'ConvolutionForward');
    assert.match(model.summary, /0\.140 ms/);
  });

  it('checks every webview message: malformed ones are rejected and not acted on', async () => {
    const api = await activateExtension();
    const panel = api.profiles.current!;
    const before = panel.messenger.rejected;
    await panel.messenger.receive({ type: 'openFile', path: '/etc/passwd' });
    await panel.messenger.receive({ type: 'runShell', command: 'rm -rf /' });
    await panel.messenger.receive('ready');
    assert.equal(panel.messenger.rejected, before + 3);
  });

  it('opens no panel for a run without a profile', async () => {
    const api = await activateExtension();
    const open = api.profiles.current;
    await vscode.commands.executeCommand('lar-explorer.showProfile', api.models.runNode(plain.id));
    assert.equal(api.profiles.current, open);
  });

  it('gives the Compare panel an operator diff when both runs have profiles', async () => {
    const api = await activateExtension();
    const na = api.models.runNode(a.id)!;
    const nb = api.models.runNode(b.id)!;
    await vscode.commands.executeCommand('lar-explorer.compareRuns', nb, [nb, na]);
    // The diffs are read after the webview's `ready` (first paint first). Under load the browser may
    // not have painted the panel yet: say `ready` for it, as the Explore tests do (a second `ready`
    // from the page only repeats the init).
    const panel = api.compare.current!;
    await panel.messenger.receive({ type: 'ready' });
    const diffs = await waitFor('the operator diff', async () => {
      const d = await panel.profileDiffs;
      return d.length > 0 ? d : undefined;
    });
    assert.equal(diffs.length, 1);
    // The same profile on both sides: nothing changed, and the diff says so.
    assert.equal(diffs[0]!.total.deltaText, '±0.000 ms');
    assert.ok(diffs[0]!.operators.every((o) => o.match === 'name'));
    const notes = api.compare.current!.model.notes.join('\n');
    assert.doesNotMatch(notes, /profiled runs/);
  });

  it('offers "Show Profile" only on runs with a profile (a contextValue token the menu asks for)', async () => {
    const api = await activateExtension();
    assert.equal(api.models.runNode(a.id)!.treeItem.contextValue, 'run:profile');
    assert.equal(api.models.runNode(plain.id)!.treeItem.contextValue, 'run');
    const menus = vscode.extensions.getExtension('lar-explorer.lar-explorer')!.packageJSON.contributes.menus[
      'view/item/context'
    ] as Array<{ command: string; when: string }>;
    const when = (command: string) => menus.find((m) => m.command === command)!.when;
    const matches = (command: string, contextValue: string) =>
      new RegExp(/viewItem =~ \/(.*?)\/(\s|$)/.exec(when(command))![1]!).test(contextValue);
    assert.equal(matches('lar-explorer.showProfile', 'run:profile'), true);
    assert.equal(matches('lar-explorer.showProfile', 'run-baseline:profile'), true);
    assert.equal(matches('lar-explorer.showProfile', 'run'), false);
    assert.equal(matches('lar-explorer.openRunLog', 'run:profile'), true);
  });
});
