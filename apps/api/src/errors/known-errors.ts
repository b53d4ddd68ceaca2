/**
 * Errors raised below the API that carry a meaning clients should see, as AppErrors:
 * libs/db's coded errors keep their code; Express's body parser reports an oversized body
 * as a plain http-errors object (Nest converts only its JSON syntax errors, into 400).
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

export function fromBodyParserError(error: unknown): AppError | undefined {
  const { type, limit } = (error ?? {}) as { type?: unknown; limit?: unknown };
  if (type !== 'entity.too.large') return undefined;
  return new AppError(
    'request/too-large',
    `The request body is over the limit of ${String(limit)} bytes.`,
    413,
    { limit },
  );
}
