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
  /** "Profile this run": the file the engine's profiling flag gets, or null when the toggle is off. */
  private profileFile: string | null = null;
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

  /**
   * The flags a run gets: the form's, the profiling flag when "Profile this run" is on (a path the
   * user typed wins), plus the input flag composed from the rows when any is filled.
   */
  runFlags(opts: { profiling?: boolean } = {}): FlagSet {
    const syntax = this.engine?.inputs;
    const flags = { ...this.flagSet };
    const profileFlag = this.engine?.profile?.flag;
    if (opts.profiling !== false && this.profileFile && profileFlag && !hasText(flags[profileFlag]))
      flags[profileFlag] = this.profileFile;
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

  /** Whether the run will profile: the toggle, or a profiling flag the user set in the form. */
  get profiling(): boolean {
    const flags = this.engine?.profile?.flags ?? [];
    return this.profileFile !== null || flags.some((f) => hasText(this.flagSet[f]));
  }

  /**
   * "Profile this run" on (with the file the next run writes) or off; off also clears a profiling
   * flag typed into the form, so the toggle always tells the truth about the run.
   */
  setProfiling(on: boolean, file: string): void {
    this.profileFile = on && this.engine?.profile ? file : null;
    if (!on) for (const f of this.engine?.profile?.flags ?? []) delete this.flagSet[f];
  }

  /** A run took the current profile file: the next run writes a new one (profiles are never overwritten). */
  nextProfileFile(file: string): void {
    if (this.profileFile !== null) this.profileFile = file;
  }

  /** Picked data files become rows (a `.json` names its own inputs); an empty trailing row is reused. */
  addFiles(files: readonly string[]): void {
    if (files.length === 0) return;
    this.rows = this.rows.filter((r) => r.value.trim() !== '' || r.name.trim() !== '');
    for (const f of files) this.rows.push({ name: f.endsWith('.json') ? '' : 'data', value: f });
  }
}

function hasText(v: unknown): boolean {
  return typeof v === 'string' && v.trim() !== '';
}
