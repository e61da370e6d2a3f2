/**
 * How many timed iterations a run needs, per engine, and why: our ONNX runner's default, and the
 * count the Benchmark panel recommends (and explains) under `--iter`. Chosen from measured noise (`npm run bench:noise`, figures in the
 * reason): iterations of one run share its process and the machine's load at that moment, so a
 * run's mean moves from run to run far more than its own sd suggests, and only more iterations
 * per run (and more runs) bring that down.
 */
import type { EngineId, IterationAdvice, LocalizedText } from '../engine';

/** Our ONNX Runtime runner's own default (its `--iter` when not given). */
export const ONNX_DEFAULT_ITER = 100;

const MEASURED: LocalizedText = {
  en:
    'Measured on a shared 2-core x86 machine (small_cnn.onnx, one intra-op thread, 6 runs each): with 10 timed ' +
    'iterations the means of separate runs spread by a CV of 46% although each run’s own CV was 4%; with 100, ' +
    'by 5.7%, close to the 4.3% of 300. A difference smaller than that spread is not a result.',
  zh:
    '在共享的 2 核 x86 机器上实测（small_cnn.onnx，单个 intra-op 线程，各 6 次运行）：10 次计时迭代时，各次运行的均值' +
    '之间的变异系数达 46%，而每次运行自身只有 4%；100 次时为 5.7%，接近 300 次的 4.3%。小于这一波动的差异不能作为结论。',
};

export const ITERATION_ADVICE: Record<EngineId, IterationAdvice> = {
  onnxruntime: {
    flag: 'iter',
    iter: ONNX_DEFAULT_ITER,
    reason: {
      en:
        `${ONNX_DEFAULT_ITER} timed iterations by default. ${MEASURED.en} With ONNX Runtime's default ` +
        'threads on the same busy machine, run means spread by 56–92% whatever the count: on a shared ' +
        'machine, set --intra-op-threads 1.',
      zh:
        `默认计时 ${ONNX_DEFAULT_ITER} 次。${MEASURED.zh}同一台繁忙机器上使用 ONNX Runtime 默认线程数时，` +
        '无论迭代多少次，各次运行均值的波动都达 56–92%：在共享机器上请设置 --intra-op-threads 1。',
    },
  },
  load_and_run: {
    flag: 'iter',
    iter: 100,
    reason: {
      en:
        'load_and_run’s own default is 10 timed iterations: use --iter 100 for a comparison. With --iter 10 a real ' +
        'load_and_run on a quiet 2-core x86 machine gave run means from 17.8 to 21.5 ms for the same flags, more ' +
        `than most options change. ${MEASURED.en} For a slow model, about a minute of timed runs is plenty.`,
      zh:
        'load_and_run 自身默认计时 10 次：做比较时请用 --iter 100。在安静的 2 核 x86 机器上，真实 load_and_run 以 ' +
        `--iter 10 运行相同参数，各次均值从 17.8 到 21.5 ms，超过多数选项带来的变化。${MEASURED.zh}模型很慢时，约一分钟的计时运行已足够。`,
    },
  },
};
