/** Stable error codes of the sandbox library; callers switch on `code`, never on messages. */
export type SandboxErrorCode =
  | 'sandbox/invalid-job-id'
  | 'sandbox/invalid-spec'
  | 'sandbox/not-prepared'
  | 'sandbox/engine-unavailable'
  | 'sandbox/image-missing'
  | 'sandbox/spawn-failed'
  | 'sandbox/cgroup-failed'
  | 'sandbox/netns-failed'
  | 'sandbox/state-failed'
  | 'sandbox/timeout';

export class SandboxError extends Error {
  override readonly name = 'SandboxError';

  constructor(
    readonly code: SandboxErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isSandboxError(value: unknown, code?: SandboxErrorCode): value is SandboxError {
  return value instanceof SandboxError && (code === undefined || value.code === code);
}
