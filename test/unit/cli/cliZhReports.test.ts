// `lar-explorer` under a Chinese locale: parse, targets, profile and explore say their own words in
// Chinese; their JSON and CSV are the English ones, byte for byte.
import assert from 'node:assert/strict';
import { copyFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { displayWidth } from '../../../src/cli/textTable';
import { CliWorkspace, MODEL, STANDIN } from './cliHarness';

const ZH = { LAR_EXPLORER_LANG: 'zh', LAR_EXPLORER_LAR: STANDIN, STANDIN_ITER_MS: '0' };
const EN = { LAR_EXPLORER_LAR: STANDIN, STANDIN_ITER_MS: '0' };
const FIX = resolve('test/fixtures/profile');
const KNOBS = ['STANDIN_ITER_MS=0', 'STANDIN_NOISE=0.03'].flatMap((k) => ['--env', k]);

describe('lar-explorer in Chinese: parse, targets, profile, explore', function () {
  this.timeout(90_000);
  let ws: CliWorkspace;
  beforeEach(async () => (ws = await CliWorkspace.create()));
  afterEach(async () => ws.dispose());
  const zh = (argv: string[], stdin?: string) => ws.run(argv, { env: ZH, stdin });
  const en = (argv: string[]) => ws.run(argv, { env: EN });

  it('parse: unknown engine, unreadable log, a log without numbers', async () => {
    const engine = await zh(['parse', '--engine', 'nope']);
    assert.equal(engine.code, 2);
    assert.match(engine.stderr, /错误：未知的引擎“nope”/);
    const missing = await zh(['parse', 'gone.log']);
    assert.equal(missing.code, 2);
    assert.match(missing.stderr, /错误：无法读取日志 gone\.log：没有这个文件/);
    const folder = await zh(['parse', '.']);
    assert.match(folder.stderr, /无法读取日志 \.：是一个文件夹/);
    const nothing = await zh(['parse', '-'], 'hello\n');
    assert.equal(nothing.code, 1);
    assert.match(
      nothing.stderr,
      /^警告：- 中没有 MegEngine load_and_run 的测量数据（没有加载时间、预热或迭代）：它是一次运行的输出吗？\n$/,
    );
    const fromStdin = await zh(['parse'], 'hello\n');
    assert.match(fromStdin.stderr, /^警告：标准输入 中没有/);
    assert.deepEqual(
      JSON.parse(nothing.stdout),
      JSON.parse((await ws.run(['parse', '-'], { stdin: 'hello\n' })).stdout),
    );
  });

  it('targets: the host table and a check, labels aligned', async () => {
    const noFile = await zh(['targets', '--ssh-config', 'nope_config']);
    assert.equal(noFile.code, 2);
    assert.match(noFile.stderr, /--ssh-config nope_config：没有这个文件/);
    await writeFile(join(ws.dir, 'empty_config'), '# nothing\n');
    const empty = await zh(['targets', '--ssh-config', join(ws.dir, 'empty_config')]);
    assert.match(empty.stderr, /empty_config 中没有主机别名；--target 可以用任何 ssh 目标/);
    await writeFile(join(ws.dir, 'ssh_config'), 'Host 板子1\n  HostName 10.0.0.7\n  User pi\n  Port 2222\n');
    const hosts = await zh(['targets', '--ssh-config', join(ws.dir, 'ssh_config')]);
    assert.equal(hosts.code, 0, hosts.stderr);
    const [head, row] = hosts.stdout.trimEnd().split('\n');
    assert.match(head!, /^别名 +主机 +用户 +端口$/);
    assert.equal(displayWidth(row!), displayWidth(head!)); // the port, right-aligned, ends under 端口

    const check = await zh(['targets', '--check', 'local']);
    assert.equal(check.code, 0, check.stderr);
    assert.match(
      check.stdout,
      /^目标： +local\n可连接： +是\n架构： +\S+\n核心数： +\d+\nload_and_run：.*（版本 1\.9999\.0）\n缺少的参数：/,
    );
    // Values start in one column (load_and_run's label is wider, as in English).
    const starts = check.stdout
      .split('\n')
      .filter((l) => l && !l.startsWith('load_and_run'))
      .map((l) => displayWidth(/^\S+ +/.exec(l)![0]));
    assert.deepEqual([...new Set(starts)], [13]);
    const english = await en(['targets', '--check', 'local']);
    assert.match(english.stdout, /^target: {6}local\nreachable: {3}yes\n/);
    const json = async (run: typeof zh) =>
      JSON.parse((await run(['targets', '--check', 'local', '--json'])).stdout);
    assert.deepEqual(await json(zh), await json(en));
  });

  it('profile: the report, the diff and the mistakes in Chinese; JSON and CSV unchanged', async () => {
    for (const f of [
      'lar_convnet_profile.json',
      'ort_small_cnn_profile.json',
      'ort_small_cnn_noopt_profile.json',
    ])
      await copyFile(join(FIX, f), join(ws.dir, f));
    const one = await zh(['profile', 'lar_convnet_profile.json', '--top', '3']);
    assert.equal(one.code, 0, one.stderr);
    assert.match(
      one.stdout,
      /^lar_convnet_profile\.json：load_and_run，设备时钟，55 个算子，1 次运行\n每次运行共 11\.351 ms（主机 0\.175 ms，设备 11\.351 ms）\n内存：12\.86 MiB（63 块，共享的地址只计一次）\n/,
    );
    assert.match(one.stdout, /^位置 +算子 +类型 +ms\/次 +占比 +标准差 +n +输入 +布局$/m);
    assert.match(one.stdout, /…… 还有 52 个算子（--top 0 显示全部）/);
    const types = await zh(['profile', 'lar_convnet_profile.json', '--by', 'type', '--top', '2']);
    assert.match(types.stdout, /^类型 +算子数 +ms\/次 +占比 +主机 ms +设备 ms$/m);
    assert.match(types.stdout, /…… 还有 \d+ 个类型/);

    const diff = await zh([
      'profile',
      'ort_small_cnn_profile.json',
      '--vs',
      'ort_small_cnn_noopt_profile.json',
    ]);
    assert.equal(diff.code, 0, diff.stderr);
    assert.match(
      diff.stdout,
      /^之前：ort_small_cnn_noopt_profile\.json {2}每次运行 [\d.]+ ms\n之后：ort_small_cnn_profile\.json {2}每次运行 [\d.]+ ms\n差值：[−+]?[\d.]+ ms（×[\d.]+）\n/,
    );
    assert.match(diff.stdout, /差异来自哪里：\n +Δ ms +占差异\n/);
    assert.match(diff.stdout, /^合计 /m);
    assert.match(diff.stdout, /个算子）/);
    assert.match(diff.stdout, /^算子 +类型 +匹配 +之前 ms +之后 ms +Δ ms +比值 +占 Δ +抖动$/m);
    assert.doesNotMatch(diff.stdout, /where the difference|before ms|operators\)/);

    for (const args of [
      ['profile', 'lar_convnet_profile.json', '--json'],
      ['profile', 'lar_convnet_profile.json', '--csv', '--by', 'type'],
      ['profile', 'ort_small_cnn_profile.json', '--vs', 'ort_small_cnn_noopt_profile.json', '--json'],
    ])
      assert.equal((await zh(args)).stdout, (await en(args)).stdout, args.join(' '));

    const cases: Array<[string[], RegExp]> = [
      [['profile', 'lar_convnet_profile.json', '--json', '--csv'], /--json 和 --csv 只能选一个/],
      [['profile', 'lar_convnet_profile.json', '--by', 'kernel'], /--by 只能是 op 或 type，不能是“kernel”/],
      [['profile', 'lar_convnet_profile.json', '--top', 'many'], /--top 须为整数，不能是“many”/],
      [['profile', 'lar_convnet_profile.json', '--warmup-runs', '-1'], /--warmup-runs 须为整数，不能是“-1”/],
      [['profile', 'nothing/here.json'], /没有这个性能分析文件：nothing\/here\.json/],
    ];
    for (const [argv, expected] of cases) {
      const r = await zh(argv);
      assert.equal(r.code, 2, argv.join(' '));
      assert.match(r.stderr, expected);
    }
    const run = await en(['run', MODEL, '--save', '--', '--iter', '3']);
    assert.equal(run.code, 0, run.stderr);
    const id = /saved run ([0-9a-f]{8})/.exec(run.stderr)![1]!;
    const noProfile = await zh(['profile', id]);
    assert.equal(noProfile.code, 2);
    assert.match(noProfile.stderr, new RegExp(`运行 ${id} 没有性能分析数据：请加 --profile FILE 重新运行`));
  });

  it('explore: mistakes in the study options in Chinese, exit 2', async () => {
    const two = ['--candidate', 'a:', '--candidate', 'b: --record-comp-seq'];
    const cases: Array<[string[], RegExp]> = [
      [['explore'], /请给出要探索的模型（或 --resume ID）/],
      [['explore', MODEL, '--resume', 'abc'], /--resume 用于继续已有的实验：不要再给出模型/],
      [['explore', MODEL, '--candidate', 'a: --cpu'], /实验至少需要两个候选（基线和另一个）/],
      [['explore', MODEL, ...two, '--baseline', 'c'], /--baseline c 不是候选（候选有：a, b）/],
      [['explore', MODEL, ...two, '--budget', '5x'], /--budget 须为时长，如 90s、10m 或 1h（收到的是“5x”）/],
      [['explore', MODEL, ...two, '--budget', '0s'], /--budget 必须大于零（收到的是“0s”）/],
      [['explore', MODEL, ...two, '--max-rounds', '0'], /--max-rounds 须为 ≥ 1 的整数（收到的是“0”）/],
      [
        ['explore', MODEL, '--candidates', 'nofile'],
        /--candidates nofile：既不是 guide、presets，也不是可读取的文件（ENOENT）/,
      ],
      [['explore', MODEL, ...two, '--timeout', '-3'], /--timeout 须为正的秒数/],
      // Core's study errors carry their Chinese.
      [
        ['explore', MODEL, ...two, '--objective', 'fast'],
        /优化目标只能是 mean、median、p90 或 cost:N.*（收到的是“fast”）/,
      ],
      [
        ['explore', MODEL, '--candidate', 'nocolon', '--candidate', 'b:'],
        /候选的写法是 "LABEL: FLAGS"（收到的是“nocolon”）/,
      ],
      [
        ['explore', MODEL, '--candidate', '基线: --cpu', '--candidate', 'b:'],
        /候选标签“基线”只能使用字母、数字和/,
      ],
      [
        ['explore', MODEL, '--candidate', 'a: --warp', '--candidate', 'b:'],
        /候选“a”：不是 .*load_and_run 的参数：--warp/,
      ],
      [['explore', MODEL, '--candidate', 'a:', '--candidate', 'a: --cpu'], /有两个候选的标签都是“a”/],
      [['explore', '--resume', 'zzzz'], /中没有实验“zzzz”/],
    ];
    for (const [argv, expected] of cases) {
      const r = await zh(argv);
      assert.equal(r.code, 2, `${argv.join(' ')}: ${r.stderr}`);
      assert.match(r.stderr, expected);
    }
  });

  it('explore: the live lines and the ranked report in Chinese; --json as in English', async () => {
    const argv = ['explore', MODEL, '--candidate', 'defaults:', '--candidate', 'rcs: --record-comp-seq'];
    const opts = ['--max-rounds', '2', '--seed', '5', ...KNOBS, '--', '--cpu', '--iter', '3'];
    const r = await zh([...argv, ...opts]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /^实验 [0-9a-f-]{36}\n/);
    assert.match(r.stderr, /^local：第 1 轮，剩 2 个候选，最佳 \S+/m);
    assert.match(r.stdout, /^实验 [0-9a-f]{8} · .*模型\.mge · 优化目标 mean · 种子 5 · 停止原因：预算用尽\n/);
    assert.match(r.stdout, /^local：2 轮，预算用尽$/m);
    const lines = r.stdout.split('\n');
    const head = lines.find((l) => l.startsWith('#'))!;
    assert.match(head, /^# +候选 +比值 \[95%\] +结论 +轮数 +回本$/);
    const base = lines.find((l) => / defaults /.test(l))!;
    assert.match(base, /×1 +基线 +2$/);
    assert.equal(
      displayWidth(base.slice(0, base.indexOf('基线'))),
      displayWidth(head.slice(0, head.indexOf('结论'))),
    );
    assert.match(r.stdout, /^噪声底：/m);
    assert.match(r.stdout, /^胜出：/m);
    // Core's statistics method is known, so it is said in Chinese too.
    assert.match(r.stdout, /^证据的单位是一次运行：每一轮，/m);
    assert.doesNotMatch(r.stdout, /candidate|verdict|winner|noise floor|never|round/);

    const json = async (run: typeof zh) => {
      const out = JSON.parse((await run([...argv, '--json', ...opts])).stdout);
      // Each study has its own id and times; the rest must not depend on the language.
      return {
        keys: Object.keys(out.study),
        verdicts: out.targets[0].ranking.map((e: { verdict: string }) => e.verdict),
      };
    };
    const [z, e] = [await json(zh), await json(en)];
    assert.deepEqual(z.keys, e.keys);
    assert.ok(
      z.verdicts.every((v: string) => /^[a-z-]+$/.test(v)),
      z.verdicts.join(),
    );
  });
});
