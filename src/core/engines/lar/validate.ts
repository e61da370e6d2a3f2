/**
 * Checks a load_and_run FlagSet before a run: what the tool would reject or crash on (errors) and
 * what would run but mislead (warnings). Each rule has a stable id, the flags involved, and a
 * message and a fix in English and Chinese. Pure: no file system, no process.
 * Rules mirror lite/load_and_run/src/options/*.cpp (cited per rule) and what the real build showed.
 */

import type { FlagSet, FlagSpec, FlagValue, TargetTraits, ValidationIssue } from '../../engine';
import { larFlag, UINT64_MAX } from './catalog';
import { checkLarFlagCombinations, given, issue, t } from './flagRules';

type Platform = 'arm' | 'x86' | 'cuda';

export interface LarRunContext {
  /** The model carries an embedded test case (inputs stored in the dump). */
  modelHasTestcase?: boolean;
  target?: TargetTraits;
}

/** Validate the flags of one run, optionally against what is known of the target. */
export function validateLarFlags(flags: FlagSet, target?: TargetTraits): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const on = (name: string): boolean => given(flags, name);

  for (const [name, value] of Object.entries(flags)) {
    const spec = larFlag(name);
    if (!spec || spec.name !== name) {
      issues.push(
        issue(
          'error',
          'unknown-flag',
          [name],
          t(`load_and_run has no flag --${name}.`, `load_and_run 没有 --${name} 选项。`),
          spec
            ? t(`Write it as --${spec.name}.`, `请写作 --${spec.name}。`)
            : t(
                'Remove it, or check the spelling against load_and_run --help.',
                '请删除，或对照 load_and_run --help 检查拼写。',
              ),
        ),
      );
      continue;
    }
    const bad = checkValue(spec, value);
    if (bad) issues.push(bad);
    if (target?.supportedFlags && on(name) && !target.supportedFlags.has(name)) {
      issues.push(
        issue(
          'error',
          'unsupported-flag',
          [name],
          t(`This build of load_and_run lacks --${name}.`, `目标上的 load_and_run 版本不支持 --${name}。`),
          t(
            'Remove it, or use a load_and_run built with it (e.g. a CUDA build).',
            '请删除，或使用包含该选项的 load_and_run 版本（如 CUDA 版本）。',
          ),
        ),
      );
    }
  }

  checkLarFlagCombinations(flags, issues);
  if (target) checkTarget(flags, target, issues);
  return issues;
}

/** `validateLarFlags` plus the rules that need to know the model. */
export function validateLarRun(flags: FlagSet, context: LarRunContext = {}): ValidationIssue[] {
  const issues = validateLarFlags(flags, context.target);
  if (context.modelHasTestcase && given(flags, 'layout-transform-dump')) {
    // Seen on the real build: real-logs/17_run_dumped_lt_model (assertion `nr == size`) vs 55/56.
    issues.push(
      issue(
        'warning',
        'layout-dump-with-testcase',
        ['layout-transform-dump'],
        t(
          'This model carries an embedded test case: the model --layout-transform-dump writes from it fails to load (assertion `nr == size`).',
          '该模型内嵌了测试用例：用 --layout-transform-dump 导出的模型将无法加载（assertion `nr == size`）。',
        ),
        t(
          'Dump from a model without a test case and give its data with --input.',
          '请使用不带测试用例的模型导出，并用 --input 提供输入数据。',
        ),
      ),
    );
  }
  return issues;
}

function checkValue(spec: FlagSpec, value: FlagValue): ValidationIssue | null {
  const name = spec.name;
  const bad = (en: string, zh: string, fixEn: string, fixZh: string): ValidationIssue =>
    issue('error', 'bad-value', [name], t(en, zh), t(fixEn, fixZh));

  switch (spec.kind) {
    case 'bool':
      return typeof value === 'boolean'
        ? null
        : bad(
            `--${name} is a switch; it takes no value (got '${String(value)}').`,
            `--${name} 是开关选项，不接受取值（当前为 '${String(value)}'）。`,
            'Turn it on or off.',
            '请直接开启或关闭。',
          );
    case 'int':
    case 'uint': {
      const n = integerOf(value, spec.kind === 'uint');
      if (n === null) {
        const what = spec.kind === 'uint' ? 'a non-negative integer' : 'an integer';
        return bad(
          `--${name} needs ${what}, not '${String(value)}'.`,
          `--${name} 需要整数，而不是 '${String(value)}'。`,
          `Give ${what}.`,
          '请填写整数。',
        );
      }
      // load_and_run's int flags are gflags int32 (help: `type: int32`): a larger value is refused
      // by gflags or wraps, so it is checked for every int flag, --iter included.
      if (spec.kind === 'int' && (n < INT32_MIN || n > INT32_MAX)) {
        return issue(
          'error',
          'range',
          [name],
          t(
            `--${name} is a 32-bit integer in load_and_run: ${String(value)} is out of range (${INT32_MIN} to ${INT32_MAX}).`,
            `--${name} 在 load_and_run 中是 32 位整数：${String(value)} 超出范围（${INT32_MIN} 到 ${INT32_MAX}）。`,
          ),
          t(
            `Give --${name} a value of at most ${INT32_MAX}.`,
            `请将 --${name} 设为不大于 ${INT32_MAX} 的值。`,
          ),
        );
      }
      // Explained separately, with what the tool does at 0 (real-logs/43_iter0).
      if (name === 'iter') return null;
      return rangeIssue(spec, n);
    }
    case 'float': {
      const n = typeof value === 'number' ? value : Number.NaN;
      if (!Number.isFinite(n)) {
        return bad(
          `--${name} needs a number, not '${String(value)}'.`,
          `--${name} 需要数字，而不是 '${String(value)}'。`,
          'Give a number.',
          '请填写数字。',
        );
      }
      return rangeIssue(spec, n);
    }
    case 'enum': {
      const values = spec.values ?? [];
      if (typeof value === 'string' && values.includes(value)) return null;
      return issue(
        'error',
        'enum-value',
        [name],
        t(
          `--${name} takes ${values.join(' | ')}, not '${String(value)}'.`,
          `--${name} 只接受 ${values.join(' | ')}，而不是 '${String(value)}'。`,
        ),
        t(`Choose one of ${values.join(', ')}.`, `请从 ${values.join('、')} 中选择。`),
      );
    }
    default:
      if (typeof value === 'boolean') {
        return bad(
          `--${name} needs a value.`,
          `--${name} 需要一个取值。`,
          'Give a value or remove the flag.',
          '请填写取值或删除该选项。',
        );
      }
      if (String(value) === '') {
        return issue(
          'warning',
          'empty-value',
          [name],
          t(
            `--${name} is empty; load_and_run treats it as not given.`,
            `--${name} 为空，load_and_run 会视为未设置。`,
          ),
          t('Give a value or remove the flag.', '请填写取值或删除该选项。'),
        );
      }
      return null;
  }
}

/** An integer from a number or digit text; uint64 values beyond JS numbers are compared as BigInt. */
/** gflags `int32` bounds. */
const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

function integerOf(value: FlagValue, unsigned: boolean): number | null {
  if (typeof value === 'number') return Number.isInteger(value) && (!unsigned || value >= 0) ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!(unsigned ? /^\d+$/ : /^[+-]?\d+$/).test(text)) return null;
  if (unsigned && BigInt(text) > BigInt(UINT64_MAX)) return null;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : Number.MAX_SAFE_INTEGER;
}

function rangeIssue(spec: FlagSpec, n: number): ValidationIssue | null {
  const below = spec.min !== undefined && n < spec.min;
  const above = spec.max !== undefined && n > spec.max;
  if (!below && !above) return null;
  const bound = below ? `at least ${spec.min}` : `at most ${spec.max}`;
  const boundZh = below ? `不小于 ${spec.min}` : `不大于 ${spec.max}`;
  return issue(
    'error',
    'range',
    [spec.name],
    t(`--${spec.name} must be ${bound} (got ${n}).`, `--${spec.name} 必须${boundZh}（当前为 ${n}）。`),
    t(`Set --${spec.name} to ${bound}.`, `请将 --${spec.name} 设为${boundZh}的值。`),
  );
}

/** Flags that cannot run at all without a CUDA device. */
const NEEDS_CUDA = ['cuda', 'tensorrt', 'tensorrt-cache'];

function checkTarget(flags: FlagSet, target: TargetTraits, issues: ValidationIssue[]): void {
  const platform = archPlatform(target.arch);
  for (const name of Object.keys(flags)) {
    const spec = larFlag(name);
    if (!spec || spec.name !== name || !given(flags, name)) continue;
    if (
      target.hasCuda === false &&
      (NEEDS_CUDA.includes(name) || (name === 'layout-transform' && flags[name] === 'cuda'))
    ) {
      issues.push(
        issue(
          'error',
          'needs-cuda',
          [name],
          t(
            `--${name} needs an NVIDIA GPU, and this target has none.`,
            `--${name} 需要 NVIDIA GPU，但目标机器没有。`,
          ),
          t('Remove it, or run on a target with CUDA.', '请删除，或在有 CUDA 的目标机器上运行。'),
        ),
      );
      continue;
    }
    if (!spec.platforms || NEEDS_CUDA.includes(name)) continue;
    // Unknown arch: CPU hints cannot be judged; CUDA hints only when the target surely lacks CUDA.
    const fits = spec.platforms.some((p) =>
      p === 'cuda' ? target.hasCuda !== false : platform === null || p === platform,
    );
    if (fits) continue;
    const where = `${target.arch ?? '?'}${target.hasCuda === false ? ', no CUDA' : ''}`;
    const whereZh = `${target.arch ?? '?'}${target.hasCuda === false ? '，无 CUDA' : ''}`;
    issues.push(
      issue(
        'warning',
        'platform-mismatch',
        [name],
        t(
          `--${name} is meant for ${spec.platformHint?.en ?? spec.platforms.join('/')}; this target is ${where}.`,
          `--${name} 适用于 ${spec.platformHint?.zh ?? spec.platforms.join('/')}；目标机器为 ${whereZh}。`,
        ),
        t(
          'Remove it for this target, or compare a run with and without it: a wrong-platform layout can be much slower.',
          '请对该目标删除此选项，或对比开启与不开启的结果：不匹配平台的 layout 可能会慢很多。',
        ),
      ),
    );
  }
}

/** `uname -m` → platform; null when unknown. */
export function archPlatform(arch: string | undefined): Platform | null {
  if (!arch) return null;
  const a = arch.toLowerCase();
  if (/^(x86_64|amd64|x64|i[3-6]86|x86)$/.test(a)) return 'x86';
  if (/^(aarch64|arm64|armv[5-9].*|arm.*)$/.test(a)) return 'arm';
  return null;
}
