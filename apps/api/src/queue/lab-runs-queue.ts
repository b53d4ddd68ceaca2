import { LAB_RUNS_QUEUE, type LabRunJob } from '@socklab/contracts';
import type { Queue } from 'bullmq';
import { createProducerQueue } from './producer-queue';

/** Injection token of the producer side of LAB_RUNS_QUEUE. */
export const LAB_RUNS = Symbol('LAB_RUNS');

export type LabRunsQueue = Queue<LabRunJob>;

/** BullMQ job name on LAB_RUNS_QUEUE; runners dispatch on the queue, not the name. */
export const LAB_RUN_JOB_NAME = 'lab-run';

/**
 * Finished jobs are kept for a while (a day; a week when failed) so operators can look,
 * then trimmed so Redis memory stays bounded. PostgreSQL keeps the run for good.
 */
export const LAB_RUN_JOB_RETENTION = {
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

export function createLabRunsQueue(redisUrl: string, prefix: string): LabRunsQueue {
  return createProducerQueue<LabRunJob>(LAB_RUNS_QUEUE, redisUrl, prefix);
}
