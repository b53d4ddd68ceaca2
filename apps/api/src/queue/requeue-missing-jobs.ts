import type { PrismaClient } from '@socklab/db';

/** What the reconcilers need of a BullMQ queue. */
export interface JobLookup {
  getJob(jobId: string): Promise<unknown>;
}

/**
 * The reconcilers' common step: of `jobs` (unfinished in PostgreSQL), re-add each one the
 * queue no longer holds — unless its outbox message is still unpublished, which leaves it
 * to the outbox relay. The job id makes a concurrent re-add by another API a no-op.
 * @returns the jobs re-added.
 */
export async function requeueMissingJobs<J>(
  prisma: PrismaClient,
  queue: JobLookup,
  jobs: readonly J[],
  jobIdOf: (job: J) => string,
  add: (job: J, jobId: string) => Promise<unknown>,
): Promise<J[]> {
  const unpublished = await prisma.outboxMessage.findMany({
    where: { jobId: { in: jobs.map(jobIdOf) }, publishedAt: null },
    select: { jobId: true },
  });
  const leftToRelay = new Set(unpublished.map((m) => m.jobId));
  const readded: J[] = [];
  for (const job of jobs) {
    const jobId = jobIdOf(job);
    if (leftToRelay.has(jobId) || (await queue.getJob(jobId))) continue;
    await add(job, jobId);
    readded.push(job);
  }
  return readded;
}
