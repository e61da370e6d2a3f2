/**
 * One target of a study: screening, preparations, then rounds until settled, out of budget, failed
 * or cancelled. One run at a time on a target; several targets run their sessions side by side.
 * Everything measured goes into the shared study record through `StudyLedger` (which writes it).
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { FlagSet, FlagValue } from '../engine';
import type { RunRecord } from '../records/runRecord';
import { collectDeviceFacts } from '../runners/deviceFacts';
import { screenCandidates } from './candidateSources';
import { artifactPath, fillArtifact, preparedFrom, reusablePreparation } from './preparedArtifacts';
import { roundOrder } from './roundOrder';
import { recordForSlot, restoredState } from './studyRestore';
import { measureRun, type RunMeasures } from './runMeasures';
import { abortableSleep, type StudyDeps, type StudyRunRequest } from './studyDeps';
import { decisionAlpha } from './studyStatistics';
import { judgeTarget, type CandidateState, type RoundObservations } from './targetJudgement';
import type { Candidate, ScheduledRun, StopReason, StudyRecord, TargetOutcome } from './studyTypes';

/** What a target session needs from the study around it. */
export interface StudyLedger {
  record: StudyRecord;
  deps: StudyDeps;
  signal: AbortSignal;
  /** Persist the record (serialized, atomic). */
  save(): Promise<void>;
  /** Wall time spent so far, ms (all sessions). */
  elapsedMs(): number;
  execute(req: StudyRunRequest, signal: AbortSignal): Promise<RunRecord>;
  /** Save a finished run's record (tagged with the study). */
  keep(req: StudyRunRequest, record: RunRecord): Promise<RunRecord>;
  /** Run records of this study already in the store (resume), by id. */
  known: Map<string, RunRecord>;
  artifactDir: string;
  modelSha256: string | null;
}

const DEFAULT_MAX_ROUNDS = 10;

export class TargetSession {
  private readonly def: StudyRecord['definition'];
  private readonly outcome: TargetOutcome;
  private readonly states = new Map<string, CandidateState>();
  private readonly candidates = new Map<string, Candidate>();
  private readonly observations = new Map<number, RoundObservations>();
  private alpha = 0.05;
  private runsDone = 0;
  private runMsTotal = 0;

  constructor(
    private readonly ledger: StudyLedger,
    private readonly index: number,
  ) {
    this.def = ledger.record.definition;
    const name = this.def.targets[index].name;
    let outcome = ledger.record.targets.find((t) => t.name === name);
    if (!outcome) {
      outcome = { name, roundsDone: 0, noiseFloor: null, ranking: [], rounds: [], excluded: [] };
      ledger.record.targets.push(outcome);
    }
    this.outcome = outcome;
  }

  private get name(): string {
    return this.outcome.name;
  }

  private emit(e: Parameters<NonNullable<StudyDeps['onEvent']>>[0]): void {
    this.ledger.deps.onEvent?.(e);
  }

  async run(): Promise<StopReason> {
    const reason = await this.runRounds();
    await this.readDeviceAfter();
    return reason;
  }

  private async runRounds(): Promise<StopReason> {
    delete this.outcome.stoppedBecause;
    const spec = this.def.targets[this.index];
    const { usable, excluded } = screenCandidates(
      this.ledger.deps.engine,
      this.def.candidates,
      this.def.commonFlags,
      spec.traits,
    );
    this.outcome.excluded = excluded;
    for (const x of excluded)
      this.emit({ type: 'candidate-excluded', target: this.name, candidate: x.label, reason: x.reason });
    if (!usable.some((c) => c.label === this.def.baseline)) {
      const why = excluded.find((x) => x.label === this.def.baseline)?.reason ?? 'not among the candidates';
      return this.stop('failed', `the baseline ${this.def.baseline} cannot run here: ${why}`);
    }
    this.restoreStates(usable);
    this.alpha = decisionAlpha(usable.length - 1, this.maxRounds());
    this.restoreObservations();

    for (const c of usable.filter((c) => c.prepare)) {
      if (this.ledger.signal.aborted) return this.stop('cancelled');
      await this.prepare(c);
    }
    if (this.states.get(this.def.baseline)!.status === 'failed')
      return this.stop('failed', this.states.get(this.def.baseline)!.reason);

    for (;;) {
      if (this.ledger.signal.aborted) return this.stop('cancelled');
      const pending = this.pendingRound();
      if (!pending && this.outOfBudget()) return this.stop('budget');
      const round = pending ?? this.startRound();
      const stop = await this.runRound(round);
      if (stop) return this.stop(stop);
      const judged = this.judge(this.def.racing !== false);
      this.outcome.roundsDone = round;
      for (const d of judged.drops) {
        const s = this.states.get(d.label)!;
        s.status = 'dropped';
        s.reason = d.reason;
        this.emit({
          type: 'candidate-dropped',
          target: this.name,
          candidate: d.label,
          round,
          reason: d.reason,
        });
      }
      await this.ledger.save();
      if (judged.settled) return this.stop('settled');
    }
  }

  private maxRounds(): number | undefined {
    const b = this.def.budget;
    return b.maxRounds ?? (b.wallMs === undefined ? DEFAULT_MAX_ROUNDS : undefined);
  }

  private outOfBudget(): boolean {
    const max = this.maxRounds();
    if (max !== undefined && this.outcome.roundsDone >= max) return true;
    const wall = this.def.budget.wallMs;
    return wall !== undefined && this.ledger.elapsedMs() >= wall;
  }

  private schedule(): ScheduledRun[] {
    return this.ledger.record.schedule.filter((s) => s.target === this.name);
  }

  /** The round in the schedule that has slots left (a resumed study continues it). */
  private pendingRound(): number | null {
    const open = this.schedule().filter(
      (s) => s.round > 0 && !isDone(s) && this.states.get(s.candidate)?.status === 'live',
    );
    return open.length > 0 ? open[0].round : null;
  }

  private startRound(): number {
    const round = this.outcome.roundsDone + 1;
    const live = [...this.states.values()].filter((s) => s.status === 'live').map((s) => s.label);
    const order = roundOrder(this.def.seed, this.index, round, live, this.def.baseline);
    order.forEach((o, position) =>
      this.ledger.record.schedule.push({
        target: this.name,
        round,
        position,
        candidate: o.candidate,
        slot: o.slot,
      }),
    );
    this.emit({ type: 'round-started', target: this.name, round, order: order.map((o) => o.candidate) });
    return round;
  }

  /** Runs the round's open slots; returns a stop reason when the target must stop. */
  private async runRound(round: number): Promise<StopReason | null> {
    for (const slot of this.schedule().filter((s) => s.round === round)) {
      if (isDone(slot) || this.states.get(slot.candidate)?.status !== 'live') continue;
      if (this.ledger.signal.aborted) return 'cancelled';
      const wall = this.def.budget.wallMs;
      if (wall !== undefined && this.ledger.elapsedMs() >= wall) return 'budget';
      if (this.runsDone > 0 && this.def.cooldownMs > 0) {
        await (this.ledger.deps.sleep ?? abortableSleep)(this.def.cooldownMs, this.ledger.signal);
        if (this.ledger.signal.aborted) return 'cancelled';
      }
      const record = await this.runSlot(slot);
      if (record.status === 'cancelled') return 'cancelled';
      if (this.states.get(this.def.baseline)!.status === 'failed') return 'failed';
      this.emitRanking(round);
    }
    return null;
  }

  private async runSlot(slot: ScheduledRun): Promise<RunRecord> {
    const cand = this.candidates.get(slot.candidate)!;
    const role = slot.candidate === this.def.baseline ? 'baseline' : 'candidate';
    const req: StudyRunRequest = {
      studyId: this.ledger.record.id,
      target: this.name,
      round: slot.round,
      candidate: slot.candidate,
      role,
      slot: slot.slot,
      model: this.modelFor(cand),
      flags: this.flagsFor(cand, cand.flags),
      label: `${slot.candidate} · round ${slot.round}${slot.slot === 'only' ? '' : ` (${slot.slot})`}`,
      collectFacts: this.runsDone === 0,
    };
    this.emit({
      type: 'run-started',
      target: this.name,
      round: slot.round,
      candidate: slot.candidate,
      slot: slot.slot,
    });
    slot.startedAt = new Date().toISOString();
    const t0 = Date.now();
    const record = await this.ledger.keep(req, await this.ledger.execute(req, this.ledger.signal));
    this.runMsTotal += Date.now() - t0;
    this.runsDone++;
    this.absorb(slot, record);
    await this.ledger.save();
    this.emit({
      type: 'run-finished',
      target: this.name,
      round: slot.round,
      candidate: slot.candidate,
      slot: slot.slot,
      runId: record.id,
      status: record.status,
      value: slot.value ?? null,
    });
    return record;
  }

  /** Put a finished run into the schedule and the observations; a failing candidate fails only itself. */
  private absorb(slot: ScheduledRun, record: RunRecord): void {
    slot.runId = record.id;
    slot.status = record.status;
    slot.endedAt = record.endedAt;
    const measures = measureRun(record, this.def.objective);
    slot.value = measures?.value ?? null;
    const state = this.states.get(slot.candidate)!;
    state.command = record.command;
    this.noteDevice(record);
    if (record.status === 'cancelled') return;
    if (!measures) {
      state.status = 'failed';
      state.reason = `round ${slot.round}: ${record.reason || `run ended ${record.status} without an inference summary`} (run ${record.id.slice(0, 8)})`;
      this.emit({
        type: 'candidate-failed',
        target: this.name,
        candidate: slot.candidate,
        reason: state.reason,
        runId: record.id,
      });
      return;
    }
    this.observe(slot, measures);
  }

  private observe(slot: ScheduledRun, m: RunMeasures): void {
    let obs = this.observations.get(slot.round);
    if (!obs) {
      obs = { round: slot.round, byCandidate: {} };
      this.observations.set(slot.round, obs);
    }
    if (slot.slot === 'a') obs.a = m;
    else if (slot.slot === 'b') obs.b = m;
    else obs.byCandidate[slot.candidate] = m;
  }

  private noteDevice(record: RunRecord): void {
    const facts = record.host.device;
    if (!facts) return;
    this.outcome.device ??= {};
    if (facts.before && !this.outcome.device.before) this.outcome.device.before = facts.before;
    if (facts.after) this.outcome.device.after = facts.after;
  }

  private judge(racing: boolean) {
    const rounds = [...this.observations.values()].sort((x, y) => x.round - y.round);
    const perInference = this.def.objective.kind === 'cost' ? 'meanMs' : 'value';
    const judged = judgeTarget(
      this.def.baseline,
      [...this.states.values()],
      rounds,
      this.alpha,
      racing,
      perInference,
    );
    this.outcome.noiseFloor = judged.noiseFloor;
    this.outcome.ranking = judged.ranking;
    this.outcome.rounds = judged.rounds;
    return judged;
  }

  private emitRanking(round: number): void {
    const judged = this.judge(false);
    const alive = [...this.states.values()].filter((s) => s.status === 'live').length;
    this.emit({
      type: 'ranking-updated',
      target: this.name,
      round,
      ranking: judged.ranking,
      noiseFloor: judged.noiseFloor,
      alive,
      etaMs: this.eta(alive),
    });
  }

  private eta(alive: number): number | null {
    if (this.runsDone === 0) return null;
    const perRun = this.runMsTotal / this.runsDone;
    const max = this.maxRounds();
    const byRounds = max === undefined ? Infinity : (max - this.outcome.roundsDone) * (alive + 1) * perRun;
    const wall = this.def.budget.wallMs;
    const byWall = wall === undefined ? Infinity : Math.max(0, wall - this.ledger.elapsedMs());
    const eta = Math.min(byRounds, byWall);
    return Number.isFinite(eta) ? Math.round(eta) : null;
  }

  /** The device after the target's last run (one read, not one per run). */
  private async readDeviceAfter(): Promise<void> {
    const runner = this.ledger.deps.targets[this.name]?.runner;
    if (!runner?.exec || this.ledger.deps.collectFacts === false || this.ledger.signal.aborted) return;
    try {
      const facts = await collectDeviceFacts((p, a) => runner.exec!(p, a, { timeoutMs: 10_000 }));
      if (Object.keys(facts).length > 0) (this.outcome.device ??= {}).after = facts;
    } catch {
      // Facts are best effort: they never fail a study.
    }
  }

  private stop(reason: StopReason, why?: string): StopReason {
    if (why) this.outcome.excluded.push({ label: this.def.baseline, reason: why });
    this.judge(false);
    this.outcome.stoppedBecause = reason;
    return reason;
  }

  // ---- flags, models, preparations -------------------------------------------------------------

  /** The model and flags a run of this candidate gets here (the closing profiles reuse them). */
  setupFor(label: string): { model: string; flags: FlagSet } | null {
    const c = this.candidates.get(label);
    return c ? { model: this.modelFor(c), flags: this.flagsFor(c, c.flags) } : null;
  }

  private flagsFor(c: Candidate, own: FlagSet, forPreparation = false): FlagSet {
    const flags: FlagSet = {
      ...this.def.commonFlags,
      iter: this.def.iterations,
      'warmup-iter': this.def.warmups,
    };
    if (forPreparation) flags.iter = 1;
    for (const [k, v] of Object.entries(own)) flags[k] = this.fill(v, c);
    return flags;
  }

  private artifactPath(c: Candidate): string {
    return artifactPath(this.ledger.artifactDir, this.name, this.def.model, c, this.ledger.deps.engine);
  }

  private fill(v: FlagValue, c: Candidate): FlagValue {
    return fillArtifact(v, c, this.artifactPath(c));
  }

  private modelFor(c: Candidate): string {
    return c.prepare?.kind === 'dumped-model' ? this.artifactPath(c) : this.def.model;
  }

  private async prepare(c: Candidate): Promise<void> {
    const key = {
      target: this.name,
      program: this.ledger.deps.targets[this.name]?.program ?? this.def.targets[this.index].program ?? '',
      modelSha256: this.ledger.modelSha256,
      flags: c.prepare!.flags,
    };
    const path = this.artifactPath(c);
    const prior = reusablePreparation(this.ledger.record.preparations, this.name, c, key, path);
    if (prior) {
      this.states.get(c.label)!.preparationMs = prior.costMs;
      return;
    }
    await mkdir(dirname(path), { recursive: true });
    const req: StudyRunRequest = {
      studyId: this.ledger.record.id,
      target: this.name,
      round: 0,
      candidate: c.label,
      role: 'preparation',
      model: this.def.model,
      flags: this.flagsFor(c, c.prepare!.flags, true),
      label: `${c.label} · preparation (${c.prepare!.kind})`,
      collectFacts: false,
    };
    const record = await this.ledger.keep(req, await this.ledger.execute(req, this.ledger.signal));
    const artifact = preparedFrom(record, this.name, c, key, this.ledger.artifactDir, path);
    const ok = artifact.status === 'ok';
    const costMs = artifact.costMs;
    this.ledger.record.preparations.push(artifact);
    const state = this.states.get(c.label)!;
    state.preparationMs = costMs;
    if (!ok && record.status !== 'cancelled') {
      state.status = 'failed';
      state.reason = `preparation failed: ${artifact.reason} (run ${record.id.slice(0, 8)})`;
      this.emit({
        type: 'candidate-failed',
        target: this.name,
        candidate: c.label,
        reason: state.reason,
        runId: record.id,
      });
    }
    this.emit({ type: 'preparation-finished', target: this.name, artifact });
    await this.ledger.save();
  }

  // ---- resume ------------------------------------------------------------------------------------

  private restoreStates(usable: Candidate[]): void {
    for (const c of usable) {
      this.candidates.set(c.label, c);
      this.states.set(c.label, restoredState(c, this.outcome.ranking));
    }
  }

  /** Rebuild what earlier sessions measured from their run records. */
  private restoreObservations(): void {
    for (const slot of this.schedule()) {
      const record = recordForSlot(slot, this.name, this.ledger.known);
      if (!record) continue;
      if (record.status === 'cancelled') slot.status = 'cancelled';
      else if (this.states.get(slot.candidate)) this.absorb(slot, record);
    }
  }
}

function isDone(s: ScheduledRun): boolean {
  return s.runId !== undefined && s.status !== undefined && s.status !== 'cancelled';
}
