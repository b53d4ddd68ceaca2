import type { PrismaClient } from '@socklab/db';
import { isStaff, type Principal } from '../auth/principal';
import { AppError } from '../errors/app-error';
import { addLogContext } from '../logging/log-context';
import { RUN_ROW_INCLUDE, type RunRow } from './run-views';

export type RunWhere = NonNullable<NonNullable<Parameters<PrismaClient['run']['findMany']>[0]>['where']>;

/**
 * The runs a member may see: staff every run of their tenant, learners the runs of their
 * own submissions. Every way to reach a run (REST, artifacts, the live gateway) filters
 * with this; a run outside it is reported as not found, whether it exists or not.
 */
export function visibleRuns(principal: Pick<Principal, 'tenantId' | 'userId' | 'role'>): RunWhere {
  const tenantId = principal.tenantId;
  return isStaff(principal) ? { tenantId } : { tenantId, submission: { tenantId, userId: principal.userId } };
}

/** The run with what its views need, if `principal` may see it; 404 `run/not-found` otherwise. */
export async function findVisibleRun(
  prisma: PrismaClient,
  principal: Principal,
  id: string,
): Promise<RunRow> {
  const row = await prisma.run.findFirst({
    where: { AND: [visibleRuns(principal), { id }] },
    include: RUN_ROW_INCLUDE,
  });
  if (!row) throw AppError.notFound('run/not-found', `No run ${id} in this tenant.`);
  addLogContext({ runId: id });
  return row as RunRow;
}
