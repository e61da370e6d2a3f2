import assert from 'node:assert/strict';
import { classifySshFailure } from '../../../src/core/runners/sshErrors';

// Real texts printed by OpenSSH_9.2p1 (Debian 12) and coreutils, captured from the terminal.
const REAL = {
  authFailed: 'root@127.0.0.1: Permission denied (publickey).\n',
  authFailedPw: 'pi@board.local: Permission denied (publickey,password).\n',
  tooMany:
    'Received disconnect from 10.0.0.5 port 22:2: Too many authentication failures\nDisconnected from 10.0.0.5 port 22\n',
  refused: 'ssh: connect to host 127.0.0.1 port 1: Connection refused\n',
  resolve: 'ssh: Could not resolve hostname nosuchhost.invalid: Name or service not known\n',
  bannerTimeout: 'Connection timed out during banner exchange\n',
  connectTimeout: 'ssh: connect to host 10.255.255.1 port 22: Connection timed out\n',
  noRoute: 'ssh: connect to host 192.168.7.2 port 22: No route to host\n',
  kexReset:
    'kex_exchange_identification: read: Connection reset by peer\nConnection reset by 10.0.0.5 port 22\n',
  hostKeyChanged: [
    '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@',
    '@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @',
    '@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@@',
    'IT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!',
    'Someone could be eavesdropping on you right now (man-in-the-middle attack)!',
    'It is also possible that a host key has just been changed.',
    'The fingerprint for the ED25519 key sent by the remote host is',
    'SHA256:eYpcwjZGd2SydN1hEP8rwyoG6ovoX24bgV5Iw744DTI.',
    'Please contact your system administrator.',
    'Add correct host key in /tmp/exp/kh2 to get rid of this message.',
    'Offending ED25519 key in /tmp/exp/kh2:1',
    '  remove with:',
    '  ssh-keygen -f "/tmp/exp/kh2" -R "[127.0.0.1]:45017"',
    'Host key for [127.0.0.1]:45017 has changed and you have requested strict checking.',
    'Host key verification failed.',
    '',
  ].join('\n'),
  hostKeyUnknown:
    'No ED25519 host key is known for [127.0.0.1]:45017 and you have requested strict checking.\nHost key verification failed.\n',
  diskFull: 'cat: write error: No space left on device\n',
  mkdirDenied: "mkdir: cannot create directory '/opt/lar': Permission denied\n",
  readOnly: "mkdir: cannot create directory '/data/work': Read-only file system\n",
  shNotFound: 'sh: 1: /opt/lar/load_and_run: not found\n',
  bashNoSuchFile: 'bash: line 1: /opt/lar/load_and_run: No such file or directory\n',
  bashDenied: 'bash: line 1: /opt/lar/load_and_run: Permission denied\n',
};

const ssh = (stderr: string) => classifySshFailure(stderr, { destination: 'board', exitCode: 255 });

describe('classifySshFailure', () => {
  it('recognises authentication failures', () => {
    for (const text of [REAL.authFailed, REAL.authFailedPw, REAL.tooMany]) {
      const e = ssh(text);
      assert.equal(e?.code, 'auth-failed', text);
      assert.match(e!.hint, /ssh-copy-id/);
      assert.match(e!.message, /board refused the login/);
    }
  });

  it('recognises unreachable hosts, naming an unresolvable one', () => {
    for (const text of [REAL.refused, REAL.bannerTimeout, REAL.connectTimeout, REAL.noRoute, REAL.kexReset]) {
      assert.equal(ssh(text)?.code, 'host-unreachable', text);
      assert.match(ssh(text)!.message, /board cannot be reached over SSH/);
    }
    const e = ssh(REAL.resolve);
    assert.equal(e?.code, 'host-unreachable');
    assert.match(e!.message, /nosuchhost\.invalid could not be resolved/);
  });

  it('tells a changed host key from an unknown one', () => {
    const changed = ssh(REAL.hostKeyChanged);
    assert.equal(changed?.code, 'host-key-changed');
    assert.match(changed!.message, /has changed/);
    assert.match(changed!.hint, /ssh-keygen -R/);
    const unknown = ssh(REAL.hostKeyUnknown);
    assert.equal(unknown?.code, 'host-key-changed');
    assert.match(unknown!.message, /not trusted yet/);
    assert.match(unknown!.hint, /ssh board/);
  });

  it('recognises a full disk and a denied write, saying what was being done', () => {
    const full = classifySshFailure(REAL.diskFull, {
      destination: 'board',
      exitCode: 1,
      action: 'uploading m.mge',
    });
    assert.equal(full?.code, 'disk-full');
    assert.match(full!.message, /while uploading m\.mge/);
    assert.equal(
      classifySshFailure(REAL.mkdirDenied, { destination: 'board', exitCode: 1 })?.code,
      'permission-denied',
    );
    assert.equal(
      classifySshFailure(REAL.readOnly, { destination: 'board', exitCode: 1 })?.code,
      'permission-denied',
    );
  });

  it('maps shell exit 127/126 for the program to binary-missing / binary-not-executable', () => {
    const ctx = { destination: 'board', program: '/opt/lar/load_and_run' };
    assert.equal(classifySshFailure(REAL.shNotFound, { ...ctx, exitCode: 127 })?.code, 'binary-missing');
    assert.equal(classifySshFailure(REAL.bashNoSuchFile, { ...ctx, exitCode: 127 })?.code, 'binary-missing');
    // "Permission denied" from bash about the program itself: not executable, not a login problem.
    assert.equal(
      classifySshFailure(REAL.bashDenied, { ...ctx, exitCode: 126 })?.code,
      'binary-not-executable',
    );
    // Without a program in question the same words are a permission problem.
    assert.equal(
      classifySshFailure(REAL.bashDenied, { destination: 'board', exitCode: 1 })?.code,
      'permission-denied',
    );
  });

  it('recognises the wrapper’s own messages about the program', () => {
    const missing = classifySshFailure('lar-explorer: no such program: /opt/x/load_and_run\n', {
      destination: 'board',
      exitCode: 127,
      programHint: 'Set the path in the shell’s own words.',
    });
    assert.equal(missing?.code, 'binary-missing');
    assert.match(missing!.message, /\/opt\/x\/load_and_run/);
    assert.equal(missing!.hint, 'Set the path in the shell’s own words.', 'the shell’s hint, passed in');
    const unhinted = classifySshFailure('lar-explorer: no such program: /opt/x/load_and_run\n', {
      destination: 'board',
      exitCode: 127,
    });
    assert.match(unhinted!.hint, /path of the program/, 'a neutral hint when no shell gave one');
    const notExec = classifySshFailure('lar-explorer: not executable: /opt/x/lar\n', {
      destination: 'board',
      exitCode: 126,
    });
    assert.equal(notExec?.code, 'binary-not-executable');
  });

  it('does not read ssh-like words in a program’s output as ssh failures', () => {
    // A program may print "Connection refused" (e.g. a remote service it calls) and exit 1.
    assert.equal(classifySshFailure(REAL.refused, { destination: 'board', exitCode: 1 }), null);
    assert.notEqual(
      classifySshFailure(REAL.authFailed, { destination: 'board', exitCode: 2 })?.code,
      'auth-failed',
    );
    assert.equal(classifySshFailure('', { destination: 'board', exitCode: 0 }), null);
  });

  it('still explains an unknown ssh failure (exit 255) with its last line', () => {
    const e = ssh('some new OpenSSH complaint\nthe last word\n');
    assert.equal(e?.code, 'host-unreachable');
    assert.match(e!.message, /the last word/);
    assert.match(e!.hint, /ssh board/);
  });
});
