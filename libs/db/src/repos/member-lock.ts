import type { Tx } from '../client';
import type { TenantScope } from '../tenant-scope';

/**
 * Locks the Membership row of `userId` in the scope's tenant until `tx` ends, so that a
 * check of what the member has already submitted and the insert it admits are atomic with
 * respect to the same member's other submissions. RunRepo.createWithSubmission takes it
 * once per transaction, before its checks (the caller's admission check, an assignment's
 * maxAttempts) and its inserts. Another transaction of the same member waits here until
 * the first commits or rolls back; in READ COMMITTED its checks, new statements taken
 * after the lock was granted, then see what the first one stored. A row lock held by
 * PostgreSQL, it serialises submissions made through any number of API instances. It
 * locks nothing when there is no such member (the submission's foreign key then refuses
 * the insert).
 *
 * Why that row: every submitter has one (staff submitting to an assignment have no
 * Enrollment), and it serialises only one person's submissions, where locking a shared
 * row (the Assignment, the Tenant) would queue everyone behind each other. FOR NO KEY
 * UPDATE conflicts with itself but not with the FOR KEY SHARE locks that foreign-key
 * checks take, so inserts elsewhere that reference the membership (an API token, an
 * enrollment) never wait for it.
 */
export async function lockMember(tx: Tx, scope: TenantScope, userId: string): Promise<void> {
  await tx.$queryRaw`
    SELECT "userId" FROM "Membership" WHERE "tenantId" = ${scope.tenantId}::uuid AND "userId" = ${userId}::uuid FOR NO KEY UPDATE`;
}
