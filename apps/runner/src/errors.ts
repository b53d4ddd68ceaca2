/** Stable codes of failures the runner itself reports (on the run and its event stream). */
export type RunnerErrorCode =
  /** The job payload is not a LabRunJob. */
  | 'runner/invalid-job'
  /** The run's submission names neither an exercise version nor a playground preset. */
  | 'runner/invalid-submission'
  /** The lab engine threw instead of returning a report. */
  | 'runner/executor-crashed'
  /** Storing an artifact (store or database) failed. */
  | 'runner/artifact-store-failed'
  /** The runner working on the run died or stopped renewing its job lock. */
  | 'runner/lost'
  /** The run was cancelled while it ran. */
  | 'run/cancelled';

/** A failure the runner raises itself, with its stable code (read by infraFailureOf). */
export class RunnerError extends Error {
  constructor(
    readonly code: RunnerErrorCode | 'playground/unknown-preset',
    message: string,
  ) {
    super(message);
    this.name = 'RunnerError';
  }
}

export interface InfraFailure {
  code: string;
  message: string;
}

/** An error thrown by the engine, as a stable code + message for the run. */
export function infraFailureOf(error: unknown): InfraFailure {
  const code = (error as { code?: unknown })?.code;
  const message = error instanceof Error ? error.message : String(error);
  return typeof code === 'string' && code.includes('/')
    ? { code, message }
    : { code: 'runner/executor-crashed', message };
}
