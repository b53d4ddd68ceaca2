/**
 * Every failure libs/db reports on purpose is a DbError with a stable code. Callers
 * (the API's exception filter, the runner) switch on `code`, never on the message.
 */
export type DbErrorCode =
  /** migration.sql of an applied migration differs from what was applied. */
  | 'db/migration-checksum-mismatch'
  /** A migration's SQL failed; its transaction was rolled back. */
  | 'db/migration-failed'
  /** _prisma_migrations holds a started-but-unfinished migration (e.g. from `prisma migrate`). */
  | 'db/migration-incomplete'
  /** Another process held the migration lock for longer than the allowed wait. */
  | 'db/migration-lock-timeout'
  /** The migrations folder is not in Prisma's layout. */
  | 'db/migrations-dir-invalid'
  /** A run status change not in RUN_TRANSITIONS (e.g. done → running). */
  | 'run/illegal-transition'
  | 'run/not-found'
  /** A regrade of a run that has not finished yet. */
  | 'run/not-finished'
  /** A regrade of a run whose submission already has a run queued or in progress. */
  | 'run/regrade-in-progress'
  /** A runner acted on a job whose attempt is no longer the run's current attempt. */
  | 'run/stale-attempt'
  | 'tenant/not-found'
  | 'exercise/not-found'
  /** Built-in exercises change only through ExerciseRepo.installBuiltin. */
  | 'exercise/builtin-read-only'
  | 'submission/not-found'
  | 'self-test/not-found'
  /** Assigning a version with solutions that no self-test has passed (CourseRepo.assign). */
  | 'assignment/self-test-required'
  /** A submission to an assignment whose maxAttempts the member has spent (RunRepo.createWithSubmission). */
  | 'assignment/attempts-exhausted'
  /** A unique value (slug, email, name) is already taken. */
  | 'db/conflict';

export class DbError extends Error {
  override readonly name = 'DbError';

  constructor(
    readonly code: DbErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export function isDbError(error: unknown, code?: DbErrorCode): error is DbError {
  return error instanceof DbError && (code === undefined || error.code === code);
}
