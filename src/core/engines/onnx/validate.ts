/**
 * Validation of an ONNX Runtime flag set before anything runs: types, ranges and enum values from
 * the catalogue, the grammars of `--input` and `--free-dimension-override`, and warnings for
 * choices that make a benchmark mislead (few iterations, no warm-up, profiling overhead, thread
 * settings ONNX Runtime ignores). Each issue names its flags and says how to fix it, in English and
 * Simplified Chinese. Pure: no file system (whether the files exist is the runner's business).
 */
import type { FlagSet, FlagSpec, TargetTraits, ValidationIssue } from '../../engine';
import { ORT_CATALOG } from './catalog';
import { parseFreeDimensionOverride, parseInputSpec } from './inputSpec';

const issue = (
  severity: ValidationIssue['severity'],
  rule: string,
  flags: string[],
  message: ValidationIssue['message'],
  fix: ValidationIssue['fix'],
): ValidationIssue => ({ severity, rule, flags, message, fix });

/** Below this many timed runs the mean and its confidence interval are weak (same threshold as load_and_run's). */
export const ORT_MIN_SOUND_ITER = 10;

export function validateOrtFlags(flags: FlagSet, target?: TargetTraits): ValidationIssue[] {
  const out: ValidationIssue[] = [];
  for (const [name, value] of Object.entries(flags)) {
    const spec = ORT_CATALOG.flags.find((f) => f.name === name);
    if (!spec) {
      out.push(
        issue(
          'error',
          'unknown-flag',
          [name],
          {
            en: `--${name} is not an ONNX Runtime runner flag.`,
            zh: `--${name} 不是 ONNX Runtime 运行器的参数。`,
          },
          {
            en: 'Remove it, or pick a flag from the ONNX Runtime list.',
            zh: '删除它，或从 ONNX Runtime 参数列表中选择。',
          },
        ),
      );
      continue;
    }
    const typeIssue = checkValue(spec, value);
    if (typeIssue) out.push(typeIssue);
  }

  const mode = flags['execution-mode'] ?? 'sequential';
  const inter = typeof flags['inter-op-threads'] === 'number' ? flags['inter-op-threads'] : 0;
  if (mode === 'parallel' && inter === 0) {
    out.push(
      issue(
        'warning',
        'parallel-default-inter-threads',
        ['execution-mode', 'inter-op-threads'],
        {
          en: 'execution-mode parallel with inter-op-threads 0 lets ONNX Runtime size the inter-op pool itself (one per core), competing with the intra-op threads.',
          zh: 'execution-mode parallel 且 inter-op-threads 为 0 时，ONNX Runtime 自行决定算子间线程池大小（每核一个），会与算子内线程争用 CPU。',
        },
        {
          en: 'Set inter-op-threads explicitly (e.g. 2) so you know what you measure.',
          zh: '显式设置 inter-op-threads（如 2），明确测量的是什么配置。',
        },
      ),
    );
  }
  if (mode !== 'parallel' && inter > 0) {
    out.push(
      issue(
        'warning',
        'inter-threads-ignored',
        ['inter-op-threads', 'execution-mode'],
        {
          en: 'inter-op-threads is ignored in sequential execution mode.',
          zh: '顺序执行模式下 inter-op-threads 不起作用。',
        },
        {
          en: 'Add --execution-mode parallel, or remove --inter-op-threads.',
          zh: '加上 --execution-mode parallel，或删除 --inter-op-threads。',
        },
      ),
    );
  }

  const iter = flags['iter'];
  if (typeof iter === 'number' && iter >= 1 && iter < ORT_MIN_SOUND_ITER) {
    out.push(
      issue(
        'warning',
        'few-iterations',
        ['iter'],
        {
          en: `--iter ${iter} gives a weak mean: fewer than ${ORT_MIN_SOUND_ITER} timed runs make the spread and confidence interval unreliable.`,
          zh: `--iter ${iter} 得到的平均值不可靠：少于 ${ORT_MIN_SOUND_ITER} 次计时运行时，离散度和置信区间都不可信。`,
        },
        { en: `Use --iter ${ORT_MIN_SOUND_ITER} or more.`, zh: `使用 --iter ${ORT_MIN_SOUND_ITER} 或更多。` },
      ),
    );
  }
  if (flags['warmup-iter'] === 0) {
    out.push(
      issue(
        'warning',
        'no-warmup',
        ['warmup-iter'],
        {
          en: 'With --warmup-iter 0 the first timed run pays one-off costs (buffer allocation, memory-pattern planning) and inflates the mean.',
          zh: '--warmup-iter 0 时，第一次计时运行要承担一次性开销（分配缓冲区、规划内存模式），会拉高平均值。',
        },
        { en: 'Keep at least one warm-up run.', zh: '至少保留一次预热。' },
      ),
    );
  }

  const profile = flags['profile'];
  if (typeof profile === 'string' && profile.trim() !== '') {
    out.push(
      issue(
        'warning',
        'profile-overhead',
        ['profile'],
        {
          en: 'Per-operator profiling adds overhead to every run; these times are not comparable with runs without --profile.',
          zh: '逐算子性能分析会给每次运行增加开销；这些时间不能与未开启 --profile 的运行直接比较。',
        },
        {
          en: 'Compare timings from runs without --profile; use the profile only to see where the time goes.',
          zh: '比较耗时请使用未开启 --profile 的运行；性能分析只用于查看时间花在哪里。',
        },
      ),
    );
  }

  const optimized = flags['optimized-model-path'];
  if (
    typeof optimized === 'string' &&
    optimized.trim() !== '' &&
    flags['graph-optimization-level'] === 'disabled'
  ) {
    out.push(
      issue(
        'warning',
        'save-unoptimized',
        ['optimized-model-path', 'graph-optimization-level'],
        {
          en: 'With graph-optimization-level disabled the saved model is the original graph, not an optimised one.',
          zh: 'graph-optimization-level 为 disabled 时，保存的模型就是原图，并未优化。',
        },
        {
          en: 'Choose basic, extended or all when saving an optimised model.',
          zh: '保存优化模型时请选择 basic、extended 或 all。',
        },
      ),
    );
  }

  const fdo = flags['free-dimension-override'];
  if (typeof fdo === 'string') {
    const { errors } = parseFreeDimensionOverride(fdo);
    if (errors.length > 0) {
      out.push(
        issue(
          'error',
          'free-dimension-syntax',
          ['free-dimension-override'],
          {
            en: `--free-dimension-override: ${errors.join('; ')}.`,
            zh: `--free-dimension-override 格式错误：${errors.join('；')}。`,
          },
          {
            en: 'Write name=value pairs separated by commas: batch=4,seq=128.',
            zh: '用逗号分隔的 name=value：batch=4,seq=128。',
          },
        ),
      );
    }
  }

  const input = flags['input'];
  if (typeof input === 'string') {
    const { errors } = parseInputSpec(input);
    if (errors.length > 0) {
      out.push(
        issue(
          'error',
          'input-syntax',
          ['input'],
          { en: `--input: ${errors.join('; ')}.`, zh: `--input 格式错误：${errors.join('；')}。` },
          {
            en: 'Give a .npy/.json file, name:file entries separated by ";", or shapes such as data:[1,3,224,224].',
            zh: '给出 .npy/.json 文件、用 ";" 分隔的 name:file 项，或形如 data:[1,3,224,224] 的形状。',
          },
        ),
      );
    } else if (flags['seed'] !== undefined && !/\[/.test(input)) {
      out.push(
        issue(
          'warning',
          'seed-unused',
          ['seed', 'input'],
          {
            en: '--seed has no effect: every input comes from a file.',
            zh: '--seed 不起作用：所有输入都来自文件。',
          },
          { en: 'Remove --seed.', zh: '删除 --seed。' },
        ),
      );
    }
  }

  const level = flags['graph-optimization-level'];
  const arch = target?.arch;
  if ((level === 'all' || level === 'layout') && arch && !/^(x86_64|amd64|i[3-6]86|x64)$/i.test(arch)) {
    out.push(
      issue(
        'warning',
        'layout-needs-x86',
        ['graph-optimization-level'],
        {
          en: `The layout optimisations of '${level}' (NCHWc) are for x86 AVX2/AVX-512; on ${arch} '${level}' behaves like 'extended'.`,
          zh: `'${level}' 的布局优化（NCHWc）面向 x86 AVX2/AVX-512；在 ${arch} 上 '${level}' 与 'extended' 效果相同。`,
        },
        {
          en: "Expect no difference from 'extended' on this target.",
          zh: "在此目标上不要期待它与 'extended' 有差别。",
        },
      ),
    );
  }
  return out;
}

function checkValue(spec: FlagSpec, value: unknown): ValidationIssue | null {
  const name = spec.name;
  if (spec.kind === 'bool') {
    if (typeof value === 'boolean') return null;
    return issue(
      'error',
      'not-boolean',
      [name],
      {
        en: `--${name} is a switch; '${String(value)}' is not true or false.`,
        zh: `--${name} 是开关；'${String(value)}' 不是 true 或 false。`,
      },
      { en: `Write --${name} alone to turn it on.`, zh: `单独写 --${name} 即可开启。` },
    );
  }
  if (spec.kind === 'enum') {
    if (typeof value === 'string' && spec.values?.includes(value)) return null;
    const list = (spec.values ?? []).join(', ');
    return issue(
      'error',
      'enum-value',
      [name],
      {
        en: `--${name} '${String(value)}' is not one of: ${list}.`,
        zh: `--${name} 的值 '${String(value)}' 不在可选值中：${list}。`,
      },
      { en: `Pick one of: ${list}.`, zh: `请选择其中之一：${list}。` },
    );
  }
  if (spec.kind === 'int' || spec.kind === 'uint' || spec.kind === 'float') {
    const n = typeof value === 'number' ? value : Number.NaN;
    if (!Number.isFinite(n) || (spec.kind !== 'float' && !Number.isInteger(n))) {
      return issue(
        'error',
        'not-a-number',
        [name],
        {
          en: `--${name} needs ${spec.kind === 'float' ? 'a number' : 'a whole number'}, not '${String(value)}'.`,
          zh: `--${name} 需要${spec.kind === 'float' ? '数字' : '整数'}，而不是 '${String(value)}'。`,
        },
        { en: `Example: --${name} ${spec.default ?? 1}.`, zh: `示例：--${name} ${spec.default ?? 1}。` },
      );
    }
    const min = spec.min ?? (spec.kind === 'uint' ? 0 : -Infinity);
    const max = spec.max ?? Infinity;
    if (n < min || n > max) {
      const range = max === Infinity ? `≥ ${min}` : `${min}…${max}`;
      return issue(
        'error',
        'out-of-range',
        [name],
        { en: `--${name} ${n} is out of range (${range}).`, zh: `--${name} ${n} 超出范围（${range}）。` },
        { en: `Use a value ${range}.`, zh: `请使用 ${range} 的值。` },
      );
    }
    return null;
  }
  // string / path
  if (typeof value !== 'string' || value.trim() === '') {
    return issue(
      'error',
      'empty-value',
      [name],
      { en: `--${name} needs a value.`, zh: `--${name} 需要一个值。` },
      { en: `Give --${name} a value or remove it.`, zh: `为 --${name} 提供一个值，或删除它。` },
    );
  }
  return null;
}
