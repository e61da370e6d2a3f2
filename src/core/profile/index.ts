/** Per-operator profiles of every engine and the diff of two: the public face of `core/profile`. */
export * from './operatorProfile';
export { JsonSelector, JsonSyntaxError, type JsonPathPattern } from './jsonSelector';
export { ProfileFormatError } from './profileFormatError';
export {
  readProfileChunks,
  readProfileFile,
  sniffProfileKind,
  type ProfileKind,
  type ReadProfileOptions,
} from './readProfile';
export {
  diffProfiles,
  type DiffContribution,
  type DiffOptions,
  type MatchKind,
  type OperatorDelta,
  type ProfileDiff,
  type TypeDelta,
} from './profileDiff';
export {
  hasProfile,
  isProfiledRun,
  PROFILE_DIR,
  profileFileFor,
  profilePathOf,
  profileReadOptionsOf,
} from './recordProfile';
