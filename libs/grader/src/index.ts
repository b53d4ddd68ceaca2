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
export { segmentsCounted, type CountableSegment, type SegmentCounter } from './evaluation/segment-counters';
export { senderSide } from './evaluation/sender-side-segments';
export { mergeStateHistory, type StateStep } from './evaluation/state-history';
export { comparisonHolds } from './checks/counter';
export { viewReport } from './view-report';
