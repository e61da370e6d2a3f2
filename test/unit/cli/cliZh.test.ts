// `lar-explorer` under a Chinese locale: run, list, compare and export say their own words in
// Chinese (errors with their fixes, headings, verdicts, progress), while exit codes, --json, CSV
// and the records stay as they are in English.
import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describeCliError } from '../../../src/cli/cliErrors';
import { displayWidth } from '../../../src/cli/textTable';
import { ValidationFailedError } from '../../../src/core/benchmark/validationFailed';
import type { ValidationIssue } from '../../../src/core/engine';
import { RecordStore } from '../../../src/core/records/recordStore';
import { pickRun } from '../../../src/core/records/runIds';
import { CliWorkspace, interruptAt, MODEL, STANDIN } from './cliHarness';

const ZH = { LAR_EXPLORER_LANG: 'zh_CN.UTF-8', LAR_EXPLORER_LAR: STANDIN, STANDIN_ITER_MS: '0' };
const EN = { LAR_EXPLORER_LAR: STANDIN, STANDIN_ITER_MS: '0' };

/** The terminal column where `word` starts on `line` (wide characters count two). */
const columnOf = (line: string, word: string): number => {
  const at = line.indexOf(word);
  assert.ok(at >= 0, `${word} not in ${JSON.stringify(line)}`);
  return displayWidth(line.slice(0, at));
};

describe('lar-explorer in Chinese (LAR_EXPLORER_LANG=zh)', function () {
  this.timeout(60_000);
  let ws: CliWorkspace;
  beforeEach(async () => (ws = await CliWorkspace.create()));
  afterEach(async () => ws.dispose());
  const zh = (argv: string[], stdin?: string) => ws.run(argv, { env: ZH, stdin });
  const en = (argv: string[]) => ws.run(argv, { env: EN });

  it('run: each mistake in what was typed is explained in Chinese, exit 2', async () => {
    await writeFile(join(ws.dir, 'empty.mge'), '');
    await mkdir(join(ws.dir, 'folder.mge'));
    await writeFile(join(ws.dir, 'net.onnx'), 'not really a model');
    const cases: Array<[string[], RegExp]> = [
      [['run', 'nope.mge'], /^lar-explorer: 错误：找不到模型：nope\.mge（查找的位置：\/.*nope\.mge）\n$/],
      [['run', 'x.txt'], /错误：无法判断用哪个引擎运行“x\.txt”：模型文件应以 .*\.mge.* 结尾/],
      [['run', 'empty.mge'], /错误：模型 empty\.mge 是空文件（0 字节）/],
      [['run', 'folder.mge'], /错误：模型 folder\.mge 不是文件/],
      [['run', MODEL, '--timeout', 'soon'], /--timeout 须为正的秒数（收到的是“soon”）/],
      [['run', MODEL, '--timeout', '0.0001'], /--timeout 至少为 0\.001 秒（收到的是“0\.0001”）/],
      [['run', MODEL, '--env', 'NOEQUALS'], /--env 的格式为 KEY=VALUE（收到的是“NOEQUALS”）/],
      [['run', MODEL, '--ssh-config', 'cfg'], /--ssh-config 需要和 --target 一起使用/],
      [
        ['run', MODEL, '--', '--iter', '3', '--warp-speed'],
        /不是 load_and_run 的参数：--warp-speed（参见 load_and_run --help；按 "--" 之后的写法书写，例如 --iter 20）/,
      ],
      [['run', 'net.onnx', '--target', 'board1'], /只能用内置的 ONNX Runtime 在本机运行：请去掉 --target/],
      [
        ['run', 'net.onnx', '--lar', STANDIN],
        /--lar 用于 load_and_run 模型；这类模型使用内置的 ONNX Runtime/,
      ],
      [['run', MODEL, '--workspace', 'nowhere'], /--workspace nowhere：没有这个文件夹（\/.*nowhere）/],
      [
        ['run', MODEL, '--target', 'pi@board:2222'],
        /SSH 目标“pi@board:2222”使用了 host:port 写法，ssh 不认识；请写成 ssh:\/\/pi@board:2222/,
      ],
      [['targets', '--check', '-oProxyCommand=x'], /SSH 目标“-oProxyCommand=x”以 "-" 开头/],
    ];
    for (const [argv, expected] of cases) {
      const r = await zh(argv);
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, expected);
      assert.doesNotMatch(r.stderr, /error:/, argv.join(' '));
    }
    // English stays the default, word for word.
    const plain = await ws.run(['run', 'nope.mge']);
    assert.match(
      plain.stderr,
      /^lar-explorer: error: model not found: nope\.mge \(looked at \/.*nope\.mge\)\n$/,
    );
  });

  it('run: validation issues with their fixes, in Chinese', async () => {
    const r = await zh(['run', MODEL, '--', '--fast-run', '--full-run']);
    assert.equal(r.code, 2);
    assert.match(
      r.stderr,
      /^错误（--fast-run, --full-run）：.*[\u4e00-\u9fff].*\n {2}修正：.*[\u4e00-\u9fff]/m,
    );
  });

  it('run: the report, progress line and saved line in Chinese, columns aligned; --json unchanged', async () => {
    const r = await zh(['run', MODEL, '--save', '--progress', 'line', '--', '--iter', '3']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^成功 {2}/);
    const lines = r.stdout.split('\n');
    const header = lines.find((l) => l.startsWith('阶段'))!;
    assert.match(header, /^阶段 +ms +标准差 +中位数 +最小 +最大 +n +CV$/);
    for (const phase of ['加载', '配置', '预热'])
      assert.ok(
        lines.some((l) => l.startsWith(phase)),
        phase,
      );
    const inference = lines.find((l) => l.startsWith('推理'))!;
    // Every cell of the inference row ends where its heading ends: wide characters count two.
    assert.equal(displayWidth(inference), displayWidth(header));
    assert.notEqual(inference.length, header.length);
    assert.match(r.stderr, /迭代 3\/3 {2}\d+\.\d{3} ms/);
    assert.match(r.stderr, /已保存运行 [0-9a-f-]{36}，位置：\/.*\.lar-explorer\/runs\n/);
    assert.doesNotMatch(r.stdout + r.stderr, /phase|median|saved run|\[Kiter|warning|note:|device:/);

    const json = await zh(['run', MODEL, '--json', '--', '--iter', '3']);
    assert.equal(json.code, 0, json.stderr);
    const record = JSON.parse(json.stdout);
    assert.equal(record.status, 'ok');
    // The record says nothing in Chinese (the model's name aside): it is read by programs.
    assert.doesNotMatch(json.stdout.replaceAll('模型', ''), /[\u4e00-\u9fff]/);
  });

  it('run: numbers still shown when the record cannot be saved, the error in Chinese (exit 1)', async () => {
    await mkdir(join(ws.dir, '.lar-explorer'), { recursive: true });
    await writeFile(join(ws.dir, '.lar-explorer', 'runs'), 'a file where the folder should be');
    const r = await zh(['run', MODEL, '--save', '--progress', 'none', '--', '--iter', '3']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^成功 /);
    // The file system's own words (the cause) are kept as they are.
    assert.match(
      r.stderr,
      /^lar-explorer: 错误：运行已结束（成功），但其记录无法保存：cannot create run records folder/m,
    );
  });

  it('run: Ctrl-C is acknowledged in Chinese; the record keeps its English reason (exit 130)', async () => {
    const r = await ws.run(['run', MODEL, '--save', '--env', 'STANDIN_HANG=1', '--', '--iter', '3'], {
      env: ZH,
      during: interruptAt('=== prepare'),
    });
    assert.equal(r.code, 130);
    assert.match(r.stderr, /正在取消（SIGINT）……（再发信号也不会更快：正在清理目标设备）/);
    assert.match(r.stdout, /^已取消 {2}.*\n原因：已被用户取消（Ctrl-C）\n/);
    const list = JSON.parse((await en(['list', '--json'])).stdout);
    assert.equal(list.runs[0].status, 'cancelled');
    const { records } = await RecordStore.forWorkspace(ws.dir).list();
    // The record keeps both: English in `reason`, Chinese in `reasonZh` (as engines' reasons).
    assert.match(records[0]!.reason!, /^cancelled by the user \(Ctrl-C\)/);
    assert.match(records[0]!.reasonZh!, /^已被用户取消（Ctrl-C）/);
  });

  it('run: --timeout stops a hung run, said in Chinese (exit 1)', async () => {
    const r = await zh(['run', MODEL, '--env', 'STANDIN_HANG=1', '--timeout', '0.5', '--', '--iter', '3']);
    assert.equal(r.code, 1);
    assert.match(r.stdout, /^超时 {2}.*\n原因：已停止：运行超出了时间限制（0\.5 s）/);
  });

  it('a run id prefix two runs share is said in Chinese with both candidates', () => {
    const heads = ['abc12345-0000-4000-8000-000000000001', 'abc19999-0000-4000-8000-000000000002'].map(
      (id) => ({ id, startedAt: '2026-01-02T03:04:05.000Z' }),
    );
    let thrown: unknown;
    try {
      pickRun({ heads, problems: [] }, 'abc1', '/ws/.lar-explorer/runs');
    } catch (err) {
      thrown = err;
    }
    assert.equal(
      describeCliError(thrown, 'zh').message,
      '错误：运行 id abc1 不唯一：有 2 个运行与之匹配（abc12345-0000-4000-8000-000000000001 ' +
        '(2026-01-02T03:04:05.000Z), abc19999-0000-4000-8000-000000000002 (2026-01-02T03:04:05.000Z)）；请多输入几个字符',
    );
    assert.match(describeCliError(thrown, 'en').message, /run id abc1 is ambiguous: 2 runs match/);
    assert.equal(describeCliError(thrown, 'zh').exitCode, 2);
  });

  it('a validation failure reaching the top is said from its issues, in each language', () => {
    const issue = (en: string, zh: string): ValidationIssue => ({
      severity: 'error',
      rule: 'r',
      flags: [],
      message: { en, zh },
      fix: { en: 'fix', zh: '修正' },
    });
    const err = new ValidationFailedError([issue('A is wrong.', 'A 不对。'), issue('B too.', 'B 也不对。')]);
    assert.equal(
      describeCliError(err, 'zh').message,
      '错误：这些参数无法运行（2 个问题）：A 不对。B 也不对。',
    );
    assert.equal(describeCliError(err, 'en').message, `error: ${err.message}`);
    assert.equal(describeCliError(err, 'zh').exitCode, 2);
  });

  it('list, compare and export: headings, statuses and verdicts in Chinese; JSON and CSV as in English', async () => {
    const none = await zh(['list']);
    assert.equal(none.code, 0);
    assert.match(none.stderr, /^\/.*\.lar-explorer\/runs 中没有保存的运行\n$/);
    for (const label of ['a', 'b']) {
      const r = await en(['run', MODEL, '--save', '--label', label, '--', '--iter', '3']);
      assert.equal(r.code, 0, r.stderr);
    }

    const list = await zh(['list']);
    assert.equal(list.code, 0, list.stderr);
    const [head, ...rows] = list.stdout.trimEnd().split('\n');
    assert.match(head!, /^id +时间 +状态 +模型 +目标 +平均 ms +标准差 +n +CV +标签 \/ 参数$/);
    assert.equal(rows.length, 2);
    for (const row of rows) {
      assert.equal(columnOf(row, '成功'), columnOf(head!, '状态'));
      // The model name holds wide characters too: the next column still starts under its heading.
      assert.equal(columnOf(row, 'local'), columnOf(head!, '目标'));
    }
    assert.deepEqual(
      JSON.parse((await zh(['list', '--json'])).stdout),
      JSON.parse((await en(['list', '--json'])).stdout),
    );

    const ids = JSON.parse((await en(['list', '--json'])).stdout).runs.map((r: { id: string }) =>
      r.id.slice(0, 8),
    );
    const one = await zh(['compare', ids[0]]);
    assert.equal(one.code, 2);
    assert.match(one.stderr, /错误：compare 至少需要两个不同的运行/);
    // A run id that matches nothing, or two runs: the store's own message, in Chinese.
    const missing = await zh(['compare', ids[0], 'ffffffff']);
    assert.equal(missing.code, 2);
    assert.match(
      missing.stderr,
      /^lar-explorer: 错误：\/.*\.lar-explorer\/runs 中没有 id 为 ffffffff 的运行\n$/,
    );
    const empty = await zh(['compare', ids[0], '']);
    assert.equal(empty.code, 2);
    assert.match(empty.stderr, /错误：运行 id 为空/);
    assert.match((await en(['compare', ids[0], 'ffffffff'])).stderr, /no run with id ffffffff in \//);
    const cmp = await zh(['compare', ...ids]);
    assert.equal(cmp.code, 0, cmp.stderr);
    assert.match(cmp.stdout, /^运行 +id +开始时间 +状态 +目标 +模型 +标签$/m);
    assert.match(cmp.stdout, /^\* 基线$/m);
    assert.match(cmp.stdout, /^阶段 +运行 +ms +Δ ms +比值 +95% 区间 +p +结论$/m);
    assert.match(cmp.stdout, /^推理（平均） +#1 .*基线$/m);
    assert.match(cmp.stdout, /^加载 +#1/m);
    assert.match(cmp.stdout, /更快|更慢|差异不显著|单个值，未检验/);
    assert.match(cmp.stdout, /所有运行使用相同的参数|不同的参数：/);
    assert.doesNotMatch(cmp.stdout, /baseline|verdict|FASTER|SLOWER|no significant/);
    const cmpJson = async (run: typeof zh) => JSON.parse((await run(['compare', ...ids, '--json'])).stdout);
    assert.deepEqual(await cmpJson(zh), await cmpJson(en));

    const inside = await zh(['export', '--out', '.lar-explorer/runs/all.csv']);
    assert.equal(inside.code, 2);
    assert.match(
      inside.stderr,
      /--out \.lar-explorer\/runs\/all\.csv 位于运行记录文件夹 .* 之内：请选择该文件夹之外的文件/,
    );
    const wrote = await zh(['export', '--out', 'runs.csv']);
    assert.equal(wrote.code, 0, wrote.stderr);
    assert.match(wrote.stderr, /^已将 2 个运行写入 \/.*runs\.csv\n$/);
    const again = await zh(['export', '--out', 'runs.csv']);
    assert.equal(again.code, 2);
    assert.match(again.stderr, /runs\.csv 已存在，未覆盖（加 --force 可替换它）/);
    const csv = async (run: typeof zh) => (await run(['export', '--format', 'csv'])).stdout;
    assert.equal(await csv(zh), await csv(en));
  });
});
