/**
 * Infrastructure failures of a lab run. A learner's mistake (compile error, a program
 * that never becomes ready, a crash) is a graded outcome and never one of these; these
 * make a run "not gradable", so the learner loses no attempt.
 */
export type LabErrorCode =
  | 'lab/invalid-options'
  | 'lab/unsupported-language'
  | 'lab/workspace-failed'
  | 'lab/sandbox-failed'
  | 'lab/network-setup-failed'
  | 'lab/trace-failed'
  | 'lab/capture-failed'
  | 'lab/grader-failed'
  | 'lab/teardown-failed'
  | 'lab/aborted'
  | 'lab/deadline-exceeded';

export class LabError extends Error {
  override readonly name = 'LabError';

  constructor(
    readonly code: LabErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isLabError(value: unknown, code?: LabErrorCode): value is LabError {
  return value instanceof LabError && (code === undefined || value.code === code);
}

/** Wraps any failure of an infrastructure step in a LabError with `code`, keeping LabErrors as they are. */
export async function asInfra<T>(code: LabErrorCode, what: string, action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof LabError) throw error;
    throw new LabError(code, `${what}: ${describe(error)}`, { cause: error });
  }
}

export function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${error.message} (${code})` : error.message;
  }
  return String(error);
}
