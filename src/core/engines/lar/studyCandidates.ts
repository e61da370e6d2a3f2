/**
 * load_and_run's study candidates: the options of its user guide (lar-inference-optimize.zh.rst),
 * picked by the target's architecture, for `Engine.study`. The study runs and screens them.
 */
import type { EngineStudy, FlagSet, TargetTraits } from '../../engine';
import { ALGO_CACHE, BASELINE_LABEL, DUMPED_MODEL, isArm, isX86, type Candidate } from '../../studyCandidate';

/**
 * The guide's options (lar-inference-optimize.zh.rst) as candidates, baseline first. Layout options
 * follow the arch: nchw44 / nchw44-dot on Arm, nchw88 on x86 (unknown arch: both kinds, the
 * screening and the racing sort them out). `cuda` targets get the CUDA layout transform.
 */
export function guideCandidates(traits: TargetTraits = {}, device: 'cpu' | 'cuda' = 'cpu'): Candidate[] {
  const g = (label: string, flags: FlagSet, extra: Partial<Candidate> = {}): Candidate => ({
    label,
    flags,
    source: 'guide',
    ...extra,
  });
  const out: Candidate[] = [
    g(BASELINE_LABEL, {}),
    g('fast-run', { 'fast-run': true }),
    g('full-run', { 'full-run': true }),
    g('weight-preprocess', { 'weight-preprocess': true }),
    g('fast-run+weight-preprocess', { 'fast-run': true, 'weight-preprocess': true }),
    g(
      'fast-run-cache',
      { 'fast-run-algo-policy': ALGO_CACHE },
      {
        prepare: { kind: 'algo-cache', flags: { 'fast-run': true, 'fast-run-algo-policy': ALGO_CACHE } },
        note: {
          en: 'fast-run searched once (the preparation, kept apart), then every process reads the algo cache',
          zh: 'fast-run 只搜索一次（准备步骤，单独计时），之后每个进程读取算法缓存',
        },
      },
    ),
    g('fake-first', { 'fake-first': true, 'warmup-iter': 2 }),
    g('fuse-conv-bias-nonlinearity', { 'enable-fuse-conv-bias-nonlinearity': true }),
    g('fuse-conv-bias-with-z', { 'enable-fuse-conv-bias-with-z': true }),
    g('record-comp-seq', { 'record-comp-seq': true }),
    g(`layout-transform-${device}`, { 'layout-transform': device }),
    g(
      `layout-transform-${device}-dumped`,
      {},
      {
        prepare: {
          kind: 'dumped-model',
          flags: { 'layout-transform': device, 'layout-transform-dump': DUMPED_MODEL },
        },
        note: {
          en: 'the global layout transform done once and dumped; runs load the dumped model',
          zh: '全局 layout 优化只做一次并 dump；之后加载 dump 出的模型',
        },
      },
    ),
  ];
  const arm = isArm(traits.arch);
  const x86 = isX86(traits.arch);
  if (device === 'cpu' && (arm || !x86)) {
    out.push(
      g('nchw44', { 'enable-nchw44': true }, { platforms: ['arm'] }),
      g('nchw44-dot', { 'enable-nchw44-dot': true }, { platforms: ['arm'] }),
    );
  }
  if (device === 'cpu' && (x86 || !arm))
    out.push(g('nchw88', { 'enable-nchw88': true }, { platforms: ['x86'] }));
  return out;
}

/** The guide set for any target; the one-click set is the defaults and each preset (the default). */
export const larStudy: EngineStudy = {
  guide: (traits) => guideCandidates(traits),
};
