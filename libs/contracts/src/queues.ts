import { z } from 'zod';

/** BullMQ queue the API (through the outbox) fills and runners consume. */
export const LAB_RUNS_QUEUE = 'lab-runs';

/**
 * Job payload on LAB_RUNS_QUEUE. `attempt` is the run's enqueue generation: 1 when the
 * run is created, +1 each time the reconciler re-queues it. A runner acts on a job only
 * while `attempt` equals the run's current attempt, so a stale duplicate is dropped.
 */
export const LabRunJobSchema = z.object({
  runId: z.uuid(),
  tenantId: z.uuid(),
  attempt: z.int().min(1),
});
export type LabRunJob = z.infer<typeof LabRunJobSchema>;

/** BullMQ job name on LAB_RUNS_QUEUE; runners dispatch on the queue, not the name. */
export const LAB_RUN_JOB_NAME = 'lab-run';

/**
 * Options of every lab-runs job, whoever adds it (the API's outbox relay and reconciler, a
 * runner re-queuing an attempt): finished jobs are kept a day (a week when failed) so that
 * a late re-publish of the same job id stays a no-op and operators can look, then trimmed.
 */
export const LAB_RUN_JOB_RETENTION = {
  removeOnComplete: { age: 24 * 3600, count: 10_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** BullMQ job id for a run's enqueue generation: re-publishing the same id is a no-op. */
export function labRunJobId(job: Pick<LabRunJob, 'runId' | 'attempt'>): string {
  return `run-${job.runId}-${job.attempt}`;
}
