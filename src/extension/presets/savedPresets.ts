/**
 * Presets the user saved (from a study's winner): a label and a flag set per engine, kept in the
 * workspace state so the Benchmark panel can offer them next to the engine's own presets.
 */
import type * as vscode from 'vscode';
import type { FlagSet } from '../../core/engine';

export interface SavedPreset {
  label: string;
  flags: FlagSet;
}

const KEY = 'lar-explorer.savedPresets';
const MAX_PER_ENGINE = 50;

export class SavedPresets {
  constructor(private readonly state: vscode.Memento) {}

  list(engineId: string): SavedPreset[] {
    const all = this.state.get<Record<string, SavedPreset[]>>(KEY, {});
    const list = all[engineId];
    return Array.isArray(list) ? list : [];
  }

  /** Save (a preset with the same label is replaced), newest first. */
  async save(engineId: string, preset: SavedPreset): Promise<void> {
    const all = { ...this.state.get<Record<string, SavedPreset[]>>(KEY, {}) };
    const rest = this.list(engineId).filter((p) => p.label !== preset.label);
    all[engineId] = [preset, ...rest].slice(0, MAX_PER_ENGINE);
    await this.state.update(KEY, all);
  }
}
