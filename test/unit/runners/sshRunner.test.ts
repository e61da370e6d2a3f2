import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startBoard, type TestBoard } from '../../support/sshRemote';

const MODEL = path.resolve(__dirname, '../../../samples/models/mnist_real.mge');
const sha256 = (b: Buffer) => createHash('sha256').update(b).digest('hex');

describe('SshRunner through a real sshd', function () {
  this.timeout(30_000);
  let board: TestBoard;
  before(async () => {
    board = await startBoard();
  });
  after(() => board?.stop());

  it('runs the stand-in remotely, streams its log and uploads the model into the work dir', async () => {
    const model = path.join(board.localDir, 'mnist.mge');
    const bytes = await readFile(MODEL);
    await writeFile(model, bytes);
    const argvLog = path.join(board.remoteRoot, 'argv-basic.jsonl');
    let log = '';
    const runner = board.runner();
    const outcome = await runner.run({
      program: board.remoteLar,
      args: [model, '--iter', '4'],
      env: { STANDIN_ARGV_LOG: argvLog, STANDIN_ITER_MS: '20' },
      files: [{ argIndex: 0, localPath: model, direction: 'in' }],
      onStderr: (t) => (log += t),
    });
    assert.equal(outcome.status, 'exited');
    assert.equal(outcome.exitCode, 0);
    assert.equal(outcome.signal, null);
    assert.equal(outcome.uploadedBytes, bytes.length);
    assert.match(log, /@:88\] iter 3\/4: e2e=/);
    assert.ok(!log.includes('lar-explorer-status'), 'the status trailer never reaches the log');
    const blob = path.join(board.workDir, 'blobs', sha256(bytes), 'mnist.mge');
    assert.deepEqual(await readFile(blob), bytes);
    const argv = JSON.parse((await readFile(argvLog, 'utf8')).trim());
    assert.deepEqual(argv, [blob, '--iter', '4']);
    assert.equal(runner.target, `ssh:${board.sshd.destination}`);
    // Nothing is left in the runs directory.
    assert.deepEqual(await readdir(path.join(board.workDir, 'runs')), []);
  });

  it('does not upload an unchanged model again, and uploads a changed one', async () => {
    const model = path.join(board.localDir, 'again.mge');
    await writeFile(model, await readFile(MODEL));
    const runner = board.runner();
    const req = {
      program: board.remoteLar,
      args: [model, '--iter', '1'],
      files: [{ argIndex: 0, localPath: model, direction: 'in' as const }],
    };
    const first = await runner.run(req);
    assert.ok(first.uploadedBytes > 0);
    const commandsBefore = runner.sshCommandCount;
    const second = await runner.run(req);
    assert.equal(second.exitCode, 0);
    assert.equal(second.uploadedBytes, 0);
    assert.equal(
      runner.sshCommandCount - commandsBefore,
      1,
      'a run with nothing to upload is ONE ssh command',
    );
    // A fresh runner (new process, same board) also finds the blob.
    assert.equal((await board.runner().run(req)).uploadedBytes, 0);
    await appendFile(model, 'changed');
    const changed = await readFile(model);
    const beforeChanged = runner.sshCommandCount;
    const third = await runner.run(req);
    assert.equal(third.uploadedBytes, changed.length);
    // Ask (the wrapper lists what is missing), upload, run.
    assert.equal(runner.sshCommandCount - beforeChanged, 3);
    assert.ok(existsSync(path.join(board.workDir, 'blobs', sha256(changed), 'again.mge')));
  });

  it('passes hostile paths through unchanged and never lets the remote shell execute them', async () => {
    // Each hostile part, if a shell ever ran it, would create ~/<name> (no slash: names stay one path part).
    const name = `lar-canary-${process.pid}-${Date.now()}`;
    const canary = path.join(os.homedir(), name);
    const nastyDir = path.join(
      board.localDir,
      `dir with space 'q' "dq" $(cd;touch ${name}) \`cd;touch ${name}\` ; cd; touch ${name}`,
    );
    const modelName = `-leading dash ;$(cd;touch ${name})模型 é.mge`;
    // Control: a naive shell string really would trip the canary.
    spawnSync('sh', ['-c', `true ${modelName}`]);
    assert.equal(existsSync(canary), true);
    await rm(canary);
    await mkdir(nastyDir, { recursive: true });
    const model = path.join(nastyDir, modelName);
    const input = path.join(nastyDir, `in put $(cd;touch ${name}).npy`);
    const profile = path.join(nastyDir, `prof 'ile' \`cd;touch ${name}\`.json`);
    await writeFile(model, 'model bytes ✓');
    await writeFile(input, 'npy bytes');
    const argvLog = path.join(board.remoteRoot, 'argv-nasty.jsonl');
    const outcome = await board.runner().run({
      program: board.remoteLar,
      args: [model, '--iter', '2', '--input', `data:${input}`, '--profile', profile],
      env: { STANDIN_ARGV_LOG: argvLog, LAR_TEST_VALUE: `$(cd;touch ${name}) \`cd;touch ${name}\`` },
      files: [
        { argIndex: 0, localPath: model, direction: 'in' },
        { argIndex: 4, localPath: input, direction: 'in', prefix: 'data:' },
        { argIndex: 6, localPath: profile, direction: 'out' },
      ],
    });
    assert.equal(outcome.exitCode, 0);
    const [argv] = (await readFile(argvLog, 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as string[]);
    const modelBlob = path.join(board.workDir, 'blobs', sha256(Buffer.from('model bytes ✓')), modelName);
    const inputBlob = path.join(
      board.workDir,
      'blobs',
      sha256(Buffer.from('npy bytes')),
      path.basename(input),
    );
    assert.equal(argv[0], modelBlob);
    assert.equal(argv[4], `data:${inputBlob}`);
    assert.match(argv[6], /\/runs\/[^/]+\/prof 'ile' `cd;touch lar-canary-[\d-]+`\.json$/);
    assert.equal(await readFile(modelBlob, 'utf8'), 'model bytes ✓');
    assert.match(await readFile(profile, 'utf8'), /"profiler"/);
    assert.equal(existsSync(canary), false, 'the remote shell executed part of a path');
  });

  it('brings output files back to the paths their flags name, and inout files both ways', async () => {
    const model = path.join(board.localDir, 'outputs.mge');
    await writeFile(model, await readFile(MODEL));
    const outDir = path.join(board.localDir, 'results');
    const cache = path.join(outDir, 'algo.cache');
    const profile = path.join(outDir, 'profile.json');
    const ltModel = path.join(outDir, 'lt.mge');
    const dumpDir = path.join(outDir, 'bin dump');
    const args = [
      model,
      '--iter',
      '2',
      '--fast-run',
      '--fast-run-algo-policy',
      cache,
      '--profile',
      profile,
      '--layout-transform',
      'cpu',
      '--layout-transform-dump',
      ltModel,
      '--bin-io-dump',
      dumpDir,
    ];
    const runner = board.runner();
    const outcome = await runner.run({
      program: board.remoteLar,
      args,
      files: [
        { argIndex: 0, localPath: model, direction: 'in' },
        { argIndex: 5, localPath: cache, direction: 'inout' },
        { argIndex: 7, localPath: profile, direction: 'out' },
        { argIndex: 11, localPath: ltModel, direction: 'out' },
        { argIndex: 13, localPath: dumpDir, direction: 'outdir' },
      ],
    });
    assert.equal(outcome.exitCode, 0);
    assert.match(await readFile(cache, 'latin1'), /tuned=true/);
    assert.match(await readFile(profile, 'utf8'), /"profiler"/);
    assert.equal((await readFile(ltModel)).subarray(0, 8).toString(), 'LT-DUMP\n');
    assert.deepEqual([...(await readFile(path.join(dumpDir, 'out0')))], [1, 2, 3, 4]);
    const flags = outcome.artifacts.map((a) => a.flag).sort();
    assert.deepEqual(flags, [
      '--bin-io-dump',
      '--fast-run-algo-policy',
      '--layout-transform-dump',
      '--profile',
    ]);
    for (const a of outcome.artifacts) {
      assert.equal(a.target, runner.target);
      assert.ok(Date.parse(a.createdAt) > Date.now() - 60_000);
    }
    assert.equal(
      outcome.artifacts.find((a) => a.flag === '--profile')?.bytes,
      (await readFile(profile)).length,
    );
    assert.deepEqual(await readdir(path.join(board.workDir, 'runs')), []);

    // Reading the cache back (no search flag): it travels up, the stand-in rewrites it, it comes back.
    const cacheBytes = (await readFile(cache)).length;
    const read = await runner.run({
      program: board.remoteLar,
      args: [model, '--iter', '1', '--fast-run-algo-policy', cache],
      files: [
        { argIndex: 0, localPath: model, direction: 'in' },
        { argIndex: 4, localPath: cache, direction: 'inout' },
      ],
    });
    assert.equal(read.exitCode, 0);
    assert.equal(read.uploadedBytes, cacheBytes);
    assert.match(await readFile(cache, 'latin1'), /tuned=false/);
  });

  it('puts outputs with no user path in the local artifact store, keyed by target and model', async () => {
    const model = path.join(board.localDir, 'store.mge');
    await writeFile(model, 'store model');
    const runner = board.runner();
    const outcome = await runner.run({
      program: board.remoteLar,
      args: [model, '--iter', '1', '--profile', 'profile.json'],
      files: [
        { argIndex: 0, localPath: model, direction: 'in' },
        { argIndex: 4, localPath: '', direction: 'out', flag: '--profile' },
      ],
    });
    assert.equal(outcome.exitCode, 0);
    const [artifact] = outcome.artifacts;
    assert.equal(artifact.flag, '--profile');
    assert.equal(
      artifact.localPath,
      path.join(
        board.localDir,
        'artifacts',
        runner.target.replace(/[^A-Za-z0-9._@+-]/g, '_'),
        'store.mge',
        'profile.json',
      ),
    );
    assert.match(await readFile(artifact.localPath, 'utf8'), /"profiler"/);
  });

  it('reports the program exit code, gflags errors and crashes exactly as a local run would', async () => {
    const model = path.join(board.localDir, 'codes.mge');
    await writeFile(model, 'codes');
    const runner = board.runner();
    const files = [{ argIndex: 0, localPath: model, direction: 'in' as const }];
    let err = '';
    const bad = await runner.run({
      program: board.remoteLar,
      args: [model, '--bogus'],
      files,
      onStderr: (t) => (err += t),
    });
    assert.equal(bad.exitCode, 1);
    assert.equal(err, "ERROR: unknown command line flag 'bogus'\n");
    const crash = await runner.run({
      program: board.remoteLar,
      args: [model],
      files,
      env: { STANDIN_CRASH: 'iter:1' },
    });
    assert.equal(crash.exitCode, null);
    assert.equal(crash.signal, 'SIGSEGV');
    assert.equal(crash.status, 'exited');
    const usage = await runner.run({ program: board.remoteLar, args: [] });
    assert.equal(usage.exitCode, 255, 'a program exit 255 is not mistaken for an ssh failure');
  });

  it('accepts an ssh://user@host:port destination', async () => {
    const args = [...board.sshd.sshArgs];
    args.splice(args.indexOf('-p'), 2); // the port comes from the URI
    const runner = board.runner({
      destination: `ssh://${board.sshd.user}@127.0.0.1:${board.sshd.port}`,
      extraSshArgs: args,
      controlDir: path.join(board.localDir, 'ctl-uri'),
    });
    const r = await runner.exec(board.remoteLar, ['--version']);
    assert.equal(r.exitCode, 0);
    assert.match(r.stdout, /^load_and_run version/);
  });

  it('uses a ssh_config file (-F) and its host alias', async () => {
    const runner = board.runner({
      destination: board.sshd.alias,
      sshConfigFile: board.sshd.configFile,
      extraSshArgs: [],
    });
    let out = '';
    const outcome = await runner.run({
      program: board.remoteLar,
      args: ['--version'],
      onStdout: (t) => (out += t),
    });
    assert.equal(outcome.exitCode, 0);
    assert.match(out, /^load_and_run version 1\.9999\.0/);
    assert.equal(runner.target, `ssh:${board.sshd.alias}`);
  });
});
