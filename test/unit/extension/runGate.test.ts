// The extension's run gate and tool resolution, in plain Node (runGate.ts imports no vscode).
import assert from 'node:assert/strict';
import { larEngine } from '../../../src/core/engines/lar/index';
import { ortEngine } from '../../../src/core/engines/onnx/index';
import { programFor, runBlockOf, toolFor } from '../../../src/extension/benchmark/runGate';
import { localTarget, type TargetRef } from '../../../src/extension/targets/targetRef';

const local = localTarget('Local');
const board: TargetRef = {
  kind: 'ssh',
  id: 'ssh:board',
  label: 'board',
  destination: 'me@board',
  source: 'settings',
};

describe('runGate (plain Node)', () => {
  it('blocks in order: trust first, then a workspace, an engine, a program', () => {
    const ok = { trusted: true, workspaceRoot: '/ws', engineId: 'load_and_run', program: '/bin/lar' };
    assert.equal(runBlockOf(ok), null);
    assert.equal(runBlockOf({ ...ok, trusted: false, workspaceRoot: undefined, program: '' }), 'untrusted');
    assert.equal(runBlockOf({ ...ok, workspaceRoot: undefined, engineId: undefined }), 'no-workspace');
    assert.equal(runBlockOf({ ...ok, engineId: undefined, program: undefined }), 'no-engine');
    assert.equal(runBlockOf({ ...ok, program: '   ' }), 'no-program');
  });

  it('an installed binary: the local setting here, the target’s own path (or its name) on a board', () => {
    assert.deepEqual(toolFor(larEngine, local, ' /opt/lar ', '/dist'), {
      program: '/opt/lar',
      argsPrefix: [],
      env: {},
    });
    assert.equal(toolFor(larEngine, local, '  ', '/dist'), undefined, 'nothing set: nothing to run');
    assert.equal(toolFor(larEngine, board, '/opt/lar', '/dist')?.program, 'load_and_run', 'the remote PATH');
    const withPath: TargetRef = { ...board, loadAndRunPath: '/data/lar' } as TargetRef;
    assert.equal(toolFor(larEngine, withPath, '/opt/lar', '/dist')?.program, '/data/lar');
  });

  it('a runner we ship: from dist/, on this machine only', () => {
    const tool = toolFor(ortEngine, local, '', '/ext/dist')!;
    assert.equal(tool.program, process.execPath);
    assert.deepEqual(tool.argsPrefix, ['/ext/dist/ort-runner.js']);
    assert.equal(tool.env.ELECTRON_RUN_AS_NODE, '1');
    assert.equal(toolFor(ortEngine, board, '', '/ext/dist'), undefined);
  });

  it('target checks ask only an installed binary', () => {
    assert.equal(programFor(larEngine, local, '/opt/lar'), '/opt/lar');
    assert.equal(programFor(ortEngine, local, '/opt/lar'), undefined);
  });
});
