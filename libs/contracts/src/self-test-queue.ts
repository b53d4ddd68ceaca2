import { z } from 'zod';

/**
 * BullMQ queue of exercise self-tests: the API (through the outbox) fills it, runners
 * consume it. A self-test runs every reference and faulty solution of one exercise
 * version through the real lab (@socklab/lab selfTestExercise).
 */
export const LAB_SELF_TESTS_QUEUE = 'lab-self-tests';

/** BullMQ job name on LAB_SELF_TESTS_QUEUE. */
export const SELF_TEST_JOB_NAME = 'self-test';

/**
 * Job payload on LAB_SELF_TESTS_QUEUE. `attempt` is the self-test's enqueue generation
 * (1 when requested, +1 when a runner hands it back or the reconciler re-queues it); a
 * runner acts on a job only while `attempt` equals the self-test's current attempt.
 */
export const SelfTestJobSchema = z.object({
  selfTestId: z.uuid(),
  tenantId: z.uuid(),
  attempt: z.int().min(1),
});
export type SelfTestJob = z.infer<typeof SelfTestJobSchema>;

/** Same retention as lab-runs jobs: a late re-publish of the same id stays a no-op. */
export const SELF_TEST_JOB_RETENTION = {
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600 },
} as const;

/** BullMQ job id of a self-test's enqueue generation (no ":", which BullMQ reserves). */
export function selfTestJobId(job: Pick<SelfTestJob, 'selfTestId' | 'attempt'>): string {
  return `self-test-${job.selfTestId}-${job.attempt}`;
}
