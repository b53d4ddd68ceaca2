/**
 * Errors raised below the API (libs/db, Express's body parser) that carry a meaning
 * clients should see, translated into AppErrors with the same stable codes.
 */
import { isDbError } from '@socklab/db';
import { AppError } from './app-error';

const DB_STATUS: Record<string, number> = {
  'run/not-found': 404,
  'tenant/not-found': 404,
  'exercise/not-found': 404,
  'submission/not-found': 404,
  'run/illegal-transition': 409,
  'run/stale-attempt': 409,
  'exercise/builtin-read-only': 409,
  'db/conflict': 409,
};

export function fromDbError(error: unknown): AppError | undefined {
  if (!isDbError(error)) return undefined;
  const status = DB_STATUS[error.code];
  // Migration failures and the like are operators' business: leave them to the 500 path.
  if (status === undefined) return undefined;
  return new AppError(error.code, error.message, status, error.details);
}

/** body-parser rejects with http-errors objects: `{ status, type }`, not HttpExceptions. */
export function fromBodyParserError(error: unknown): AppError | undefined {
  const { type, status, limit } = (error ?? {}) as { type?: unknown; status?: unknown; limit?: unknown };
  if (typeof type !== 'string' || typeof status !== 'number') return undefined;
  switch (type) {
    case 'entity.too.large':
      return new AppError('request/too-large', `The request body is over the limit of ${String(limit)} bytes.`, 413, {
        limit,
      });
    case 'entity.parse.failed':
      return new AppError('request/malformed', 'The request body is not valid JSON.', 400);
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new AppError('request/unsupported-encoding', 'The request body is in an unsupported encoding.', 415);
    default:
      return undefined;
  }
}
