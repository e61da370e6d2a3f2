// Every RunnerError reaches the user in English and Chinese: one real case per code (and per
// message family), built by the code that builds it in use, checked in both languages.
import assert from 'node:assert/strict';
import { chmod, copyFile, mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describeCliError } from '../../../src/cli/cliErrors';
import { cliLanguage } from '../../../src/cli/runReport';
import { localProgramProblem } from '../../../src/core/runners/localRunner';
import { planTransfers } from '../../../src/core/runners/remoteFiles';
import { RunnerError, type RunnerErrorCode } from '../../../src/core/runners/runner';
import { sshMissing } from '../../../src/core/runners/sshConnection';
import { classifyLostRun, classifySshFailure } from '../../../src/core/runners/sshErrors';
import { SshRunner } from '../../../src/core/runners/sshRunner';

const CJK = /[\u4e00-\u9fff]/;
const ssh = (stderr: string, exitCode: number | null, extra = {}) =>
  classifySshFailure(stderr, { destination: 'board1', exitCode, program: '/opt/lar/load_and_run', ...extra });

async function thrown(f: () => unknown): Promise<RunnerError> {
  try {
    await f();
  } catch (e) {
    if (e instanceof RunnerError) return e;
    throw e;
  }
  assert.fail('no RunnerError');
}

describe('RunnerError texts in English and Chinese', () => {
  let dir: string;
  before(async () => (dir = await mkdtemp(path.join(tmpdir(), 'lar-errtext-'))));
  after(() => rm(dir, { recursive: true, force: true }));

  /** code → [error, what both languages must name, English, Chinese] */
  const cases: Array<[string, () => Promise<RunnerError | null>, RunnerErrorCode, RegExp, RegExp, string?]> =
    [
      [
        'local binary missing',
        async () => localProgramProblem(path.join(dir, 'nope')),
        'binary-missing',
        /was not found at/,
        /找不到 nope/,
      ],
      [
        'local folder as binary',
        async () => {
          await mkdir(path.join(dir, 'mge-build'), { recursive: true });
          return localProgramProblem(path.join(dir, 'mge-build'));
        },
        'binary-missing',
        /is a folder, not a program/,
        /是文件夹，不是程序。.*请指向/,
      ],
      [
        'local wrong-CPU binary',
        async () => {
          const bin = path.join(dir, 'lar_other_cpu');
          await copyFile(process.execPath, bin);
          const h = await open(bin, 'r+');
          await h.write(Buffer.from([process.arch === 'arm64' ? 0x3e : 0xb7, 0]), 0, 2, 18);
          await h.close();
          await chmod(bin, 0o755);
          return localProgramProblem(bin);
        },
        'binary-not-executable',
        /is built for .*; this machine is/,
        /是为 .* 编译的；本机是/,
      ],
      [
        'local not executable',
        async () => {
          await writeFile(path.join(dir, 'plain'), 'text');
          return localProgramProblem(path.join(dir, 'plain'));
        },
        'binary-not-executable',
        /is not an executable file/,
        /不是可执行文件.*chmod \+x/,
      ],
      [
        'ssh no such program',
        async () => ssh('lar-explorer: no such program: /opt/lar/load_and_run\n', 127),
        'binary-missing',
        /was not found on board1/,
        /在 board1 上的 \/opt\/lar\/load_and_run 找不到/,
      ],
      [
        'ssh folder',
        async () => ssh('lar-explorer: is a folder: /opt/mge\n', 126),
        'binary-missing',
        /is a folder/,
        /是文件夹/,
      ],
      [
        'ssh not executable',
        async () => ssh('lar-explorer: not executable: /opt/lar/x\n', 126),
        'binary-not-executable',
        /not an executable file/,
        /不是可执行文件/,
      ],
      [
        'ssh host key changed',
        async () =>
          ssh('Host key for [127.0.0.1]:45017 has changed and you have requested strict checking.\n', 255),
        'host-key-changed',
        /has changed/,
        /主机密钥与上次连接时不同/,
      ],
      [
        'ssh host key unknown',
        async () => ssh('Host key verification failed.\n', 255),
        'host-key-changed',
        /not trusted yet/,
        /尚未被信任/,
      ],
      [
        'ssh auth failed',
        async () => ssh('root@127.0.0.1: Permission denied (publickey).\n', 255),
        'auth-failed',
        /refused the login/,
        /拒绝了登录/,
      ],
      [
        'ssh unresolved',
        async () => ssh('ssh: Could not resolve hostname nosuch.invalid: Name or service not known\n', 255),
        'host-unreachable',
        /could not be resolved/,
        /无法解析主机名 nosuch\.invalid/,
      ],
      [
        'ssh refused',
        async () => ssh('ssh: connect to host 127.0.0.1 port 1: Connection refused\n', 255),
        'host-unreachable',
        /cannot be reached/,
        /无法通过 SSH 连接 board1/,
      ],
      [
        'ssh other failure',
        async () => ssh('something odd\n', 255),
        'host-unreachable',
        /ssh to board1 failed: something odd/,
        /ssh 连接 board1 失败：something odd/,
      ],
      [
        'lost link',
        async () =>
          classifyLostRun('client_loop: send disconnect: Broken pipe\n', {
            destination: 'board1',
            exitCode: 255,
          }),
        'host-unreachable',
        /was lost during the run/,
        /运行期间与 board1 的 SSH 连接断开了/,
      ],
      [
        'disk full',
        async () =>
          ssh('cat: write error: No space left on device\n', 1, {
            action: 'uploading m.mge',
            actionZh: '上传 m.mge',
          }),
        'disk-full',
        /disk of board1 is full \(while uploading m\.mge\)/,
        /board1 的磁盘已满（上传 m\.mge时）/,
      ],
      [
        'permission denied',
        async () => ssh("mkdir: cannot create directory '/opt/lar': Permission denied\n", 1),
        'permission-denied',
        /Permission denied on board1/,
        /在 board1 上权限不足/,
      ],
      [
        'input unreadable',
        async () =>
          thrown(() =>
            planTransfers(['x.mge'], [{ argIndex: 0, localPath: path.join(dir, 'x.mge'), direction: 'in' }], {
              workDir: '/w',
              runDir: '/w/runs/r',
              localCwd: dir,
            }),
          ),
        'transfer-failed',
        /cannot be read/,
        /无法读取输入文件/,
      ],
      [
        'bad env name',
        async () => thrown(() => new SshRunner({ destination: 'board1', env: { 'A-B': '1' } })),
        'spawn-failed',
        /not a valid environment variable name/,
        /不是有效的环境变量名/,
      ],
      [
        'bad destination',
        async () => thrown(() => new SshRunner({ destination: '-oProxyCommand=x' })),
        'host-unreachable',
        /starts with "-"/,
        /SSH 目标地址无效/,
      ],
      [
        'ssh client missing',
        async () => sshMissing(),
        'spawn-failed',
        /OpenSSH client \(ssh\) was not found/,
        /找不到 OpenSSH 客户端/,
      ],
    ];

  for (const [what, make, code, en, zh] of cases) {
    it(`${what}: ${code}, en and zh`, async () => {
      const err = await make();
      assert.ok(err instanceof RunnerError);
      assert.equal(err.code, code);
      assert.match(`${err.message} ${err.hint}`, en);
      assert.doesNotMatch(`${err.message} ${err.hint}`, CJK, 'the English text has no Chinese');
      const t = err.textIn('zh');
      assert.match(`${t.message}${t.hint}`, zh);
      assert.ok(CJK.test(t.message) && CJK.test(t.hint), 'message and hint are both in Chinese');
      assert.deepEqual(err.textIn('en'), { message: err.message, hint: err.hint });
    });
  }

  it('covers every code', async () => {
    const codes = new Set(cases.map((c) => c[2]));
    assert.deepEqual([...codes].sort(), [
      'auth-failed',
      'binary-missing',
      'binary-not-executable',
      'disk-full',
      'host-key-changed',
      'host-unreachable',
      'permission-denied',
      'spawn-failed',
      'transfer-failed',
    ]);
  });

  it('a shell hint given in both languages is used in each', async () => {
    const err = await localProgramProblem(path.join(dir, 'gone'), { en: 'Pass --lar.', zh: '请用 --lar。' });
    assert.equal(err?.hint, 'Pass --lar.');
    assert.equal(err?.zh.hint, '请用 --lar。');
  });

  it('the CLI prints it in the language of $LAR_EXPLORER_LANG / $LANG', () => {
    const err = sshMissing();
    assert.match(
      describeCliError(err, cliLanguage({ LANG: 'zh_CN.UTF-8' })).message,
      /^错误：本机上找不到 OpenSSH 客户端（ssh）。\n提示：请安装/,
    );
    assert.match(
      describeCliError(err, cliLanguage({ LAR_EXPLORER_LANG: 'en', LANG: 'zh_CN.UTF-8' })).message,
      /^error: The OpenSSH client/,
    );
    assert.equal(describeCliError(err, 'zh').exitCode, 1);
  });
});
