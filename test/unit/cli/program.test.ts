import assert from 'node:assert/strict';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { CliWorkspace, MODEL, STANDIN } from './cliHarness';

describe('lar-explorer CLI: help, usage errors, parse', () => {
  let ws: CliWorkspace;
  beforeEach(async () => (ws = await CliWorkspace.create()));
  afterEach(async () => ws.dispose());

  it('prints help for the program and every command, exit 0', async () => {
    const top = await ws.run(['--help']);
    assert.equal(top.code, 0);
    for (const cmd of ['parse', 'run', 'targets', 'list', 'compare', 'export'])
      assert.match(top.stdout, new RegExp(`\\b${cmd}\\b`));
    for (const cmd of ['parse', 'run', 'targets', 'list', 'compare', 'export']) {
      const r = await ws.run([cmd, '--help']);
      assert.equal(r.code, 0, cmd);
      assert.match(r.stdout, new RegExp(`Usage: lar-explorer ${cmd}`));
    }
    const helpCmd = await ws.run(['help', 'compare']);
    assert.equal(helpCmd.code, 0);
    assert.match(helpCmd.stdout, /Usage: lar-explorer compare \[options\] <ids\.\.\.>/);
    const v = await ws.run(['--version']);
    assert.equal(v.code, 0);
    assert.equal(v.stdout.trim(), '0.1.0');
  });

  it('exits 2 on usage errors (unknown command, unknown option, missing argument, no command)', async () => {
    const unknown = await ws.run(['frobnicate']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /unknown command 'frobnicate'/);
    const opt = await ws.run(['list', '--bogus']);
    assert.equal(opt.code, 2);
    assert.match(opt.stderr, /unknown option '--bogus'/);
    const missing = await ws.run(['run']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /missing required argument 'model'/);
    const none = await ws.run([]);
    assert.equal(none.code, 2);
    assert.match(none.stderr, /Usage: lar-explorer/);
    const fmt = await ws.run(['export', '--format', 'xls']);
    assert.equal(fmt.code, 2);
    assert.match(fmt.stderr, /Allowed choices are csv, md, json/);
  });

  it('parse prints the parsed-result JSON of a real log (file and stdin)', async () => {
    const log = resolve('test/fixtures/real-logs/04_defaults.all');
    const r = await ws.run(['parse', log]);
    assert.equal(r.code, 0, r.stderr);
    const parsed = JSON.parse(r.stdout);
    assert.equal(parsed.engine, 'load_and_run');
    assert.match(parsed.tool.megbrain, /^1\.9999\.0/);
    // Values checked by hand against the capture (a merged .all of its own run).
    assert.equal(parsed.phases.loadMs, 7.199);
    assert.equal(parsed.phases.configMs, 0.53);
    assert.deepEqual(parsed.phases.warmupMs, [39.495]);
    assert.equal(parsed.iterations.length, 10);
    assert.equal(parsed.iterations[0].e2eMs, 0.16);
    assert.equal(parsed.iterations[0].hostMs, 0.049);
    assert.equal(parsed.totalMs, 0.975);
    assert.equal(parsed.complete, true);
    const fromStdin = await ws.run(['parse', '-'], { stdin: await readFile(log, 'utf8') });
    assert.equal(fromStdin.code, 0);
    assert.deepEqual(JSON.parse(fromStdin.stdout), parsed);
    const missing = await ws.run(['parse', 'nope.log']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /cannot read log nope\.log: no such file/);
  });

  it('list / compare / export report an unreadable records folder clearly (exit 1)', async () => {
    await mkdir(join(ws.dir, '.lar-explorer'), { recursive: true });
    await writeFile(join(ws.dir, '.lar-explorer', 'runs'), 'not a folder');
    const r = await ws.run(['list']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /cannot read run records folder .*runs/);
  });

  it('run rejects bad input before anything starts (exit 2)', async () => {
    const base = ['run', '--lar', STANDIN, '--save'];
    const noModel = await ws.run([...base, 'missing.mge']);
    assert.equal(noModel.code, 2);
    assert.match(noModel.stderr, /model not found: missing\.mge/);
    const ext = await ws.run([...base, 'x.txt']);
    assert.equal(ext.code, 2);
    assert.match(ext.stderr, /cannot tell which engine runs "x\.txt".*\.mge/);
    const conflict = await ws.run([...base, MODEL, '--', '--fast-run', '--full-run']);
    assert.equal(conflict.code, 2);
    assert.match(conflict.stderr, /^error \(--fast-run, --full-run\): .*\n {2}fix: /m);
    const unknownFlag = await ws.run([...base, MODEL, '--', '--iter', '3', '--warp-speed']);
    assert.equal(unknownFlag.code, 2);
    assert.match(unknownFlag.stderr, /not load_and_run flags: --warp-speed/);
    const extra = await ws.run([...base, MODEL, '--', 'other.mge']);
    assert.equal(extra.code, 2);
    assert.match(extra.stderr, /the model goes before "--"/);
    const timeout = await ws.run([...base, '--timeout', 'soon', MODEL]);
    assert.equal(timeout.code, 2);
    assert.match(timeout.stderr, /--timeout must be a positive number/);
    // Nothing ran, nothing was saved.
    await assert.rejects(readdir(join(ws.dir, '.lar-explorer', 'runs')), /ENOENT/);
  });

  it('targets lists ssh hosts and checks a target (here: local with the stand-in)', async () => {
    await writeFile(
      join(ws.dir, 'ssh_config'),
      'Host board1\n  HostName 10.0.0.7\n  User pi\n  Port 2222\nHost *\n  ServerAliveInterval 30\n',
    );
    const hosts = await ws.run(['targets', '--ssh-config', join(ws.dir, 'ssh_config')]);
    assert.equal(hosts.code, 0, hosts.stderr);
    assert.match(hosts.stdout, /^alias +host +user +port\nboard1 +10\.0\.0\.7 +pi +2222\n$/);
    const checked = await ws.run(['targets', '--check', 'local', '--lar', STANDIN, '--json']);
    assert.equal(checked.code, 0, checked.stderr);
    const c = JSON.parse(checked.stdout);
    assert.equal(c.reachable, true);
    assert.equal(c.larVersion, '1.9999.0');
    assert.ok(c.missingFlags.includes('cuda'));
    assert.ok(!c.missingFlags.includes('fast-run'));
    const badDest = await ws.run(['targets', '--check', '-oProxyCommand=x']);
    assert.equal(badDest.code, 2);
    assert.match(badDest.stderr, /starts with "-"/);
    const noLar = await ws.run(['targets', '--check', 'local', '--lar', join(ws.dir, 'nope')]);
    assert.equal(noLar.code, 1);
    // Core names the missing file; the CLI adds how its users fix it.
    assert.match(noLar.stdout, /problem: +nope was not found at .*\/nope\. Pass --lar/);
    const noLarZh = await ws.run(['targets', '--check', 'local', '--lar', join(ws.dir, 'nope')], {
      env: { LANG: 'zh_CN.UTF-8' },
    });
    assert.equal(noLarZh.code, 1);
    assert.match(noLarZh.stdout, /问题： +在 .*\/nope 找不到 nope。请用 --lar/);
  });

  it('prints validation messages in Chinese under a zh locale', async () => {
    const r = await ws.run(['run', '--lar', STANDIN, MODEL, '--', '--fast-run', '--full-run'], {
      env: { LANG: 'zh_CN.UTF-8' },
    });
    assert.equal(r.code, 2);
    assert.match(r.stderr, /[\u4e00-\u9fff]/);
  });
});
