/** How a step ended when it did not succeed: a status for StepOutcome and words for the learner. */
export class StepFailure extends Error {
  constructor(
    readonly status: 'failed' | 'timeout',
    message: string,
  ) {
    super(message);
  }
}

export function timeoutAfter(ms: number, what: () => string): StepFailure {
  return new StepFailure('timeout', `timed out after ${ms} ms: ${what()}`);
}

/** A peer API error → StepFailure (NetError 'peer/timeout' is a timeout; every other code a failure). */
export function stepFailureOf(error: unknown): StepFailure {
  if (error instanceof StepFailure) return error;
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  return new StepFailure(code === 'peer/timeout' ? 'timeout' : 'failed', message);
}
