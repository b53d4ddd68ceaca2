/**
 * Errors raised below the API that carry a meaning clients should see, as AppErrors:
 * libs/db's coded errors keep their code; an artifact store that fails is 503 (its
 * message names storage internals, so it is not passed on); Express's body parser reports an oversized body
 * as a plain http-errors object (Nest converts only its JSON syntax errors, into 400).
 */
import { isArtifactStoreError, isDbError } from '@socklab/db';
import { AppError } from './app-error';

const DB_STATUS: Record<string, number> = {
  'run/not-found': 404,
  'tenant/not-found': 404,
  'exercise/not-found': 404,
  'submission/not-found': 404,
  'self-test/not-found': 404,
  'run/not-finished': 409,
  'run/regrade-in-progress': 409,
  'assignment/self-test-required': 409,
  'assignment/attempts-exhausted': 409,
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

export function fromArtifactStoreError(error: unknown): AppError | undefined {
  if (!isArtifactStoreError(error)) return undefined;
  if (error.code === 'artifact/not-found')
    return AppError.notFound(
      'artifact/not-found',
      'The artifact is listed but its file is gone from storage.',
    );
  if (error.code === 'artifact/storage-failed')
    return new AppError(
      'artifact/storage-unavailable',
      'Artifact storage did not answer; try again shortly.',
      503,
    );
  return undefined;
}
