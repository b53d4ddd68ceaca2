/** Stable error codes of libs/trace; messages say what to do about them. */
export type TraceErrorCode =
  | 'trace/tracefs-unavailable'
  | 'trace/instance-exists'
  | 'trace/instance-remove-failed'
  | 'trace/instance-name-invalid'
  | 'trace/event-format-invalid'
  | 'trace/ring-buffer-corrupt'
  | 'trace/lost-events'
  | 'trace/collector-stopped'
  | 'trace/ss-failed'
  | 'trace/ss-parse'
  | 'trace/nstat-failed'
  | 'trace/strace-parse'
  | 'trace/invalid-trace';

export class TraceError extends Error {
  override readonly name = 'TraceError';

  constructor(
    readonly code: TraceErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}
