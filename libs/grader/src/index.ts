// @socklab/grader — pure grading: (exercise spec, scenario evidence) → report, and what each viewer may see of it.
export type {
  CheckResult,
  CheckStatus,
  EvidenceRef,
  GradeFunction,
  GradeReport,
  ProcessOutcome,
  ScenarioEvidence,
  ScenarioReport,
  StepOutcome,
  StreamRecord,
  Viewer,
} from './api';
export { grade } from './grade';
export { viewReport } from './view-report';
