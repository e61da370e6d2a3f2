/**
 * The load_and_run rules about flags in combination: one device, one layout, fast-run and its
 * cache, global layout transform, kernel record levels, iteration counts. Each rule mirrors an
 * assertion in lite/load_and_run/src/options/*.cpp or what the real build showed (cited inline).
 * validate.ts runs these after checking each flag on its own.
 */

import type { FlagSet, LocalizedText, ValidationIssue } from '../../engine';
import { LAR_DEVICE_FLAGS, LAR_SINGLE_LAYOUT_FLAGS } from './catalog';

export const t = (en: string, zh: string): LocalizedText => ({ en, zh });
const dashed = (names: string[]): string => names.map((n) => `--${n}`).join(', ');

export function issue(
  severity: ValidationIssue['severity'],
  rule: string,
  flags: string[],
  message: LocalizedText,
  fix: LocalizedText,
): ValidationIssue {
  return { severity, rule, flags, message, fix };
}

/** A flag counts as given unless it is absent or a `false` boolean. */
export function given(flags: FlagSet, name: string): boolean {
  return name in flags && flags[name] !== false;
}

/** Push every combination issue of `flags` onto `issues`. */
export function checkLarFlagCombinations(flags: FlagSet, issues: ValidationIssue[]): void {
  const on = (name: string): boolean => given(flags, name);

  // device_options.cpp: one device; core ids only with a multithread device, one id per thread.
  const devices = LAR_DEVICE_FLAGS.filter(on);
  if (devices.length > 1) {
    issues.push(
      issue(
        'error',
        'one-device',
        devices,
        t(`Choose one device; got ${dashed(devices)}.`, `只能选择一个运行设备，当前为 ${dashed(devices)}。`),
        t('Keep one device flag and remove the others.', '只保留一个设备选项，删除其余的。'),
      ),
    );
  }
  if (on('multi-thread-core-ids')) checkCoreIds(flags, issues);

  const layouts = LAR_SINGLE_LAYOUT_FLAGS.filter(on);
  if (layouts.length > 1) {
    issues.push(
      issue(
        'error',
        'one-layout',
        layouts,
        t(
          `Single layout optimisations are exclusive; got ${dashed(layouts)}.`,
          `单一 layout 优化只能选一个，当前为 ${dashed(layouts)}。`,
        ),
        t(
          'Keep one --enable-<layout> flag, or use --layout-transform instead.',
          '只保留一个 --enable-<layout> 选项，或改用 --layout-transform。',
        ),
      ),
    );
  }

  checkFastRun(flags, issues);
  checkLayoutTransform(flags, issues);
  checkRecord(flags, issues);
  checkIterations(flags, issues);

  if (on('wait-gdb')) {
    issues.push(
      issue(
        'warning',
        'wait-gdb-blocks',
        ['wait-gdb'],
        t(
          '--wait-gdb stops the run until a debugger attaches; it will not finish on its own.',
          '--wait-gdb 会一直等待 gdb 挂载，运行不会自行结束。',
        ),
        t('Remove --wait-gdb unless you are going to attach gdb.', '除非要挂载 gdb，否则请删除 --wait-gdb。'),
      ),
    );
  }

  // The GraphProfiler records every kernel's start and end (plugin/impl/profiler.cpp): the run is
  // slower, so its timings stand apart from runs without it.
  for (const name of ['profile', 'profile-host'].filter((n) => typeof flags[n] === 'string' && on(n))) {
    issues.push(
      issue(
        'warning',
        'profile-overhead',
        [name],
        t(
          `--${name} records every operator and slows the run; these times are not comparable with runs without it.`,
          `--${name} 会记录每个算子，拖慢运行；这些时间不能与未开启它的运行直接比较。`,
        ),
        t(
          'Compare timings of runs without profiling; use the profile to see where the time goes.',
          '比较耗时请使用未开启性能分析的运行；性能分析只用于查看时间花在哪里。',
        ),
      ),
    );
  }
}

function checkCoreIds(flags: FlagSet, issues: ValidationIssue[]): void {
  const threadFlag = ['multithread', 'multithread-default'].find((n) => given(flags, n));
  if (!threadFlag) {
    issues.push(
      issue(
        'error',
        'core-ids-need-multithread',
        ['multi-thread-core-ids'],
        t(
          '--multi-thread-core-ids needs --multithread or --multithread-default.',
          '--multi-thread-core-ids 需要与 --multithread 或 --multithread-default 一起使用。',
        ),
        t('Add --multithread N, or remove the core ids.', '请添加 --multithread N，或删除核绑定设置。'),
      ),
    );
    return;
  }
  const ids = String(flags['multi-thread-core-ids']).split(',');
  if (!ids.every((id) => /^\d+$/.test(id.trim()))) {
    issues.push(
      issue(
        'error',
        'core-ids-format',
        ['multi-thread-core-ids'],
        t(
          '--multi-thread-core-ids is a comma list of core numbers, e.g. 4,5,6,7.',
          '--multi-thread-core-ids 应为逗号分隔的核编号，如 4,5,6,7。',
        ),
        t('Write the core numbers separated by commas.', '请用逗号分隔填写核编号。'),
      ),
    );
    return;
  }
  const threads = flags[threadFlag];
  if (typeof threads === 'number' && ids.length !== threads) {
    // device_options.cpp asserts "core ids number should be same with thread number set before".
    issues.push(
      issue(
        'error',
        'core-ids-count',
        ['multi-thread-core-ids', threadFlag],
        t(
          `${ids.length} core ids for ${threads} threads: load_and_run needs one per thread.`,
          `${threads} 个线程却给了 ${ids.length} 个核编号：每个线程需要一个。`,
        ),
        t(
          `Give exactly ${threads} core ids, or change --${threadFlag}.`,
          `请恰好给出 ${threads} 个核编号，或修改 --${threadFlag}。`,
        ),
      ),
    );
  }
}

function checkFastRun(flags: FlagSet, issues: ValidationIssue[]): void {
  const on = (n: string): boolean => given(flags, n);
  const search = on('fast-run') || on('full-run');
  if (on('fast-run') && on('full-run')) {
    issues.push(
      issue(
        'error',
        'fast-or-full-run',
        ['fast-run', 'full-run'],
        t(
          '--fast-run and --full-run are exclusive (the tool silently uses full-run).',
          '--fast-run 与 --full-run 互斥（工具会默默使用 full-run）。',
        ),
        t('Keep one of them.', '请只保留其中一个。'),
      ),
    );
  }
  if (on('binary-equal-between-batch') && !on('reproducible')) {
    issues.push(
      issue(
        'warning',
        'binary-equal-implies-reproducible',
        ['binary-equal-between-batch', 'reproducible'],
        t(
          '--binary-equal-between-batch turns on --reproducible as well.',
          '--binary-equal-between-batch 会同时开启 --reproducible。',
        ),
        t(
          'Add --reproducible so the recorded flags say what ran.',
          '请添加 --reproducible，使记录的选项与实际运行一致。',
        ),
      ),
    );
  }
  if (on('fast-run-algo-policy') && !search) {
    // fastrun_options.cpp: a missing cache file without a search flag aborts (real-logs/49_...).
    issues.push(
      issue(
        'warning',
        'algo-policy-must-exist',
        ['fast-run-algo-policy'],
        t(
          'Without --fast-run/--full-run, --fast-run-algo-policy reads the cache file: it must already exist on the target, or load_and_run aborts ("--fast-run or --full-run should be enabled").',
          '未开启 --fast-run/--full-run 时，--fast-run-algo-policy 会读取缓存文件：该文件必须已存在于目标机器上，否则 load_and_run 会中止（"--fast-run or --full-run should be enabled"）。',
        ),
        t(
          'Create the cache first with --fast-run --fast-run-algo-policy PATH.',
          '请先用 --fast-run --fast-run-algo-policy PATH 生成缓存。',
        ),
      ),
    );
  }
  const shared = flags['fast-run-shared-batch-size'];
  if (typeof shared === 'number' && shared > 0 && !search && !on('fast-run-algo-policy')) {
    issues.push(
      issue(
        'error',
        'shared-batch-needs-fast-run',
        ['fast-run-shared-batch-size'],
        t(
          '--fast-run-shared-batch-size needs --fast-run, --full-run or --fast-run-algo-policy.',
          '--fast-run-shared-batch-size 需要与 --fast-run、--full-run 或 --fast-run-algo-policy 一起使用。',
        ),
        t(
          'Add --fast-run, or remove --fast-run-shared-batch-size.',
          '请添加 --fast-run，或删除 --fast-run-shared-batch-size。',
        ),
      ),
    );
  }
}

function checkLayoutTransform(flags: FlagSet, issues: ValidationIssue[]): void {
  const on = (n: string): boolean => given(flags, n);
  if (on('layout-transform-dump') && !on('layout-transform')) {
    issues.push(
      issue(
        'error',
        'layout-dump-needs-transform',
        ['layout-transform-dump', 'layout-transform'],
        t(
          '--layout-transform-dump writes the transformed graph, so it needs --layout-transform.',
          '--layout-transform-dump 导出的是全局 layout 优化之后的模型，需要同时使用 --layout-transform。',
        ),
        t('Add --layout-transform cpu (or cuda).', '请添加 --layout-transform cpu（或 cuda）。'),
      ),
    );
  }
  const backend = flags['layout-transform'];
  const onCuda = on('cuda');
  if ((backend === 'cuda' && !onCuda) || (backend === 'cpu' && onCuda)) {
    issues.push(
      issue(
        'warning',
        'layout-transform-device',
        ['layout-transform', ...(onCuda ? ['cuda'] : [])],
        t(
          `--layout-transform ${backend} optimises for ${backend === 'cuda' ? 'the GPU' : 'the CPU'}, but the run uses ${onCuda ? 'the GPU' : 'the CPU'}.`,
          `--layout-transform ${backend} 针对 ${backend === 'cuda' ? 'GPU' : 'CPU'} 优化，但运行设备是 ${onCuda ? 'GPU' : 'CPU'}。`,
        ),
        t(
          'Match the backend to the device: --cuda with cuda, a CPU device with cpu.',
          '请使后端与设备一致：--cuda 对应 cuda，CPU 设备对应 cpu。',
        ),
      ),
    );
  }
}

function checkRecord(flags: FlagSet, issues: ValidationIssue[]): void {
  const on = (n: string): boolean => given(flags, n);
  if (!on('record-comp-seq2')) return;
  // optimize_options.cpp asserts `no_sanity_check && !fake_first` for level 2.
  if (!on('no-sanity-check')) {
    issues.push(
      issue(
        'error',
        'record2-needs-no-sanity-check',
        ['record-comp-seq2', 'no-sanity-check'],
        t(
          '--record-comp-seq2 needs --no-sanity-check (load_and_run aborts without it).',
          '--record-comp-seq2 需要 --no-sanity-check（否则 load_and_run 会中止）。',
        ),
        t('Add --no-sanity-check.', '请添加 --no-sanity-check。'),
      ),
    );
  }
  if (on('fake-first')) {
    issues.push(
      issue(
        'error',
        'record2-forbids-fake-first',
        ['record-comp-seq2', 'fake-first'],
        t(
          '--record-comp-seq2 cannot be used with --fake-first (load_and_run aborts).',
          '--record-comp-seq2 不能与 --fake-first 同时使用（load_and_run 会中止）。',
        ),
        t(
          'Remove --fake-first, or use --record-comp-seq (level 1).',
          '请删除 --fake-first，或改用 --record-comp-seq（level 1）。',
        ),
      ),
    );
  }
  if (on('record-comp-seq')) {
    issues.push(
      issue(
        'error',
        'one-record-level',
        ['record-comp-seq', 'record-comp-seq2'],
        t(
          '--record-comp-seq and --record-comp-seq2 are two levels of one setting (level 2 would win).',
          '--record-comp-seq 与 --record-comp-seq2 是同一设置的两个级别（会使用 level 2）。',
        ),
        t('Keep one of them.', '请只保留其中一个。'),
      ),
    );
  }
}

function checkIterations(flags: FlagSet, issues: ValidationIssue[]): void {
  const iter = flags['iter'];
  if (typeof iter === 'number' && Number.isInteger(iter)) {
    if (iter < 1) {
      issues.push(
        issue(
          'error',
          'iter-too-small',
          ['iter'],
          t(
            `--iter ${iter} runs no timed iteration: load_and_run accepts it but prints no result (only "total time: 0.000ms").`,
            `--iter ${iter} 不会执行任何计时推理：load_and_run 接受该值，但不会输出结果（只有 "total time: 0.000ms"）。`,
          ),
          t(
            'Set --iter to 1 or more (10 or more for a useful mean).',
            '请将 --iter 设为 1 以上（建议 10 以上以得到可靠的平均值）。',
          ),
        ),
      );
    } else if (iter === 1) {
      issues.push(
        issue(
          'warning',
          'single-iteration',
          ['iter'],
          t(
            'With --iter 1 the standard deviation is undefined (the tool prints nan).',
            '--iter 1 时标准差无定义（工具会输出 nan）。',
          ),
          t('Use --iter 10 or more.', '请使用 --iter 10 或以上。'),
        ),
      );
    } else if (iter < 10) {
      issues.push(
        issue(
          'warning',
          'few-iterations',
          ['iter'],
          t(
            `${iter} iterations give a weak mean; one slow run moves it a lot.`,
            `${iter} 次迭代得到的平均值不可靠，一次慢的运行就会明显影响结果。`,
          ),
          t('Use --iter 10 or more.', '请使用 --iter 10 或以上。'),
        ),
      );
    }
  }
  const warmup = typeof flags['warmup-iter'] === 'number' ? flags['warmup-iter'] : 1;
  if (given(flags, 'fake-first') && warmup < 2) {
    // The first warm-up is the fake one; with one warm-up the first real run is timed (md §6: a
    // 24 ms outlier among 10 ms runs; real-logs/19_fake_first_warmup2 shows the fix).
    issues.push(
      issue(
        'warning',
        'fake-first-warmup',
        ['fake-first', 'warmup-iter'],
        t(
          `--fake-first makes the first warm-up fake; with --warmup-iter ${warmup} the first real (slow) run lands in the timed iterations.`,
          `--fake-first 使第一次预热为假运行；--warmup-iter ${warmup} 时第一次真实（较慢）的运行会计入计时迭代。`,
        ),
        t(
          'Add --warmup-iter 2 (the guide: warm-up must run at least twice).',
          '请添加 --warmup-iter 2（指南：预热部分需要执行至少两次）。',
        ),
      ),
    );
  }
}
