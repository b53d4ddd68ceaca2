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
 * submission and its run (RunRepo.createWithSubmission). It first locks the member's
 * Membership row, so the same member's capped submissions are serialised from this check
 * to their commit, and the count, a new statement taken after the lock was granted, sees
 * the run of the submission that held it. Without the lock two submissions could both
 * count n < maxAttempts and both insert.
 *
 * Why that row: every submitter has one (staff submitting to an assignment have no
 * Enrollment), and it serialises only one person's submissions, where locking the
 * Assignment row would queue the whole course behind each other. FOR NO KEY UPDATE
 * conflicts with itself but not with the FOR KEY SHARE locks that foreign-key checks take,
 * so inserts elsewhere that reference the membership (a practice submission, a token)
 * never wait for it.
 */
export async function assertAttemptLeft(tx: Tx, scope: TenantScope, userId: string, assignmentId: string): Promise<void> {
  await tx.$queryRaw`
    SELECT "userId" FROM "Membership" WHERE "tenantId" = ${scope.tenantId}::uuid AND "userId" = ${userId}::uuid FOR NO KEY UPDATE`;
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
