/**
 * The load_and_run flag catalogue: every flag of the current tool (lite/load_and_run), as data.
 * Source of truth: the real `--help` of a MegEngine 1.9999 build (test/fixtures/real-logs/02_help.out)
 * plus the CUDA/TensorRT flags that a CPU-only build leaves out. Defaults are the ones --help prints;
 * Chinese wording follows the user guide (lar-inference-optimize.zh.rst) where it has any.
 * The order here is the order flags are written on a command line.
 * gflags' own flags (--flagfile, --helpxml ...) are left out on purpose: they are not benchmark options.
 */

import type { FlagCatalog, FlagGroup, FlagSpec } from '../../engine';
import { LAR_RUN_FLAGS } from './catalogRunFlags';
import { LAR_TOOL_FLAGS } from './catalogToolFlags';

export { UINT64_MAX } from './catalogSpec';

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

const FLAGS: FlagSpec[] = [...LAR_RUN_FLAGS, ...LAR_TOOL_FLAGS];

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
