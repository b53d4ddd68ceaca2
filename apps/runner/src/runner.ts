import {
  LAB_RUN_JOB_NAME,
  LAB_RUN_JOB_RETENTION,
  LAB_RUNS_QUEUE,
  labRunJobId,
  type LabRunJob,
} from '@socklab/contracts';
import { Queue, type ConnectionOptions, type Worker } from 'bullmq';

import type { RunnerConfig } from './config';
import type { LabRunProcessor } from './lab-run-processor';
import type { JobOutcome } from './metrics';
import { startSupervisedWorker } from './supervised-worker';

export interface LabRunsWorker {
  readonly worker: Worker;
  /**
   * Graceful stop: take no new job; let in-flight jobs finish within `graceMs`; past it,
   * abort them — each puts its run back to queued as a new attempt, with that attempt's
   * job, for another runner — then close.
   */
  shutdown(graceMs: number): Promise<void>;
}

/**
 * The BullMQ worker on lab-runs. Stalled-job recovery (see RunnerConfig.stalled): while
 * this process lives it renews each job's lock every lockDuration/2; if it dies, another
 * worker's stalled check moves the job back to wait and the processor retries the run as
 * a new attempt. A job that ends failed is handed to the processor's recordJobFailure.
 */
export function startLabRunsWorker(
  connection: ConnectionOptions,
  config: Pick<RunnerConfig, 'queuePrefix' | 'concurrency' | 'runnerId' | 'stalled'>,
  processor: LabRunProcessor,
  log: (message: string) => void = () => undefined,
): LabRunsWorker {
  return startSupervisedWorker<JobOutcome>({
    queue: LAB_RUNS_QUEUE,
    connection,
    config,
    concurrency: config.concurrency,
    process: (job, _token, signal) => processor.process(job, signal),
    recordFailure: (job, error) => {
      log(`job ${job?.id ?? '?'} failed: ${error.message}`);
      return processor
        .recordJobFailure(job, error)
        .then((failed) => failed && log(`run of job ${job?.id} marked failed, not gradable`))
        .catch((recordError: unknown) =>
          log(`job ${job?.id ?? '?'}: cannot record the failure: ${String(recordError)}`),
        );
    },
  });
}

/**
 * The producer side a runner needs: adding the job of a run's new attempt (retry,
 * takeover, hand-back), with the options the API's outbox relay uses for the same id.
 */
export function labRunsEnqueuer(
  connection: ConnectionOptions,
  prefix: string,
): { enqueue: (job: LabRunJob, delayMs: number) => Promise<void>; close: () => Promise<void> } {
  const queue = new Queue<LabRunJob>(LAB_RUNS_QUEUE, { connection, prefix });
  queue.on('error', () => undefined); // connection trouble surfaces on the add itself
  return {
    async enqueue(job, delayMs) {
      await queue.add(LAB_RUN_JOB_NAME, job, {
        jobId: labRunJobId(job),
        delay: delayMs,
        ...LAB_RUN_JOB_RETENTION,
      });
    },
    close: () => queue.close(),
  };
}
