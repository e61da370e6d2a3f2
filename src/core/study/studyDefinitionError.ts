/**
 * What no run can fix in a study's definition (labels, baseline, targets, budget, a candidate line,
 * the objective): thrown before anything starts. `message` is English; `zh` says the same in
 * Simplified Chinese for shells that speak it (as RunnerError carries its `zh`).
 */
export class StudyDefinitionError extends Error {
  readonly zh: string;

  constructor(message: string, zh?: string) {
    super(message);
    this.name = 'StudyDefinitionError';
    this.zh = zh ?? message;
  }
}
