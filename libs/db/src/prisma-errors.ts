import { DbError } from './errors';
import { Prisma } from './generated/prisma/client';

/** Prisma's code for a unique constraint violation. */
const UNIQUE_VIOLATION = 'P2002';

export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === UNIQUE_VIOLATION;
}

/** Runs `work`, turning a unique violation into DbError 'db/conflict' with `message`. */
export async function conflictAs<T>(message: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw new DbError('db/conflict', message, undefined, { cause: error });
    throw error;
  }
}
