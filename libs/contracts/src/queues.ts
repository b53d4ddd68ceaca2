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

/** BullMQ job id for a run's enqueue generation: re-publishing the same id is a no-op. */
export function labRunJobId(job: Pick<LabRunJob, 'runId' | 'attempt'>): string {
  return `run-${job.runId}-${job.attempt}`;
}
