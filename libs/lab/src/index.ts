// @socklab/lab — the lab job engine.
export { execute, type ExecuteOptions, type ExerciseInput, type SubmissionInput } from './lib/execute';
export type { LabReport, BuildResult, ArtifactRecord, LabTimings } from './lib/report';
export { LabError, isLabError, type LabErrorCode } from './lib/errors';
export { contractState } from './lib/events';
export type { LabEventListener } from './lib/events';
export type {
  ScenarioEvidence,
  ProcessOutcome,
  StepOutcome,
  StreamRecord,
  GradeFunction,
  GradeReport,
} from '@socklab/grader';
export type { SubmissionFile } from './lib/build/workspace';
export { mapConcurrently } from './lib/run-at-most';
export {
  selfTestExercise,
  type SelfTestOptions,
  type SelfTestReport,
  type SolutionResult,
} from './lib/self-test';
