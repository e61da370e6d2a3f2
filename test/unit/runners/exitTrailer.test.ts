import assert from 'node:assert/strict';
import { ExitTrailerFilter, parseTrailer } from '../../../src/core/runners/exitTrailer';

const MARK = '\u001elar-explorer-status:0123abcd';

function feed(chunks: string[]) {
  const seen: string[] = [];
  const f = new ExitTrailerFilter(MARK, (t) => seen.push(t));
  for (const c of chunks) f.push(c);
  return { status: f.end(), text: seen.join(''), seen };
}

describe('ExitTrailerFilter', () => {
  const log = '[24 02:48:19 @:88] iter 0/10: e2e=0.139 ms (host=0.034 ms)\n';

  it('passes the program text on and parses the trailer', () => {
    const r = feed([log, `${MARK} exit 3\n`]);
    assert.equal(r.text, log);
    assert.deepEqual(r.status, { kind: 'exit', code: 3 });
  });

  it('finds the trailer at every split point, keeping the text byte for byte', () => {
    const whole = `${log}no newline at end${MARK} signal SEGV\n`;
    for (let i = 0; i <= whole.length; i++) {
      for (const j of [i, Math.min(whole.length, i + 7)]) {
        const r = feed([whole.slice(0, i), whole.slice(i, j), whole.slice(j)]);
        assert.equal(r.text, `${log}no newline at end`, `split at ${i}/${j}`);
        assert.deepEqual(r.status, { kind: 'signal', signal: 'SIGSEGV' });
      }
    }
  });

  it('holds back only a possible mark prefix, and releases it when it is not one', () => {
    const seen: string[] = [];
    const f = new ExitTrailerFilter(MARK, (t) => seen.push(t));
    f.push('abc\u001elar-ex');
    assert.deepEqual(seen, ['abc']);
    f.push('tra text');
    assert.equal(seen.join(''), 'abc\u001elar-extra text');
    assert.equal(f.end(), null);
  });

  it('returns null when no trailer came (the link dropped)', () => {
    const r = feed([log, log.slice(0, 10)]);
    assert.equal(r.text, log + log.slice(0, 10));
    assert.equal(r.status, null);
  });

  it('ignores a fake mark without the nonce', () => {
    const r = feed(['\u001elar-explorer-status:ffff exit 0\n', `${MARK} exit 1\n`]);
    assert.equal(r.text, '\u001elar-explorer-status:ffff exit 0\n');
    assert.deepEqual(r.status, { kind: 'exit', code: 1 });
  });
});

describe('parseTrailer', () => {
  it('reads every status the wrapper prints', () => {
    assert.deepEqual(parseTrailer(' exit 0\n'), { kind: 'exit', code: 0 });
    assert.deepEqual(parseTrailer(' signal TERM\n'), { kind: 'signal', signal: 'SIGTERM' });
    assert.deepEqual(parseTrailer(' need 0 2\n'), { kind: 'need', indexes: [0, 2] });
    assert.deepEqual(parseTrailer(' missing\n'), { kind: 'missing' });
    assert.deepEqual(parseTrailer(' notexec\n'), { kind: 'notexec' });
    assert.deepEqual(parseTrailer(' setup-failed\n'), { kind: 'setup-failed' });
  });

  it('gives null for anything else, without throwing', () => {
    assert.equal(parseTrailer(''), null);
    assert.equal(parseTrailer(' exit x'), null);
    assert.equal(parseTrailer(' bogus'), null);
    assert.equal(parseTrailer(' signal'), null);
  });
});
