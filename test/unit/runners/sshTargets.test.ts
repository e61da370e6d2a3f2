import assert from 'node:assert/strict';
import { access, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  destinationProblem,
  destinationProblemText,
  listSshHosts,
  parseDestination,
} from '../../../src/core/runners/sshTargets';

describe('parseDestination', () => {
  it('reads host, user@host and ssh:// URIs', () => {
    assert.deepEqual(parseDestination('board1'), { host: 'board1' });
    assert.deepEqual(parseDestination('pi@192.168.1.20'), { user: 'pi', host: '192.168.1.20' });
    assert.deepEqual(parseDestination('ssh://root@board.local:2222'), {
      user: 'root',
      host: 'board.local',
      port: 2222,
    });
    assert.deepEqual(parseDestination('ssh://[fe80::1]:22'), { host: 'fe80::1', port: 22 });
    assert.deepEqual(parseDestination('ssh://host'), { host: 'host' });
    // The user part may itself hold an @ (e.g. a domain login): the host is after the last one.
    assert.deepEqual(parseDestination('me@corp@gateway'), { user: 'me@corp', host: 'gateway' });
  });

  it('never throws on bad input', () => {
    assert.deepEqual(parseDestination('ssh://'), { host: '' });
    assert.deepEqual(parseDestination(''), { host: '' });
    assert.deepEqual(parseDestination('user@'), { user: 'user', host: '' });
  });
});

describe('destinationProblem', () => {
  it('accepts usable destinations', () => {
    for (const d of ['board1', 'pi@10.0.0.2', 'ssh://root@h:2222'])
      assert.equal(destinationProblem(d), null, d);
  });
  it('explains unusable ones (an option-looking one above all)', () => {
    assert.match(destinationProblem('-oProxyCommand=touch x') ?? '', /starts with "-"/);
    assert.match(destinationProblem('') ?? '', /empty/);
    assert.match(destinationProblem('a b') ?? '', /space/);
    assert.match(destinationProblem('user@') ?? '', /no host/);
    assert.match(destinationProblem('ssh://h:99999') ?? '', /no host|bad port/);
    assert.match(destinationProblem('pi@10.0.0.2:2222') ?? '', /host:port.*ssh:\/\/pi@10\.0\.0\.2:2222/);
    assert.match(destinationProblem('board:22') ?? '', /ssh:\/\/board:22/);
    assert.equal(destinationProblem('fe80::1'), null, 'an IPv6 literal is not host:port');
  });
  it('says the same in Chinese, with the destination and the fix verbatim', () => {
    for (const d of ['', '-oProxyCommand=x', 'a b', 'user@', 'ssh://h:99999', 'pi@10.0.0.2:2222']) {
      const text = destinationProblemText(d)!;
      assert.equal(text.en, destinationProblem(d));
      assert.match(text.zh, /[\u4e00-\u9fff]/, d);
      if (d) assert.ok(text.zh.includes(`“${d}”`), text.zh);
    }
    assert.match(destinationProblemText('pi@10.0.0.2:2222')!.zh, /请写成 ssh:\/\/pi@10\.0\.0\.2:2222/);
    assert.equal(destinationProblemText('board1'), null);
  });
});

describe('listSshHosts', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'lar-sshcfg-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('lists aliases with their HostName, User and Port, skipping wildcards and negations', async () => {
    const cfg = path.join(dir, 'config');
    await mkdir(path.join(dir, 'conf.d'));
    await writeFile(
      path.join(dir, 'conf.d', 'boards.conf'),
      'Host rk3588\n  HostName 192.168.1.50\n  User linaro\n',
    );
    await writeFile(
      cfg,
      [
        '# my boards',
        `Include ${path.join(dir, 'conf.d', '*.conf')}`,
        'Host jetson jetson-alias',
        '  HostName 10.0.0.7',
        '  Port 2222',
        'Host *.lab !bad.lab',
        '  User labuser',
        'Host plain',
        'Match exec "touch ' + path.join(dir, 'executed') + '"',
        '  User never',
        'Host *',
        '  User fallback',
        '',
      ].join('\n'),
    );
    const hosts = await listSshHosts(cfg);
    assert.deepEqual(hosts, [
      { alias: 'rk3588', hostName: '192.168.1.50', user: 'linaro' },
      { alias: 'jetson', hostName: '10.0.0.7', user: 'fallback', port: 2222 },
      { alias: 'jetson-alias', hostName: '10.0.0.7', user: 'fallback', port: 2222 },
      { alias: 'plain', user: 'fallback' },
    ]);
    // Reading a config never runs its Match exec.
    await assert.rejects(access(path.join(dir, 'executed')));
  });

  it('gives an empty list for a missing file', async () => {
    assert.deepEqual(await listSshHosts(path.join(dir, 'nope')), []);
  });
});
