/**
 * The building blocks of the load_and_run catalogue's flag tables (catalogRunFlags.ts,
 * catalogToolFlags.ts): one `flag(...)` per entry, shared hints and constants.
 */
import type { FlagKind, FlagSpec, LocalizedText } from '../../engine';

export type Extra = Omit<FlagSpec, 'name' | 'group' | 'kind' | 'description'>;

export function flag(
  name: string,
  group: string,
  kind: FlagKind,
  en: string,
  zh: string,
  extra: Extra = {},
): FlagSpec {
  return { name, group, kind, description: { en, zh }, ...extra };
}

export const hint = (en: string, zh: string): LocalizedText => ({ en, zh });
export const CUDA_ONLY: Extra = {
  platforms: ['cuda'],
  platformHint: hint('NVIDIA GPU (CUDA builds only)', 'NVIDIA GPU（仅 CUDA 版本）'),
};

/** Largest uint64: --workspace-limit's default, beyond JavaScript's safe integers, so kept as text. */
export const UINT64_MAX = '18446744073709551615';
