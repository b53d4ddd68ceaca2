/**
 * The contract between the lab engine (libs/lab), which gathers evidence while a scenario
 * runs, and the grader, a pure function from (spec, evidence) to a report.
 *
 * Times are nanoseconds since the scenario trace's `clock.originNs` (CLOCK_MONOTONIC),
 * the same axis as every `t` in trace.json.
 */
import type { Check, ExerciseSpec } from '@socklab/exercise';
import type { Trace } from '@socklab/trace';

/** One run of a learner program (a restart produces a second outcome for the same host). */
export interface ProcessOutcome {
  host: string;
  pid: number;
  startedAt: number;
  exitedAt: number | null;
  exitCode: number | null;
  /** Signal that ended the process, e.g. 'SIGPIPE'; null when it exited or still runs. */
  signal: string | null;
  /** The lab killed it at the scenario's end or wall limit (not the program's own doing). */
  killedByLab: boolean;
  /**
   * When the lab began stopping this run: its termination signal at the scenario's end, at a
   * restart step, at the wall limit or on cancel; null when the program ended on its own or
   * was never stopped. What the run's sockets and system calls do from this instant on (the
   * kernel closing sockets with FIN or RST, exit handlers) is the lab's doing: the grader
   * leaves it out of every check (evaluation/program-view.ts); trace.json keeps it.
   */
  stoppedByLabAt: number | null;
  timedOut: boolean;
  /**
   * Exercise limits the run ran into, when the sandbox can tell: `memory` — the kernel's OOM
   * killer ended it; `processes` — a fork() or thread creation was refused (EAGAIN).
   */
  limitsReached?: ('memory' | 'processes')[];
  stdout: string;
  stderr: string;
  outputTruncated: boolean;
  /** Still running when the scenario's last step and settle time were over. */
  aliveAtEnd: boolean;
}

/** What happened to one step of the scenario (nested steps get their own entries). */
export interface StepOutcome {
  /** Position in the spec, e.g. 'steps[2]' or 'steps[1].repeat[3].steps[0]'. */
  path: string;
  id?: string;
  action: string;
  status: 'done' | 'failed' | 'timeout' | 'skipped';
  /** For failed/timeout: what was awaited and what was seen, in words. */
  message?: string;
  tStart: number;
  tEnd: number | null;
}

/** Bytes a named peer connection sent and received, base64-encoded. */
export interface StreamRecord {
  sent: string;
  received: string;
}

export interface ScenarioEvidence {
  scenarioId: string;
  trace: Trace;
  processes: ProcessOutcome[];
  steps: StepOutcome[];
  /** Keyed by the connection name the steps gave it (`as: c1`). */
  streams: Record<string, StreamRecord>;
  /** Host name (learner and peer) → IPv4 address in this scenario's lab network. */
  hostAddresses: Record<string, string>;
  /** The port `{port}` stood for in this scenario. */
  port: number;
}

/** A pointer into the evidence that a learner (or the portal) can follow. */
export type EvidenceRef =
  | { kind: 'packet'; index: number; t: number }
  | { kind: 'state'; connectionId: string; endpoint: string; state: string; t: number }
  | { kind: 'syscall'; pid: number; name: string; t: number }
  | { kind: 'process'; host: string; pid: number }
  | { kind: 'step'; path: string };

export type CheckStatus = 'pass' | 'fail' | 'error';

export interface CheckResult {
  id: string;
  title: string;
  status: CheckStatus;
  points: number;
  maxPoints: number;
  visibility: Check['visibility'];
  /** Pass: what was observed. Fail: numbered step log — expected, observed, where to look. */
  message: string;
  explanation: string;
  evidence: EvidenceRef[];
}

export interface ScenarioReport {
  id: string;
  title: string;
  checks: CheckResult[];
}

/**
 * Scoring: a check is worth `points` in total, shared equally among the scenarios it
 * applies to (all, unless the check lists some); each scenario's share is earned when the
 * check passes there. `status: 'error'` (the evidence needed was unavailable, e.g. a trace
 * source failed) earns nothing and makes the run not gradable.
 */
export interface GradeReport {
  score: number;
  maxScore: number;
  /** False when any check could not be evaluated for infrastructure reasons. */
  gradable: boolean;
  scenarios: ScenarioReport[];
}

export type GradeFunction = (spec: ExerciseSpec, evidence: ScenarioEvidence[]) => GradeReport;

/** Who looks at a report: learners do not see hidden checks' details (nor after-due ones before the due date). */
export interface Viewer {
  role: 'learner' | 'instructor';
  now: Date;
  dueAt?: Date | null;
}
