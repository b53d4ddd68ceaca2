import { LAB_RUNS_QUEUE } from '@socklab/contracts';
import { Worker, type ConnectionOptions } from 'bullmq';

import type { RunnerConfig } from './config';
import type { LabRunProcessor } from './lab-run-processor';
import type { JobOutcome } from './metrics';

export interface LabRunsWorker {
  readonly worker: Worker;
  /**
   * Graceful stop: take no new job; let in-flight jobs finish within `graceMs`; past it,
   * abort them — each puts its run back to queued as a new attempt and its job back to
   * wait for another runner — then close.
   */
  shutdown(graceMs: number): Promise<void>;
}

/**
 * The BullMQ worker on lab-runs. Stalled-job recovery (see RunnerConfig.stalled): while
 * this process lives it renews each job's lock every lockDuration/2; if it dies, another
 * worker's stalled check moves the job back to wait and the processor takes the run over.
 */
export function startLabRunsWorker(
  connection: ConnectionOptions,
  config: Pick<RunnerConfig, 'queuePrefix' | 'concurrency' | 'runnerId' | 'stalled'>,
  processor: LabRunProcessor,
): LabRunsWorker {
  const worker = new Worker<unknown, JobOutcome>(
    LAB_RUNS_QUEUE,
    (job, token, signal) => processor.process(job, token, signal),
    {
      connection,
      prefix: config.queuePrefix,
      name: config.runnerId,
      concurrency: config.concurrency,
      lockDuration: config.stalled.lockDurationMs,
      stalledInterval: config.stalled.stalledIntervalMs,
      maxStalledCount: config.stalled.maxStalledCount,
    },
  );
  return {
    worker,
    async shutdown(graceMs) {
      const closing = worker.close();
      const timer = new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), graceMs).unref(),
      );
      if ((await Promise.race([closing, timer])) === 'timeout') worker.cancelAllJobs('runner/shutdown');
      await closing;
    },
  };
}
