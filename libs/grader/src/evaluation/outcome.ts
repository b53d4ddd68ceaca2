/**
 * What evaluating one check in one scenario yields, before points are attached.
 * A failure is written as a numbered step log a learner can follow: what was expected,
 * what was observed, and where to look in the trace.
 */
import type { CheckStatus, EvidenceRef } from '../api';

export interface CheckOutcome {
  status: CheckStatus;
  message: string;
  evidence: EvidenceRef[];
}

export interface FailureLog {
  expected: string;
  observed: string;
  /** Optional pointer into the trace: packets, system calls, states worth opening. */
  lookAt?: string;
}

export function passed(observed: string, evidence: EvidenceRef[] = []): CheckOutcome {
  return { status: 'pass', message: observed, evidence };
}

export function failed(log: FailureLog, evidence: EvidenceRef[] = []): CheckOutcome {
  const lines = [`1. Expected: ${sentence(log.expected)}`, `2. Observed: ${sentence(log.observed)}`];
  if (log.lookAt !== undefined) lines.push(`3. Look at: ${sentence(log.lookAt)}`);
  return { status: 'fail', message: lines.join('\n'), evidence };
}

const sentence = (text: string): string => (/[.!?]$/.test(text) ? text : `${text}.`);

/**
 * The evidence a check needs was not recorded (a trace source failed, the lab lost a
 * record). Not the learner's doing: the run becomes not gradable.
 */
export function unavailable(reason: string): CheckOutcome {
  return {
    status: 'error',
    message: `This check could not be evaluated: ${reason}. The run is marked not gradable, so it does not count against you.`,
    evidence: [],
  };
}
