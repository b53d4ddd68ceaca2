import type { Db } from '../client';
import { DbError } from '../errors';
import type { Submission } from '../generated/prisma/client';
import type { TenantScope } from '../tenant-scope';

/** Submissions are created with their run by RunRepo.createWithSubmission. */
export class SubmissionRepo {
  constructor(private readonly db: Db) {}

  async get(scope: TenantScope, id: string): Promise<Submission> {
    const submission = await this.db.submission.findFirst({ where: { tenantId: scope.tenantId, id } });
    if (!submission) throw new DbError('submission/not-found', `No submission ${id} in this tenant.`);
    return submission;
  }

  listForUser(scope: TenantScope, userId: string, filter: { exerciseVersionId?: string; assignmentId?: string } = {}): Promise<Submission[]> {
    return this.db.submission.findMany({ where: { tenantId: scope.tenantId, userId, ...filter }, orderBy: { createdAt: 'desc' } });
  }
}
