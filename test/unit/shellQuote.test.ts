import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { shellJoin, shellQuote } from '../../src/core/shellQuote';

/** What a real POSIX shell makes of a quoted command line: its argv, one per NUL. */
function shellWords(line: string): string[] {
  const out = execFileSync('/bin/sh', ['-c', `for a in ${line}; do printf '%s\\0' "$a"; done`], {
    encoding: 'utf8',
  });
  return out.split('\0').slice(0, -1);
}

describe('shellQuote', () => {
  const nasty = [
    'plain',
    'with space',
    "it's",
    '"double"',
    '$(touch /tmp/should-not-exist)',
    '`id`',
    'a;b',
    '-leading-dash',
    '模型 文件.mge',
    'back\\slash',
    'new\nline',
    '*',
    '',
  ];

  it('leaves safe words alone', () => {
    assert.equal(shellQuote('--fast-run'), '--fast-run');
    assert.equal(shellQuote('data:{1,3,224,224}'), "'data:{1,3,224,224}'");
    assert.equal(shellQuote('models/a.mge'), 'models/a.mge');
  });

  it('quotes the empty string', () => {
    assert.equal(shellQuote(''), "''");
  });

  it('round-trips every nasty argument through a real /bin/sh', () => {
    assert.deepEqual(shellWords(shellJoin(nasty)), nasty);
  });
});
