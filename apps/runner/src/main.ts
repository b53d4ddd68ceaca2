/**
 * socklab runner: consumes lab-runs, runs each lab in local sandboxes, streams events,
 * stores artifacts, records outcomes. Configuration: see config.ts (environment only).
 *
 * Shutdown (SIGTERM/SIGINT): stop taking jobs; in-flight jobs get
 * SOCKLAB_RUNNER_SHUTDOWN_GRACE_MS to finish; past it they are aborted and handed back
 * (run → queued as a new attempt with its own job) for another runner. A second signal exits
 * at once; BullMQ's stalled-job recovery then returns the jobs after lockDuration.
 */
import path from 'node:path';

import {
  createArtifactStore,
  ArtifactRepo,
  ExerciseRepo,
  RunEventPublisher,
  RunRepo,
  SelfTestRepo,
  SubmissionRepo,
  createPrismaClient,
} from '@socklab/db';
import { selfTestExercise } from '@socklab/lab';
import { LocalDriver } from '@socklab/sandbox';
import { Redis } from 'ioredis';

import { loadRunnerConfig } from './config';
import { startHealthServer } from './health-server';
import { labExecutor } from './lab-binding';
import { LabLeases } from './lab-leases';
import { LabRunProcessor } from './lab-run-processor';
import { RunnerMetrics } from './metrics';
import { labRunsEnqueuer, startLabRunsWorker } from './runner';
import { SelfTestProcessor } from './self-test-processor';
import { startSelfTestWorker } from './self-test-worker';

async function main(): Promise<void> {
  const config = loadRunnerConfig();
  const log = (message: string) =>
    process.stdout.write(`${new Date().toISOString()} runner ${config.runnerId} ${message}\n`);
  const prisma = createPrismaClient(config.databaseUrl, { maxConnections: config.concurrency + 2 });
  // BullMQ needs maxRetriesPerRequest: null on its blocking connection.
  const queueRedis = new Redis(config.redisUrl, { maxRetriesPerRequest: null });
  const eventsRedis = new Redis(config.redisUrl);
  for (const client of [queueRedis, eventsRedis])
    client.on('error', (error) => log(`redis: ${error.message}`));

  const metrics = new RunnerMetrics();
  const driver = new LocalDriver();
  // Labs of runners on this host that died mid-run: reaped now and every minute.
  const leases = new LabLeases(path.join(config.workDir, 'leases'), driver);
  const sweep = () =>
    leases
      .sweep()
      .then((reaped) => reaped.length > 0 && log(`reaped the labs of dead runners: ${reaped.join(', ')}`))
      .catch((error: unknown) => log(`lab sweep failed: ${String(error)}`));
  await sweep();
  const sweeper = setInterval(() => void sweep(), 60_000);
  sweeper.unref();
  const enqueuer = labRunsEnqueuer(queueRedis, config.queuePrefix);
  const processor = new LabRunProcessor({
    runs: new RunRepo(prisma),
    submissions: new SubmissionRepo(prisma),
    exercises: new ExerciseRepo(prisma),
    artifacts: new ArtifactRepo(prisma),
    store: createArtifactStore(config.artifactStore),
    events: new RunEventPublisher(eventsRedis, { prefix: config.eventsPrefix }),
    executor: labExecutor(driver),
    metrics,
    leases,
    enqueue: enqueuer.enqueue,
    runnerId: config.runnerId,
    workDir: config.workDir,
    retry: config.retry,
    cancelPollMs: config.cancelPollMs,
  });
  const { worker, shutdown } = startLabRunsWorker(queueRedis, config, processor, log);
  worker.on('error', (error) => log(`worker: ${error.message}`));
  const selfTests = startSelfTestWorker(
    queueRedis,
    config,
    new SelfTestProcessor({
      selfTests: new SelfTestRepo(prisma),
      exercises: new ExerciseRepo(prisma),
      selfTest: (exercise, options) => selfTestExercise(exercise, { ...options, driver }),
      runnerId: config.runnerId,
      workDir: config.workDir,
      log,
    }),
    log,
  );
  selfTests.worker.on('error', (error) => log(`self-test worker: ${error.message}`));

  const health =
    config.metricsPort > 0
      ? await startHealthServer(
          config.metricsPort,
          {
            redis: async () => void (await eventsRedis.ping()),
            postgres: async () => void (await prisma.$queryRaw`SELECT 1`),
          },
          metrics,
        )
      : null;
  log(
    `consuming lab-runs and lab-self-tests (concurrency ${config.concurrency}${health ? `, metrics on :${config.metricsPort}` : ''})`,
  );

  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    log(`${signal}: finishing ${metrics.jobsInFlight} job(s) within ${config.shutdownGraceMs} ms`);
    clearInterval(sweeper);
    await Promise.all([shutdown(config.shutdownGraceMs), selfTests.shutdown(config.shutdownGraceMs)]);
    health?.close();
    await enqueuer.close().catch(() => undefined);
    await Promise.allSettled([prisma.$disconnect(), queueRedis.quit(), eventsRedis.quit()]);
    log('stopped');
  };
  process.on('SIGTERM', (s) => void stop(s));
  process.on('SIGINT', (s) => void stop(s));
}

main().catch((error: unknown) => {
  process.stderr.write(`runner failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
