import { Inject, Injectable, Logger } from '@nestjs/common';
import { labRunJobId, type LabRunJob } from '@socklab/contracts';
import { PrismaClient } from '@socklab/db';
import { API_CONFIG, ApiConfig } from '../config/env';
import { PRISMA } from '../database/database.module';
import { LAB_RUN_JOB_NAME, LAB_RUN_JOB_RETENTION, LAB_RUNS, LabRunsQueue } from './lab-runs-queue';
import { PeriodicReconciler } from './periodic-reconciler';
import { requeueMissingJobs } from './requeue-missing-jobs';

const PAGE = 500;

/**
 * Redis here keeps nothing on disk: after a restart it has forgotten every waiting job,
 * while PostgreSQL still says those runs are queued. The reconciler re-adds the job of
 * every queued run that Redis no longer knows, with the same job id (so a run is never
 * queued twice, even by several API instances at once). Runs younger than the grace
 * period, or whose outbox message is still unpublished, are left to the outbox relay.
 * System-scoped on purpose: it serves all tenants and only writes to the queue.
 */
@Injectable()
export class RunReconciler extends PeriodicReconciler {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(LAB_RUNS) private readonly queue: LabRunsQueue,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
  ) {
    super(new Logger('RunReconciler'), 'run(s)', () => config.queue.reconcileIntervalMs);
  }

  /** One pass over every queued run. @returns the ids of the runs re-published. */
  protected async scan(now: Date): Promise<string[]> {
    const cutoff = new Date(now.getTime() - this.config.queue.reconcileGraceMs);
    const republished: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const runs = await this.prisma.run.findMany({
        where: { status: 'queued', updatedAt: { lte: cutoff }, ...(cursor ? { id: { gt: cursor } } : {}) },
        select: { id: true, tenantId: true, attempt: true },
        orderBy: { id: 'asc' },
        take: PAGE,
      });
      if (runs.length === 0) return republished;
      cursor = runs[runs.length - 1].id;
      const jobs: LabRunJob[] = runs.map((run) => ({
        runId: run.id,
        tenantId: run.tenantId,
        attempt: run.attempt,
      }));
      const readded = await requeueMissingJobs(this.prisma, this.queue, jobs, labRunJobId, (job, jobId) =>
        this.queue.add(LAB_RUN_JOB_NAME, job, { jobId, ...LAB_RUN_JOB_RETENTION }),
      );
      republished.push(...readded.map((job) => job.runId));
    }
  }
}
