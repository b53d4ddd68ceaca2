import type { Tx } from '../client';
import { DbError } from '../errors';
import type { Prisma } from '../generated/prisma/client';
import type { TenantScope } from '../tenant-scope';

/**
 * What counts as a member's attempt at an assignment, for the cap and for the counts
 * shown alike: a run of their own submission to it that is not a regrade and not known to
 * be ungradable. Infrastructure failures and cancellations (gradable = false) give the
 * attempt back; a run still in flight (gradable = null) counts. `attemptRunsWhere` (SQL)
 * and `countsAsAttempt` (loaded runs) are the same rule and must stay so.
 */
function attemptRunsWhere(scope: TenantScope, userId: string, assignmentId: string): Prisma.RunWhereInput {
  return {
    tenantId: scope.tenantId,
    regradeOfId: null,
    OR: [{ gradable: true }, { gradable: null }],
    submission: { tenantId: scope.tenantId, userId, assignmentId },
  };
}

export function countsAsAttempt(run: { regradeOfId: string | null; gradable: boolean | null }): boolean {
  return run.regradeOfId === null && run.gradable !== false;
}

/**
 * Refuses a new submission of `userId` to `assignmentId` with 'assignment/attempts-exhausted'
 * (details { maxAttempts, attempts }) once they have spent the assignment's maxAttempts.
 *
 * Atomicity: call it inside the READ COMMITTED transaction that then inserts the
 * submission and its run (RunRepo.createWithSubmission), after that transaction has
 * locked the member's Membership row (lockMember). The same member's submissions are then
 * serialised from this check to their commit, and the count, a new statement taken after
 * the lock was granted, sees the run of the submission that held it. Without the lock two
 * submissions could both count n < maxAttempts and both insert.
 */
export async function assertAttemptLeft(tx: Tx, scope: TenantScope, userId: string, assignmentId: string): Promise<void> {
  const assignment = await tx.assignment.findFirst({
    where: { tenantId: scope.tenantId, id: assignmentId },
    select: { title: true, maxAttempts: true },
  });
  // No such assignment in the tenant: the submission's foreign key refuses it.
  if (assignment === null || assignment.maxAttempts === null) return;
  const { maxAttempts, title } = assignment;
  const attempts = await tx.run.count({ where: attemptRunsWhere(scope, userId, assignmentId) });
  if (attempts < maxAttempts) return;
  throw new DbError(
    'assignment/attempts-exhausted',
    `Assignment "${title}" allows ${maxAttempts} attempt${maxAttempts === 1 ? '' : 's'}; ` +
      `you have used ${attempts} (runs that failed for infrastructure reasons do not count).`,
    { maxAttempts, attempts },
  );
}
