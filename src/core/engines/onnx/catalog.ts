/**
 * The ONNX Runtime flag catalogue: the session options of onnxruntime-node 1.30 (plus the run plan:
 * iterations, warm-up, inputs) as flags of OUR runner program (`ort-runner.js`). Data only; rules
 * live in `validate.ts`, argv in `commandLine.ts`, the mapping to `SessionOptions` in
 * `sessionOptions.ts`.
 *
 * Default-true switches (CPU memory arena, memory pattern) are `disable-*` booleans, as
 * onnxruntime_perf_test spells them (`-A` disables the arena, `-M` the pattern): a ticked box or a
 * bare `--flag` then always means "change from the default", like every other boolean here.
 */
import { ONNX_DEFAULT_ITER } from '../iterationAdvice';
import type { FlagCatalog, FlagSpec } from '../../engine';

export const ORT_GRAPH_LEVELS = ['disabled', 'basic', 'extended', 'layout', 'all'] as const;
export const ORT_EXECUTION_MODES = ['sequential', 'parallel'] as const;
/** onnxruntime-node's own log levels (0 verbose … 4 fatal); the runner's default keeps warnings. */
export const ORT_LOG_LEVELS = ['verbose', 'info', 'warning', 'error', 'fatal'] as const;

const flags: FlagSpec[] = [
  {
    name: 'graph-optimization-level',
    group: 'optimization',
    kind: 'enum',
    values: [...ORT_GRAPH_LEVELS],
    default: 'all',
    description: {
      en:
        'Graph optimisation level: disabled = run the graph as written; basic = constant folding, redundant-node ' +
        'removal and fusions such as Conv+BatchNorm, Conv+Add, Conv+Mul; extended = complex fusions (Conv+activation, ' +
        'GELU, attention, MatMul+Add); layout = extended plus layout optimisations only; all = everything including ' +
        'layout optimisations such as the blocked NCHWc format on x86 AVX2/AVX-512 CPUs.',
      zh:
        '图优化级别：disabled = 按原图执行；basic = 常量折叠、删除冗余节点以及 Conv+BatchNorm、Conv+Add、Conv+Mul 等融合；' +
        'extended = 复杂融合（Conv+激活、GELU、Attention、MatMul+Add）；layout = extended 加布局优化；' +
        'all = 全部优化，包括布局优化（如 x86 AVX2/AVX-512 CPU 上的 NCHWc 分块格式）。',
    },
    platformHint: {
      en: 'The layout part of `all` (NCHWc) applies on x86 CPUs with AVX2 or AVX-512.',
      zh: '`all` 中的布局优化（NCHWc）适用于支持 AVX2 或 AVX-512 的 x86 CPU。',
    },
    platforms: ['x86'],
  },
  {
    name: 'optimized-model-path',
    group: 'optimization',
    kind: 'path',
    file: 'out',
    description: {
      en:
        'Save the optimised graph to this .onnx file while creating the session (offline optimisation, like ' +
        "load_and_run's --layout-transform-dump); benchmark the saved file later with graph-optimization-level " +
        'disabled to skip optimisation at load. The runner reports the extra time of the save separately.',
      zh:
        '创建会话时把优化后的图保存到此 .onnx 文件（离线优化，类似 load_and_run 的 --layout-transform-dump）；' +
        '之后用 graph-optimization-level disabled 测试保存的文件即可跳过加载时的优化。运行器会单独报告保存所花的额外时间。',
    },
  },
  {
    name: 'intra-op-threads',
    group: 'threads',
    kind: 'uint',
    default: 0,
    min: 0,
    max: 1024,
    description: {
      en: 'Threads used inside one operator (e.g. a convolution); 0 = ONNX Runtime default (one per physical core).',
      zh: '单个算子内部（如卷积）使用的线程数；0 = ONNX Runtime 默认值（每个物理核一个）。',
    },
  },
  {
    name: 'inter-op-threads',
    group: 'threads',
    kind: 'uint',
    default: 0,
    min: 0,
    max: 1024,
    description: {
      en: 'Threads that run independent operators at the same time; used only with execution-mode parallel. 0 = default.',
      zh: '同时执行相互独立算子的线程数；仅在 execution-mode parallel 时使用。0 = 默认值。',
    },
  },
  {
    name: 'execution-mode',
    group: 'threads',
    kind: 'enum',
    values: [...ORT_EXECUTION_MODES],
    default: 'sequential',
    description: {
      en: 'sequential runs operators one after another; parallel also runs independent branches at once (helps only graphs with parallel branches).',
      zh: 'sequential 逐个执行算子；parallel 还会同时执行相互独立的分支（仅对有并行分支的图有帮助）。',
    },
  },
  {
    name: 'disable-cpu-mem-arena',
    group: 'memory',
    kind: 'bool',
    default: false,
    description: {
      en: 'Turn off the CPU memory arena (on by default): every allocation goes to the system allocator; lower peak memory, usually slower.',
      zh: '关闭 CPU 内存池（默认开启）：每次分配都走系统分配器；峰值内存更低，通常更慢。',
    },
  },
  {
    name: 'disable-mem-pattern',
    group: 'memory',
    kind: 'bool',
    default: false,
    description: {
      en: 'Turn off memory pattern planning (on by default): ONNX Runtime stops pre-planning one buffer for all intermediate tensors of a shape.',
      zh: '关闭内存模式规划（默认开启）：ONNX Runtime 不再为同一形状的中间张量预先规划一整块内存。',
    },
  },
  {
    name: 'free-dimension-override',
    group: 'input',
    kind: 'string',
    description: {
      en:
        'Values for symbolic input dimensions, `name=value[,name=value]` (e.g. `batch=4`); unnamed free dimensions ' +
        'default to 1. The runner builds input tensors with these sizes.',
      zh: '符号输入维度的取值，格式 `name=value[,name=value]`（如 `batch=4`）；未指定的自由维度默认为 1。运行器按这些尺寸生成输入张量。',
    },
  },
  {
    name: 'input',
    group: 'input',
    kind: 'path',
    file: 'in',
    description: {
      en:
        'Input data: a .npy or .json file (one input, or `name:file` entries separated by `;`), or shapes such as ' +
        '`data:[1,3,224,224]` filled with seeded random data. Default: random data in the model’s own shapes.',
      zh:
        '输入数据：.npy 或 .json 文件（单输入，或用 `;` 分隔的 `name:file` 项），或形如 `data:[1,3,224,224]` 的形状' +
        '（用带种子的随机数填充）。默认：按模型自身形状生成随机数据。',
    },
  },
  {
    name: 'seed',
    group: 'input',
    kind: 'uint',
    default: 0,
    min: 0,
    max: 4294967295,
    description: {
      en: 'Seed of the random input data, so two runs feed identical tensors.',
      zh: '随机输入数据的种子，使两次运行输入完全相同的张量。',
    },
  },
  {
    name: 'iter',
    group: 'strategy',
    kind: 'uint',
    default: ONNX_DEFAULT_ITER,
    min: 1,
    max: 1000000,
    description: {
      en: 'Number of timed inference runs (session.run).',
      zh: '计时推理次数（session.run）。',
    },
  },
  {
    name: 'warmup-iter',
    group: 'strategy',
    kind: 'uint',
    default: 1,
    min: 0,
    max: 100000,
    description: {
      en: 'Untimed-for-the-mean warm-up runs before the timed ones (each is still reported).',
      zh: '计时推理之前的预热次数（不计入平均值，但每次都会报告）。',
    },
  },
  {
    name: 'profile',
    group: 'debug',
    kind: 'path',
    file: 'out',
    description: {
      en: "Write ONNX Runtime's per-operator profiling JSON (Chrome trace format) to this file; profiling adds overhead to every run.",
      zh: '把 ONNX Runtime 的逐算子性能分析 JSON（Chrome trace 格式）写到此文件；分析本身会给每次运行增加开销。',
    },
  },
  {
    name: 'log-level',
    group: 'debug',
    kind: 'enum',
    values: [...ORT_LOG_LEVELS],
    default: 'warning',
    advanced: true,
    description: {
      en: 'Least severe ONNX Runtime log message printed on stderr.',
      zh: '在 stderr 上打印的 ONNX Runtime 日志的最低级别。',
    },
  },
];

export const ORT_CATALOG: FlagCatalog = {
  engine: 'onnxruntime',
  groups: [
    { id: 'optimization', label: { en: 'Graph optimisation', zh: '图优化' } },
    { id: 'threads', label: { en: 'Threads and execution', zh: '线程与执行' } },
    { id: 'memory', label: { en: 'Memory', zh: '内存' } },
    { id: 'input', label: { en: 'Input data', zh: '输入数据' } },
    { id: 'strategy', label: { en: 'Iterations', zh: '迭代' } },
    { id: 'debug', label: { en: 'Profiling and logs', zh: '性能分析与日志' } },
  ],
  flags,
};

/** Look up a flag by canonical name. */
export function ortFlag(name: string): FlagSpec | undefined {
  return flags.find((f) => f.name === name);
}
