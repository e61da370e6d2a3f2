/**
 * The Benchmark panel's state, owned by the host: the target, the flags and the input rows of one
 * panel, and the rules for changing them (an edit, a preset, a paste, picked files, a re-run). The
 * engine's input flag is never kept as a flag: it is composed from the rows by the engine, so the
 * webview edits rows and never learns the syntax. No vscode import: tested in plain Node.
 */
import type { Engine, FlagSet, InputRow } from '../../core/engine';

export class PanelStateKeeper {
  targetId: string;
  private flagSet: FlagSet = {};
  private rows: InputRow[] = [];
  /** The last webview edit taken in (echoed back so the webview can drop stale states). */
  echo = 0;

  constructor(
    private readonly engine: Engine | undefined,
    targetId: string,
  ) {
    this.targetId = targetId;
  }

  /** Every flag except the input flag. */
  get flags(): FlagSet {
    return { ...this.flagSet };
  }

  get inputs(): InputRow[] {
    return this.rows.map((r) => ({ ...r }));
  }

  /** The flags a run gets: the form's, plus the input flag composed from the rows when any is filled. */
  runFlags(): FlagSet {
    const syntax = this.engine?.inputs;
    const flags = { ...this.flagSet };
    if (!syntax) return flags;
    const value = syntax.compose(this.rows);
    if (value !== '') flags[syntax.flag] = value;
    return flags;
  }

  /** The webview's form changed (edit `seq`); an input flag sent as a flag is read into rows. */
  editFlags(seq: number, flags: FlagSet): void {
    this.echo = Math.max(this.echo, seq);
    this.setFlags(flags);
  }

  editInputs(seq: number, rows: InputRow[]): void {
    this.echo = Math.max(this.echo, seq);
    this.rows = rows.map((r) => ({ name: r.name, value: r.value }));
  }

  /** Start from these flags (a re-run, a paste): the input flag, if any, replaces the rows. */
  setFlags(flags: FlagSet): void {
    const syntax = this.engine?.inputs;
    const { [syntax?.flag ?? '']: input, ...rest } = flags;
    this.flagSet = syntax ? rest : { ...flags };
    if (syntax && typeof input === 'string') this.rows = syntax.parse(input);
  }

  setInputs(rows: InputRow[]): void {
    this.rows = rows.map((r) => ({ name: r.name, value: r.value }));
  }

  /** A preset adds its flags to the current ones; false when the engine has no such preset. */
  applyPreset(presetId: string): boolean {
    const preset = this.engine?.presets.find((p) => p.id === presetId);
    if (!preset) return false;
    this.setFlags({ ...this.flagSet, ...preset.flags });
    return true;
  }

  /** "Clear flags": the flags go, the input rows stay (the model still needs its data). */
  clearFlags(): void {
    this.flagSet = {};
  }

  /** Picked data files become rows (a `.json` names its own inputs); an empty trailing row is reused. */
  addFiles(files: readonly string[]): void {
    if (files.length === 0) return;
    this.rows = this.rows.filter((r) => r.value.trim() !== '' || r.name.trim() !== '');
    for (const f of files) this.rows.push({ name: f.endsWith('.json') ? '' : 'data', value: f });
  }
}
