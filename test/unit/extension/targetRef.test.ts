import assert from 'node:assert/strict';
import {
  localTarget,
  mergeTargets,
  recordTargetOf,
  sshTargetId,
} from '../../../src/extension/targets/targetRef';

describe('targetRef (plain Node)', () => {
  it('settings win over the ssh config for the same name or destination, and keep their settings', () => {
    const targets = mergeTargets(
      [{ alias: 'board', hostName: '10.0.0.2', user: 'me', port: 2222 }, { alias: 'other' }],
      [
        { name: 'board', destination: 'me@10.0.0.2', loadAndRunPath: '/data/lar', env: { A: '1' } },
        { name: '', destination: 'ignored' },
      ],
    );
    assert.deepEqual(
      targets.map((t) => [t.id, t.kind === 'ssh' ? t.source : '']),
      [
        ['ssh:board', 'settings'],
        ['ssh:other', 'ssh-config'],
      ],
    );
    const board = targets[0]!;
    assert.ok(board.kind === 'ssh' && board.loadAndRunPath === '/data/lar' && board.env?.A === '1');
  });

  it('resolves a config alias for tooltips as user@host:port', () => {
    const [t] = mergeTargets([{ alias: 'b', hostName: 'h', user: 'u', port: 22 }], []);
    assert.ok(t!.kind === 'ssh' && t!.resolved === 'u@h:22');
    const [bare] = mergeTargets([{ alias: 'b2' }], []);
    assert.ok(bare!.kind === 'ssh' && bare!.resolved === 'b2');
  });

  it('names targets in records as the runner does', () => {
    assert.equal(recordTargetOf(localTarget('Local')), 'local');
    const [t] = mergeTargets([], [{ name: 'b', destination: ' me@board ' }]);
    assert.equal(recordTargetOf(t!), 'ssh:me@board');
    assert.equal(sshTargetId('b'), 'ssh:b');
  });
});
