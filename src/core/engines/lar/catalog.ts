/**
 * The load_and_run flag catalogue: every flag of the current tool (lite/load_and_run), as data.
 * Source of truth: the real `--help` of a MegEngine 1.9999 build (test/fixtures/real-logs/02_help.out)
 * plus the CUDA/TensorRT flags that a CPU-only build leaves out. Defaults are the ones --help prints;
 * Chinese wording follows the user guide (lar-inference-optimize.zh.rst) where it has any.
 * The order here is the order flags are written on a command line.
 * gflags' own flags (--flagfile, --helpxml ...) are left out on purpose: they are not benchmark options.
 */

import type { FlagCatalog, FlagGroup, FlagKind, FlagSpec, LocalizedText } from '../../engine';

export const LAR_GROUPS: FlagGroup[] = [
  { id: 'device', label: { en: 'Device', zh: '运行设备' } },
  { id: 'model-interface', label: { en: 'Model interface', zh: '模型接口' } },
  { id: 'strategy', label: { en: 'Run strategy', zh: '运行策略' } },
  { id: 'fast-run', label: { en: 'Fast-run (algorithm search)', zh: 'fast-run 算法选择' } },
  { id: 'layout-single', label: { en: 'Single layout optimisation', zh: '单一 layout 优化' } },
  { id: 'layout-global', label: { en: 'Global layout optimisation', zh: '全局 layout 优化' } },
  {
    id: 'optimisation',
    label: { en: 'Operator fusion and other optimisations', zh: '算子融合以及其他优化' },
  },
  { id: 'io', label: { en: 'Inputs and outputs', zh: '输入输出' } },
  { id: 'packing', label: { en: 'Model packing', zh: '模型打包' } },
  { id: 'plugins-debug', label: { en: 'Profiling and debugging', zh: '性能分析与调试' } },
  { id: 'extern-opr', label: { en: 'External operators', zh: '外部算子' } },
  { id: 'fitting', label: { en: 'Fitting (automatic option search)', zh: 'fitting 自动搜索最优选项' } },
];

type Extra = Omit<FlagSpec, 'name' | 'group' | 'kind' | 'description'>;

function flag(
  name: string,
  group: string,
  kind: FlagKind,
  en: string,
  zh: string,
  extra: Extra = {},
): FlagSpec {
  return { name, group, kind, description: { en, zh }, ...extra };
}

const hint = (en: string, zh: string): LocalizedText => ({ en, zh });
const CUDA_ONLY: Extra = {
  platforms: ['cuda'],
  platformHint: hint('NVIDIA GPU (CUDA builds only)', 'NVIDIA GPU（仅 CUDA 版本）'),
};

/** Largest uint64: --workspace-limit's default, beyond JavaScript's safe integers, so kept as text. */
export const UINT64_MAX = '18446744073709551615';

const FLAGS: FlagSpec[] = [
  // Device: at most one of the first five (device_options.cpp).
  flag('cpu', 'device', 'bool', 'Run on the CPU.', '使用 CPU 作为运行设备。', { default: false }),
  flag(
    'cpu-default',
    'device',
    'bool',
    'Run on the CPU in inplace mode (no worker thread; lowest overhead on small boards).',
    '使用 inplace 模式的 CPU 作为运行设备（无工作线程，低端设备上开销最小）。',
    { default: false },
  ),
  flag('cuda', 'device', 'bool', 'Run on the NVIDIA GPU.', '使用 NVIDIA GPU（CUDA）作为运行设备。', {
    default: false,
    ...CUDA_ONLY,
  }),
  flag(
    'multithread',
    'device',
    'int',
    'Run on a multithread CPU device with N threads.',
    '使用 N 个线程的多线程 CPU 设备运行。',
    { default: -1, min: 1 },
  ),
  flag(
    'multithread-default',
    'device',
    'int',
    'Run on a multithread CPU device with N threads, inplace mode.',
    '使用 N 个线程的多线程 CPU 设备（inplace 模式）运行。',
    { default: -1, min: 1 },
  ),
  flag(
    'multi-thread-core-ids',
    'device',
    'string',
    'Pin the multithread workers to these CPU cores (comma list, one per thread).',
    '把多线程设备的工作线程绑定到这些 CPU 核（逗号分隔，每个线程一个）。',
    { advanced: true },
  ),

  flag(
    'lite',
    'model-interface',
    'bool',
    'Run the model through the MegEngine Lite interface.',
    '使用 MegEngine Lite 接口运行模型。',
    { default: false },
  ),
  flag(
    'mdl',
    'model-interface',
    'bool',
    'Run the model through the MegEngine mdl interface.',
    '使用 MegEngine mdl 接口运行模型。',
    { default: false },
  ),

  flag('iter', 'strategy', 'int', 'Number of timed inference runs.', '计时的推理运行次数。', {
    default: 10,
    min: 1,
  }),
  flag('warmup-iter', 'strategy', 'int', 'Number of warm-up runs before timing.', '计时前的预热运行次数。', {
    default: 1,
    min: 0,
  }),
  flag(
    'thread',
    'strategy',
    'int',
    'Run N copies of the whole benchmark in parallel threads (not a device setting).',
    '用 N 个线程并行运行整个测试（不是设备设置）。',
    { default: 1, min: 1 },
  ),
  flag('share-param-mem', 'strategy', 'bool', 'Load the model from shared memory.', '从共享内存加载模型。', {
    default: false,
    advanced: true,
  }),

  flag(
    'fast-run',
    'fast-run',
    'bool',
    'Profile the optimised algorithms of conv/matmul/pooling and pick the fastest (fast-run strategy).',
    '在优化后的算法中根据 profile 的时间选择算法（fast-run 策略）。',
    { default: false },
  ),
  flag(
    'full-run',
    'fast-run',
    'bool',
    'Profile every algorithm, generic ones included, and pick the fastest (full-run strategy).',
    '直接根据 profile 的时间在所有算法（包括通用算法）中选择（full-run 策略）。',
    { default: false },
  ),
  flag(
    'fast-run-algo-policy',
    'fast-run',
    'path',
    'Algorithm cache file: written by a --fast-run/--full-run search, read back without one.',
    'fast-run 离线缓存文件：与 --fast-run/--full-run 一起使用时写入，单独使用时读取。',
    { file: 'inout' },
  ),
  flag(
    'reproducible',
    'fast-run',
    'bool',
    'Only choose reproducible algorithms (mainly for cuDNN).',
    '只选择可复现的算法（主要用于 cuDNN）。',
    { default: false, advanced: true },
  ),
  flag(
    'binary-equal-between-batch',
    'fast-run',
    'bool',
    'Promise binary-equal output for each batch of binary-equal input (turns on --reproducible).',
    '保证输入各 batch 二进制相同时输出也二进制相同（会同时开启 --reproducible）。',
    { default: false, advanced: true },
  ),
  flag(
    'fast-run-shared-batch-size',
    'fast-run',
    'int',
    'Batch size used while profiling in fast-run.',
    'fast-run 搜索时使用的 batch 大小。',
    { default: 0, min: 0, advanced: true },
  ),

  // Single layout: at most one (layout_options.cpp). Platforms from the guide's tables.
  flag('enable-nchw4', 'layout-single', 'bool', 'Convert to the NCHW4 layout.', '开启 nchw4 layout 优化。', {
    default: false,
    platforms: ['cuda'],
    platformHint: hint('GPU int8 models', 'GPU int8 模型'),
  }),
  flag('enable-chwn4', 'layout-single', 'bool', 'Convert to the CHWN4 layout.', '开启 chwn4 layout 优化。', {
    default: false,
    platforms: ['cuda'],
    platformHint: hint('NVIDIA tensor-core int8 models', 'NVIDIA tensorcore int8 模型'),
  }),
  flag(
    'enable-nchw44',
    'layout-single',
    'bool',
    'Convert to the NCHW44 layout.',
    '开启 nchw44 layout 优化。',
    {
      default: false,
      platforms: ['arm'],
      platformHint: hint(
        'Arm CPU float32/int8 models (4.2× slower on x86)',
        'Arm CPU float32/int8 量化模型（在 x86 上慢 4.2 倍）',
      ),
    },
  ),
  flag(
    'enable-nchw44-dot',
    'layout-single',
    'bool',
    'Convert to the NCHW44-dot layout (uses the Armv8.2 dot-product instructions).',
    '开启 nchw44-dot layout 优化（使用 Armv8.2 dot 指令）。',
    {
      default: false,
      platforms: ['arm'],
      platformHint: hint('Arm CPU arch >= 8.2 int8 models', 'Arm CPU arch>=8.2 量化模型'),
    },
  ),
  flag(
    'enable-nchw88',
    'layout-single',
    'bool',
    'Convert to the NCHW88 layout.',
    '开启 nchw88 layout 优化。',
    {
      default: false,
      platforms: ['x86'],
      platformHint: hint(
        'x86 CPU (AVX256) float32 models; needs a build with MKL-DNN, else 160× slower',
        'x86 CPU（支持 avx256）float32 模型；需要带 MKL-DNN 的版本，否则慢 160 倍',
      ),
    },
  ),
  flag(
    'enable-nchw32',
    'layout-single',
    'bool',
    'Convert to the NCHW32 layout.',
    '开启 nchw32 layout 优化。',
    {
      default: false,
      platforms: ['cuda'],
      platformHint: hint('NVIDIA tensor-core int8 models', 'NVIDIA tensorcore int8 模型'),
    },
  ),
  flag(
    'enable-nchw64',
    'layout-single',
    'bool',
    'Convert to the NCHW64 layout.',
    '开启 nchw64 layout 优化。',
    {
      default: false,
      platforms: ['cuda'],
      platformHint: hint('NVIDIA tensor-core fast int4 models', 'NVIDIA tensorcore fast int4 模型'),
    },
  ),
  flag(
    'enable-nhwcd4',
    'layout-single',
    'bool',
    'Convert to the NHWCD4 layout (mobile GPUs, OpenCL).',
    '开启 nhwcd4 layout 优化（移动端 GPU，OpenCL）。',
    { default: false, advanced: true },
  ),

  flag(
    'layout-transform',
    'layout-global',
    'enum',
    'Global layout transform: profile operator layouts over the whole graph for this backend and keep the fastest.',
    '全局 layout 优化：针对指定推理后端在整个计算图上 profile 各算子的 layout，选择最快的实现。',
    { values: ['cpu', 'cuda'] },
  ),
  flag(
    'layout-transform-dump',
    'layout-global',
    'path',
    'Write the graph after global layout transform to this file (run that file later without --layout-transform).',
    '将全局 layout 优化之后的模型 dump 到该文件（之后直接运行该模型即可）。',
    { file: 'out' },
  ),
  flag(
    'batch-size',
    'layout-global',
    'int',
    'Batch size of the inputs (lets global layout transform work on it).',
    '输入的 batch 大小（供全局 layout 优化使用）。',
    { default: -1, min: 1, advanced: true },
  ),

  flag(
    'weight-preprocess',
    'optimisation',
    'bool',
    'Pre-process convolution weights once (winograd/im2col); faster inference, slower warm-up, more memory.',
    '使用 weight 预处理优化加快卷积运算（winograd/im2col），预热变慢，占用更多内存。',
    { default: false },
  ),
  flag(
    'fake-first',
    'optimisation',
    'bool',
    'Make the first run a fake one (allocation and setup, no computing) to shorten warm-up; needs at least two warm-up runs.',
    '使用 fake-first 加速预热过程：首次运行只做内存分配、队列初始化等，不做计算；预热需要至少两次。',
    { default: false },
  ),
  flag(
    'enable-fuse-preprocess',
    'optimisation',
    'bool',
    'Fuse pre-processing operators (astype, pad channel, dimshuffle...) with the input copy.',
    '融合前处理相关算子（类型转换、pad channel、dimshuffle 等）。',
    { default: false },
  ),
  flag(
    'enable-fuse-conv-bias-nonlinearity',
    'optimisation',
    'bool',
    'Fuse convolution + bias + nonlinearity into one operator.',
    '卷积与非线性算子的融合（conv+bias+nonlinearity）。',
    { default: false },
  ),
  flag(
    'enable-fuse-conv-bias-with-z',
    'optimisation',
    'bool',
    'Fuse convolution, bias add and z add into one operator (GPU only).',
    '卷积、加法以及非线性算子的融合（仅支持 GPU）。',
    { default: false, platforms: ['cuda'], platformHint: hint('GPU only', '仅支持 GPU') },
  ),
  flag(
    'optimize-for-inference',
    'optimisation',
    'bool',
    'Run optimize_for_inference (fuse BN and other basic graph optimisations).',
    '执行 optimize_for_inference（融合 BN 等基础优化）。',
    { default: false },
  ),
  flag(
    'fuse-grain',
    'optimisation',
    'bool',
    'Fuse grain operators into larger operators.',
    '将细粒度算子融合为大算子。',
    { default: false, advanced: true },
  ),
  flag(
    'const-shape',
    'optimisation',
    'bool',
    'Treat variable shapes as constant to save memory (static inference structures can be dropped).',
    '设置 const_var_shape，省去部分静态推导数据结构以减少内存。',
    { default: false },
  ),
  flag(
    'no-sanity-check',
    'optimisation',
    'bool',
    'Skip the variable sanity check on the first run.',
    '关闭首次运行时的 var sanity check。',
    { default: false },
  ),
  flag(
    'record-comp-seq',
    'optimisation',
    'bool',
    'Record the kernel sequence (level 1) and replay it, cutting runtime dispatch overhead.',
    'kern record 优化（level 1）：记录运行时调用的 kern，之后直接使用记录加速推理。',
    { default: false },
  ),
  flag(
    'record-comp-seq2',
    'optimisation',
    'bool',
    'Record the kernel sequence (level 2) and free graph data; needs --no-sanity-check, not with --fake-first.',
    'kern record 优化（level 2）：同时释放计算图上的一些数据；需要 --no-sanity-check，不能与 --fake-first 同用。',
    { default: false },
  ),
  flag('disable-mem-opt', 'optimisation', 'bool', 'Disable memory optimisation.', '关闭内存优化。', {
    default: false,
    advanced: true,
  }),
  flag(
    'workspace-limit',
    'optimisation',
    'uint',
    'Upper bound of operator workspace memory, in bytes.',
    '算子 workspace 内存上限（字节）。',
    { default: UINT64_MAX, min: 0, advanced: true },
  ),
  flag(
    'enable-jit',
    'optimisation',
    'bool',
    'Execute supported operators with JIT (see MGB_JIT_BACKEND).',
    '使用 JIT 执行支持的算子（参见 MGB_JIT_BACKEND）。',
    { default: false, advanced: true },
  ),
  flag(
    'tensorrt',
    'optimisation',
    'bool',
    'Run supported subgraphs with TensorRT.',
    '使用 TensorRT 执行支持的子图。',
    { default: false, advanced: true, ...CUDA_ONLY },
  ),
  flag(
    'tensorrt-cache',
    'optimisation',
    'path',
    'TensorRT engine cache file (read when present, then written).',
    'TensorRT engine 缓存文件（存在时读取，之后写入）。',
    { file: 'inout', advanced: true, ...CUDA_ONLY },
  ),
  flag(
    'enable-ioc16',
    'optimisation',
    'bool',
    'Run in float16 where possible (fp16 dtype optimisation).',
    '开启 fp16 数据类型优化。',
    { default: false, advanced: true },
  ),

  flag(
    'input',
    'io',
    'string',
    'Input data: name:file.npy, name:[1,3,224,224], name:img.ppm or file.json; several joined by ";".',
    '输入数据：name:file.npy、name:[1,3,224,224]、name:img.ppm 或 file.json；多个输入用 ";" 连接。',
  ),
  flag(
    'io-dump',
    'io',
    'path',
    'Dump input/output values to this text file.',
    '以文本格式将输入输出 dump 到该文件。',
    { file: 'out', advanced: true },
  ),
  flag(
    'io-dump-stdout',
    'io',
    'bool',
    'Dump input/output values to stdout as text.',
    '以文本格式将输入输出 dump 到 stdout。',
    { default: false, advanced: true },
  ),
  flag(
    'io-dump-stderr',
    'io',
    'bool',
    'Dump input/output values to stderr as text.',
    '以文本格式将输入输出 dump 到 stderr。',
    { default: false, advanced: true },
  ),
  flag(
    'bin-io-dump',
    'io',
    'path',
    'Dump every variable in binary to this directory.',
    '以二进制格式将变量 dump 到该目录。',
    { file: 'outdir', advanced: true },
  ),
  flag(
    'bin-out-dump',
    'io',
    'path',
    'Dump the outputs in binary to this directory.',
    '以二进制格式将输出变量 dump 到该目录。',
    { file: 'outdir', advanced: true },
  ),
  flag(
    'copy-to-host',
    'io',
    'bool',
    'Copy device outputs back to the host after each run.',
    '每次运行后将设备上的输出拷贝回主机。',
    { default: false, advanced: true },
  ),

  flag(
    'packed-model-dump',
    'packing',
    'path',
    'Write the packed model to this file.',
    '将打包后的模型写到该文件。',
    { file: 'out', advanced: true },
  ),
  flag(
    'pack-info-json',
    'packing',
    'path',
    'JSON info file (encrypted or not) to pack into the model.',
    '打包进模型的 json 信息文件（可加密）。',
    { file: 'in', advanced: true },
  ),
  flag(
    'pack-cache',
    'packing',
    'path',
    'Fast-run cache / algo policy file to pack into the model.',
    '打包进模型的 fast-run 缓存文件。',
    { file: 'in', advanced: true },
  ),
  flag(
    'pack-info-cryption',
    'packing',
    'enum',
    'Encryption method of the packed info.',
    '打包信息的加密方法。',
    {
      default: 'NONE',
      values: ['NONE', 'AES_default', 'RC4_default', 'SIMPLE_FAST_RC4_default'],
      advanced: true,
    },
  ),
  flag(
    'pack-model-cryption',
    'packing',
    'enum',
    'Encryption method of the packed model.',
    '打包模型的加密方法。',
    {
      default: 'NONE',
      values: ['NONE', 'AES_default', 'RC4_default', 'SIMPLE_FAST_RC4_default'],
      advanced: true,
    },
  ),
  flag('model-dump', 'packing', 'path', 'Write the raw model to this file.', '将原始模型写到该文件。', {
    file: 'out',
    advanced: true,
  }),

  flag(
    'profile',
    'plugins-debug',
    'path',
    'Write a per-operator profile (JSON) to this file.',
    '将逐算子的 profile 结果（JSON）写到该文件。',
    { file: 'out' },
  ),
  flag(
    'profile-host',
    'plugins-debug',
    'path',
    'Write a host-time profile (JSON) to this file (for backends such as OpenCL).',
    '将主机侧耗时的 profile（JSON）写到该文件（用于 OpenCL 等后端）。',
    { file: 'out', advanced: true },
  ),
  flag(
    'model-info',
    'plugins-debug',
    'bool',
    'Print the model input/output tensor information.',
    '显示模型输入输出 tensor 信息。',
    { default: false },
  ),
  flag('verbose', 'plugins-debug', 'bool', 'Print more information for debugging.', '输出更多调试信息。', {
    default: false,
    advanced: true,
  }),
  flag(
    'range',
    'plugins-debug',
    'float',
    'Check that every value in the graph has absolute value within this range.',
    '检查计算图中所有数值的绝对值是否在该范围内。',
    { default: 0, min: 0, advanced: true },
  ),
  flag(
    'check-dispatch',
    'plugins-debug',
    'bool',
    'Check whether operators dispatch on CPU comp nodes (finds MegDNN bugs).',
    '检查算子是否在 CPU comp node 上 dispatch（用于发现 MegDNN 的问题）。',
    { default: false, advanced: true },
  ),
  flag(
    'check-var-value',
    'plugins-debug',
    'string',
    'Check variable values every <interval> vars, from <init_idx>: "interval" or "interval:init_idx".',
    '从 init_idx 开始按 interval 间隔检查变量值："interval" 或 "interval:init_idx"。',
    { advanced: true },
  ),
  flag(
    'disable-assert-throw',
    'plugins-debug',
    'bool',
    'Do not throw on failed error checks.',
    '错误检查失败时不抛出异常。',
    { default: false, advanced: true },
  ),
  flag(
    'wait-gdb',
    'plugins-debug',
    'bool',
    'Print the process id and wait for a debugger to attach.',
    '打印进程号并等待 gdb 挂载。',
    { default: false, advanced: true },
  ),
  flag(
    'get-static-mem-info',
    'plugins-debug',
    'path',
    "Record the static graph's memory information into this directory.",
    '将静态计算图的内存信息记录到该目录。',
    { file: 'outdir', advanced: true },
  ),

  flag(
    'c-opr-lib',
    'extern-opr',
    'path',
    'Load an external operator library (must export MGB_C_OPR_INIT_FUNC).',
    '加载外部算子库（需实现 MGB_C_OPR_INIT_FUNC 入口）。',
    { file: 'in', advanced: true },
  ),
  flag(
    'c-opr-lib-with-param',
    'extern-opr',
    'bool',
    'Run the external operator library with parameters (needs the copr_param_device_ptr_* symbols).',
    '带参数运行外部算子库（需实现 copr_param_device_ptr_* 符号）。',
    { default: false, advanced: true },
  ),
  flag(
    'c-opr-init-interface',
    'extern-opr',
    'string',
    'Name of the external library init function.',
    '外部算子库的初始化函数名。',
    { default: 'mgb_c_opr_init', advanced: true },
  ),

  flag(
    'fitting',
    'fitting',
    'bool',
    'Try option sets automatically and report the fastest one.',
    '自动尝试多组选项并给出最快的一组（fitting 模式）。',
    { default: false },
  ),
  flag(
    'dump-fitting-model',
    'fitting',
    'path',
    'Write the best options and algo cache into this model file.',
    '将最优选项和算法缓存打包进该模型文件。',
    { file: 'out' },
  ),
];

export const LAR_CATALOG: FlagCatalog = { engine: 'load_and_run', groups: LAR_GROUPS, flags: FLAGS };

const BY_NAME = new Map(FLAGS.map((f) => [f.name, f]));

/** Canonical spelling of a flag name as typed: `--Fast_Run` → `fast-run`. */
export function normalizeFlagName(s: string): string {
  return s.replace(/^-+/, '').replace(/_/g, '-').toLowerCase();
}

/** The catalogue entry of a flag, by any spelling. */
export function larFlag(name: string): FlagSpec | undefined {
  return BY_NAME.get(normalizeFlagName(name));
}

/** Device flags: at most one may be given. */
export const LAR_DEVICE_FLAGS = ['cpu', 'cpu-default', 'cuda', 'multithread', 'multithread-default'];

/** Single-layout flags: at most one may be given. */
export const LAR_SINGLE_LAYOUT_FLAGS = FLAGS.filter((f) => f.group === 'layout-single').map((f) => f.name);
