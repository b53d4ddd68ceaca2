import { LAB_SELF_TESTS_QUEUE } from '@socklab/contracts';
import type { ConnectionOptions, Worker } from 'bullmq';

import type { RunnerConfig } from './config';
import type { SelfTestOutcome, SelfTestProcessor } from './self-test-processor';
import { startSupervisedWorker } from './supervised-worker';

export interface SelfTestWorker {
  readonly worker: Worker;
  /**
   * Graceful stop, as the lab-runs worker's: no new job; the self-test in flight gets
   * `graceMs` to finish, then is aborted and handed back (queued as a new attempt).
   */
  shutdown(graceMs: number): Promise<void>;
}

/**
 * The BullMQ worker on lab-self-tests: one self-test at a time per runner process (each
 * runs several labs one after another), with the same stalled-job recovery settings as
 * lab-runs. A job that ends failed is handed to the processor's recordJobFailure.
 */
export function startSelfTestWorker(
  connection: ConnectionOptions,
  config: Pick<RunnerConfig, 'queuePrefix' | 'runnerId' | 'stalled'>,
  processor: SelfTestProcessor,
  log: (message: string) => void = () => undefined,
): SelfTestWorker {
  const supervised = startSupervisedWorker<SelfTestOutcome>({
    queue: LAB_SELF_TESTS_QUEUE,
    connection,
    config,
    concurrency: 1,
    process: (job, _token, signal) => processor.process(job, signal),
    recordFailure: (job, error) => {
      log(`self-test job ${job?.id ?? '?'} failed: ${error.message}`);
      return processor
        .recordJobFailure(job, error)
        .catch((recordError: unknown) =>
          log(`self-test job ${job?.id ?? '?'}: cannot record the failure: ${String(recordError)}`),
        );
    },
  });
  supervised.worker.on('completed', (job, outcome) => log(`self-test job ${job.id}: ${outcome}`));
  return supervised;
}
