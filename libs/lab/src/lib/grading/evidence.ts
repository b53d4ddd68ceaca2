/**
 * The evidence/report contract of libs/grader/src/api.ts, re-exported for the engine.
 * libs/grader has no index.ts yet, so `@socklab/grader` does not resolve: these are the
 * same shapes, declared structurally identical to api.ts (keep in sync; switch to
 * `export type { … } from '@socklab/grader'` once it is exported).
 */
import type { Check, ExerciseSpec } from '@socklab/exercise';
import type { Trace } from '@socklab/trace';

export interface ProcessOutcome {
  host: string;
  pid: number;
  startedAt: number;
  exitedAt: number | null;
  exitCode: number | null;
  signal: string | null;
  killedByLab: boolean;
  timedOut: boolean;
  stdout: string;
  stderr: string;
  outputTruncated: boolean;
  aliveAtEnd: boolean;
}

export interface StepOutcome {
  path: string;
  id?: string;
  action: string;
  status: 'done' | 'failed' | 'timeout' | 'skipped';
  message?: string;
  tStart: number;
  tEnd: number | null;
}

export interface StreamRecord {
  sent: string;
  received: string;
}

export interface ScenarioEvidence {
  scenarioId: string;
  trace: Trace;
  processes: ProcessOutcome[];
  steps: StepOutcome[];
  streams: Record<string, StreamRecord>;
  hostAddresses: Record<string, string>;
  port: number;
}

export type CheckStatus = 'pass' | 'fail' | 'error';

export type EvidenceRef =
  | { kind: 'packet'; index: number; t: number }
  | { kind: 'state'; connectionId: string; endpoint: string; state: string; t: number }
  | { kind: 'syscall'; pid: number; name: string; t: number }
  | { kind: 'process'; host: string; pid: number }
  | { kind: 'step'; path: string };

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  points: number;
  maxPoints: number;
  visibility: Check['visibility'];
  message: string;
  explanation: string;
  evidence: EvidenceRef[];
}

export interface ScenarioReport {
  id: string;
  title: string;
  checks: CheckResult[];
}

export interface GradeReport {
  score: number;
  maxScore: number;
  gradable: boolean;
  scenarios: ScenarioReport[];
}

export type GradeFunction = (spec: ExerciseSpec, evidence: ScenarioEvidence[]) => GradeReport;
