import assert from 'node:assert/strict';
import path from 'node:path';
import {
  artifactPathFor,
  flagOf,
  outputName,
  placeDefaultOutputs,
  rewriteArg,
} from '../../../src/core/runners/artifacts';
import { versionOf } from '../../../src/core/runners/targetCheck';

describe('artifacts: flags, rewriting and the default store', () => {
  it('finds the flag that named a file', () => {
    const args = ['m.mge', '--profile', 'p.json', '--io-dump=io.txt', 'x'];
    assert.equal(flagOf({ argIndex: 2, localPath: 'p.json', direction: 'out' }, args), '--profile');
    assert.equal(
      flagOf({ argIndex: 3, localPath: 'io.txt', direction: 'out', prefix: '--io-dump=' }, args),
      '--io-dump',
    );
    assert.equal(flagOf({ argIndex: 0, localPath: 'm.mge', direction: 'in' }, args), undefined);
    assert.equal(
      flagOf({ argIndex: 2, localPath: 'p.json', direction: 'out', flag: '--given' }, args),
      '--given',
    );
  });

  it('rewrites only the path, keeping prefixes and the other parts of a list argument', () => {
    assert.equal(
      rewriteArg(
        'data:/home/u/x.npy',
        { argIndex: 0, localPath: '/home/u/x.npy', direction: 'in', prefix: 'data:' },
        '/r/b/x.npy',
      ),
      'data:/r/b/x.npy',
    );
    const list = 'a:x.npy;b:y.npy';
    const once = rewriteArg(
      list,
      { argIndex: 0, localPath: 'y.npy', direction: 'in', prefix: 'b:' },
      '/r/y.npy',
    );
    assert.equal(once, 'a:x.npy;b:/r/y.npy');
    assert.equal(
      rewriteArg(once, { argIndex: 0, localPath: 'x.npy', direction: 'in', prefix: 'a:' }, '/r/x.npy'),
      'a:/r/x.npy;b:/r/y.npy',
    );
    assert.equal(
      rewriteArg(
        '--profile=p.json',
        { argIndex: 0, localPath: 'p.json', direction: 'out', prefix: '--profile=' },
        '/r/p.json',
      ),
      '--profile=/r/p.json',
    );
  });

  it('keeps store paths one safe segment per part', () => {
    assert.equal(
      artifactPathFor('/s', 'ssh:pi@b:22', '../m.mge', 'a/b'),
      path.join('/s', 'ssh_pi@b_22', '__m.mge', 'a_b'),
    );
    assert.equal(outputName({ argIndex: 1, localPath: '', direction: 'out' }, ['--profile', '']), 'profile');
  });

  it('places outputs with no user path in the store and leaves the rest alone', () => {
    const args = ['m.mge', '--profile', 'prof.json', '--io-dump', 'mine.txt'];
    const files = [
      { argIndex: 0, localPath: 'm.mge', direction: 'in' as const },
      { argIndex: 2, localPath: '', direction: 'out' as const },
      { argIndex: 4, localPath: 'mine.txt', direction: 'out' as const },
    ];
    const placed = placeDefaultOutputs(args, files, { root: '/store', target: 'local', modelKey: 'm.mge' });
    assert.deepEqual(placed.args, [
      'm.mge',
      '--profile',
      '/store/local/m.mge/prof.json',
      '--io-dump',
      'mine.txt',
    ]);
    assert.equal(placed.files[1].localPath, '/store/local/m.mge/prof.json');
    assert.equal(placed.files[1].flag, '--profile');
    assert.equal(placed.files[2], files[2]);
    assert.equal(files[1].localPath, '', 'the input specs are not modified');
  });
});

describe('versionOf', () => {
  it('reads gflags and MegBrain version texts', () => {
    assert.equal(versionOf('load_and_run version 1.9999.0 (test stand-in)\n'), '1.9999.0');
    assert.equal(versionOf('using MegBrain 1.13.2(0) and MegDNN 9.3.0'), '1.13.2');
    assert.equal(versionOf('\nload_and_run\n'), 'load_and_run');
    assert.equal(versionOf(''), undefined);
  });
});
