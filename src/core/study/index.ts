/** Studies (issue #10): many runs of many candidates, interleaved, judged with the run as the unit. */
export * from './studyTypes';
export type { StudyDeps, StudyTargetDeps, StudyRunRequest, StudyRunExecutor } from './studyDeps';
export { StudyStore, StudyNotFoundError, STUDIES_FOLDER } from './studyStore';
export {
  guideCandidates,
  onnxGuideCandidates,
  guideCandidatesFor,
  presetCandidates,
  parseCandidateLine,
  parseCandidateFile,
  screenCandidates,
} from './candidateSources';
export { runStudy, resumeStudy } from './runStudy';
