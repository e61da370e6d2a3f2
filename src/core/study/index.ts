/** Studies (issue #10): many runs of many candidates, interleaved, judged with the run as the unit. */
export * from './studyTypes';
export type { StudyDeps, StudyTargetDeps, StudyRunRequest, StudyRunExecutor } from './studyDeps';
export { StudyStore, StudyNotFoundError, STUDIES_FOLDER } from './studyStore';
export {
  guideCandidatesFor,
  presetCandidates,
  parseCandidateLine,
  parseCandidateFile,
  screenCandidates,
} from './candidateSources';
export { runStudy, resumeStudy, checkDefinition, StudyDefinitionError } from './runStudy';
export { parseObjective, describeObjective, measureRun } from './runMeasures';
export { MIN_VERDICT_ROUNDS, RACING_FROM_ROUND, STUDY_METHOD, EQUIVALENCE_MARGIN } from './studyStatistics';
export { inferencesToBreakEven } from './breakEven';
