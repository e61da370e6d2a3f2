// Fault 12: unclear messages. Each case asserts the message a person reads and the exit code, and
// that nothing was saved or created.
import assert from 'node:assert/strict';
import { chmod, copyFile, mkdir, open, readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { RecordStore } from '../../src/core/records/recordStore';
import { CliWorkspace, MODEL, STANDIN } from '../unit/cli/cliHarness';

describe('reliability: clear messages', function () {
  this.timeout(30_000);
  let ws: CliWorkspace;
  beforeEach(async () => (ws = await CliWorkspace.create()));
  afterEach(async () => ws.dispose());

  it('a folder given as the binary is called a folder, without chmod advice', async () => {
    await mkdir(join(ws.dir, 'mge-build'));
    const r = await ws.run(['run', '--lar', './mge-build', MODEL]);
    assert.equal(r.code, 1);
    assert.match(r.stdout + r.stderr, /mge-build is a folder, not a program/);
    assert.doesNotMatch(r.stdout + r.stderr, /chmod/);
  });

  it('the same in Chinese under a Chinese locale, in the report and the saved record', async () => {
    await mkdir(join(ws.dir, 'mge-build'));
    const r = await ws.run(['run', '--lar', './mge-build', MODEL, '--save'], {
      env: { LANG: 'zh_CN.UTF-8' },
    });
    assert.equal(r.code, 1);
    assert.match(r.stdout + r.stderr, /mge-build 是文件夹，不是程序。请指向 .*mge-build 里面的程序/);
    assert.match(r.stdout + r.stderr, /请用 --lar/);
  });

  it('a binary for another CPU is named as such, not "not found (exit code 127)"', async () => {
    const bin = join(ws.dir, 'load_and_run_arm64');
    await copyFile(process.execPath, bin);
    const other = process.arch === 'arm64' ? 0x3e : 0xb7;
    const handle = await open(bin, 'r+');
    await handle.write(Buffer.from([other, 0]), 0, 2, 18);
    await handle.close();
    await chmod(bin, 0o755);
    const r = await ws.run(['run', '--lar', bin, MODEL]);
    assert.equal(r.code, 1);
    assert.match(
      r.stdout,
      new RegExp(
        `is built for ${process.arch === 'arm64' ? 'x64' : 'arm64'}; this machine is ${process.arch}`,
      ),
    );
  });

  it('--iter without a value is reported once', async () => {
    const r = await ws.run(['run', '--lar', STANDIN, MODEL, '--', '--iter']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--iter is missing its value/);
    assert.doesNotMatch(r.stderr, /not load_and_run flags/);
  });

  it('an engine flag before "--" gets a hint about "--"', async () => {
    const r = await ws.run(['run', '--lar', STANDIN, MODEL, '--iter', '20']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /unknown option '--iter'/);
    assert.match(r.stderr, /engine flags go after "--": lar-explorer run MODEL \[options\] -- --iter 20/);
  });

  it('parse of a log with no measurements (--help output) warns and exits 1', async () => {
    const r = await ws.run(['parse', join(process.cwd(), 'test/fixtures/real-logs/02_help.out')]);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /no MegEngine load_and_run measurements in .*02_help\.out/);
    const ok = await ws.run(['parse', join(process.cwd(), 'test/fixtures/real-logs/04_defaults.err')]);
    assert.equal(ok.code, 0, ok.stderr);
  });

  it('a zero-byte model is called empty (no ONNX Runtime internals); nothing is saved', async () => {
    await writeFile(join(ws.dir, 'empty.onnx'), '');
    const r = await ws.run(['run', '--save', 'empty.onnx']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /the model empty\.onnx is empty \(0 bytes\)/);
    assert.equal((await RecordStore.forWorkspace(ws.dir).list()).records.length, 0);
  });

  it('a missing --ssh-config file is an error (exit 2), not "no host aliases"', async () => {
    const r = await ws.run(['targets', '--ssh-config', 'no-such-config']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--ssh-config no-such-config: no such file/);
  });

  it('--workspace naming no folder is refused; --save does not create it', async () => {
    const typo = join(ws.dir, 'typo');
    const r = await ws.run(
      ['run', '--lar', STANDIN, '--save', '--workspace', typo, MODEL, '--', '--iter', '2'],
      {
        env: { STANDIN_ITER_MS: '1' },
      },
    );
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--workspace .*typo: no such folder/);
    assert.equal(existsSync(typo), false);
    const l = await ws.run(['list', '--workspace', typo]);
    assert.equal(l.code, 2);
    assert.deepEqual(
      (await readdir(ws.dir)).filter((n) => n === 'typo'),
      [],
    );
  });
});

describe('reliability: a very large model', function () {
  this.timeout(60_000);
  it('says it is hashing, and Ctrl-C during the hash cancels at once with a cancelled record', async () => {
    const ws = await CliWorkspace.create();
    try {
      const big = join(ws.dir, 'big.mge');
      const h = await open(big, 'w');
      await h.truncate(3 * 2 ** 30); // sparse: 3 GB that take no disk
      await h.close();
      const r = await ws.run(['run', '--lar', STANDIN, '--save', 'big.mge', '--', '--iter', '2'], {
        env: { STANDIN_ITER_MS: '1' },
        during: (io) => {
          const poll = setInterval(() => {
            if (io.stderr.includes('hashing the model')) {
              clearInterval(poll);
              io.interrupt();
            }
          }, 5);
        },
      });
      assert.equal(r.code, 130, r.stderr);
      assert.match(r.stderr, /hashing the model for the record \(3\.0 GB\)/);
      const [record] = (await RecordStore.forWorkspace(ws.dir).list()).records;
      assert.equal(record!.status, 'cancelled');
      assert.equal(record!.model.sha256, null, 'the hash ran to the end despite Ctrl-C');
    } finally {
      await ws.dispose();
    }
  });
});
