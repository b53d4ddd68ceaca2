import { ErrorEnvelopeSchema } from '@socklab/contracts';

/**
 * A failed API call, carrying the API's stable error code ("run/not-found") and its
 * message for people. Network failures and non-JSON answers get codes of their own
 * ("network/unreachable", "http/<status>") so every failure can be shown the same way.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  get notFound(): boolean {
    return this.status === 404;
  }
}

export async function apiErrorOf(response: Response): Promise<ApiError> {
  const text = await response.text().catch(() => '');
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // Not JSON (a proxy's error page): described by status below.
  }
  const envelope = ErrorEnvelopeSchema.safeParse(json);
  if (envelope.success) {
    const { code, message, details } = envelope.data.error;
    return new ApiError(response.status, code, message, details);
  }
  return new ApiError(
    response.status,
    `http/${response.status}`,
    `The server answered ${response.status} ${response.statusText || ''}`.trim() + '.',
  );
}

export function networkError(cause: unknown): ApiError {
  const error = new ApiError(
    0,
    'network/unreachable',
    'Cannot reach the socklab API. Check your connection, then try again.',
  );
  (error as { cause?: unknown }).cause = cause;
  return error;
}

/** Text for an error of any kind, for alerts. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}
