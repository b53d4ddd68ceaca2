import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  SELF_TEST_JOB_NAME,
  SELF_TEST_JOB_RETENTION,
  selfTestJobId,
  type SelfTestJob,
} from '@socklab/contracts';
import { PrismaClient } from '@socklab/db';
import { API_CONFIG, ApiConfig } from '../config/env';
import { PRISMA } from '../database/database.module';
import { PeriodicReconciler } from './periodic-reconciler';
import { requeueMissingJobs } from './requeue-missing-jobs';
import { LAB_SELF_TESTS, SelfTestsQueue } from './self-tests-queue';

/**
 * The self-test counterpart of RunReconciler: Redis keeps nothing on disk, so after a
 * restart a self-test PostgreSQL says is queued (or running, its runner gone with the
 * job) may have no job left. Each pass re-adds the job of the current attempt of every
 * such self-test older than the grace period whose outbox message was published; the
 * job id makes a duplicate a no-op, and a runner takes over a `running` self-test of the
 * same attempt (SelfTestRepo.claim). Shares RunReconciler's interval and grace settings.
 */
@Injectable()
export class SelfTestReconciler extends PeriodicReconciler {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(LAB_SELF_TESTS) private readonly queue: SelfTestsQueue,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {
    super(new Logger('SelfTestReconciler'), 'self-test(s)', () => config.queue.reconcileIntervalMs);
  }

  /** One pass over unfinished self-tests. @returns the ids of those whose job was re-added. */
  protected async scan(now: Date): Promise<string[]> {
    const cutoff = new Date(now.getTime() - this.config.queue.reconcileGraceMs);
    // Self-tests are few (a handful per tenant at once): one page is enough.
    const stale = await this.prisma.selfTest.findMany({
      where: { status: { in: ['queued', 'running'] }, updatedAt: { lte: cutoff } },
      select: { id: true, tenantId: true, attempt: true },
      orderBy: { updatedAt: 'asc' },
      take: 500,
    });
    const jobs: SelfTestJob[] = stale.map((s) => ({
      selfTestId: s.id,
      tenantId: s.tenantId,
      attempt: s.attempt,
    }));
    const readded = await requeueMissingJobs(this.prisma, this.queue, jobs, selfTestJobId, (job, jobId) =>
      this.queue.add(SELF_TEST_JOB_NAME, job, { jobId, ...SELF_TEST_JOB_RETENTION }),
    );
    return readded.map((job) => job.selfTestId);
  }
}
