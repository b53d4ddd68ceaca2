/**
 * What the runner's BullMQ workers (lab-runs, lab-self-tests) share: the stalled-job
 * settings, recording of failed jobs, and the graceful stop — no new job; jobs in flight
 * get `graceMs` to finish, then are aborted (each processor hands its job back as a new
 * attempt); the stop resolves once every failure has been recorded.
 */
import { Worker, type ConnectionOptions, type Job, type Processor } from 'bullmq';

import type { RunnerConfig } from './config';

export interface SupervisedWorker<R> {
  readonly worker: Worker<unknown, R>;
  shutdown(graceMs: number): Promise<void>;
}

export function startSupervisedWorker<R>(options: {
  queue: string;
  connection: ConnectionOptions;
  config: Pick<RunnerConfig, 'queuePrefix' | 'runnerId' | 'stalled'>;
  concurrency: number;
  process: Processor<unknown, R>;
  /** Records a job that ended failed; its promise is awaited by shutdown. */
  recordFailure: (job: Job | undefined, error: Error) => Promise<unknown>;
}): SupervisedWorker<R> {
  const { config } = options;
  const worker = new Worker<unknown, R>(options.queue, options.process, {
    connection: options.connection,
    prefix: config.queuePrefix,
    name: config.runnerId,
    concurrency: options.concurrency,
    lockDuration: config.stalled.lockDurationMs,
    stalledInterval: config.stalled.stalledIntervalMs,
    maxStalledCount: config.stalled.maxStalledCount,
  });
  const recording = new Set<Promise<unknown>>();
  worker.on('failed', (job, error) => {
    const done = options.recordFailure(job, error).finally(() => recording.delete(done));
    recording.add(done);
  });
  return {
    worker,
    async shutdown(graceMs) {
      const closing = worker.close();
      const timer = new Promise<'timeout'>((resolve) =>
        setTimeout(() => resolve('timeout'), graceMs).unref(),
      );
      if ((await Promise.race([closing, timer])) === 'timeout') worker.cancelAllJobs('runner/shutdown');
      await closing;
      await Promise.allSettled([...recording]);
    },
  };
}
