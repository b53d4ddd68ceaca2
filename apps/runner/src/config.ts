/**
 * The runner's configuration, read once at boot from the environment and validated into
 * a typed object; a bad value stops the process with a message naming the variable.
 * Names shared with apps/api (DATABASE_URL, REDIS_URL, SOCKLAB_QUEUE_PREFIX,
 * SOCKLAB_ARTIFACT_DIR) mean the same thing in both.
 */
import { hostname } from 'node:os';
import { artifactStoreConfigFromEnv, type ArtifactStoreConfig } from '@socklab/db';
import { z } from 'zod';

const int = (min: number) => z.coerce.number().int().min(min);

const EnvSchema = z.object({
  DATABASE_URL: z.url().default('postgresql://postgres@127.0.0.1:5432/socklab'),
  REDIS_URL: z.url().default('redis://127.0.0.1:6379'),
  /** BullMQ key prefix; must equal the API's. */
  SOCKLAB_QUEUE_PREFIX: z.string().min(1).default('bull'),
  /** Key prefix of the per-run event streams; must equal the API gateway's. */
  SOCKLAB_EVENTS_PREFIX: z.string().min(1).default('socklab:'),
  SOCKLAB_ARTIFACT_DIR: z.string().min(1).default('var/artifacts'),
  /** Scratch space for lab output before it is stored; one subfolder per job. */
  SOCKLAB_RUNNER_WORK_DIR: z.string().min(1).default('var/runner'),
  /** Jobs one runner process works on at once. */
  SOCKLAB_RUNNER_CONCURRENCY: int(1).default(1),
  /** Defaults to "<hostname>:<pid>". */
  SOCKLAB_RUNNER_ID: z.string().min(1).optional(),
  /** 0 disables the /healthz, /readyz, /metrics server. */
  SOCKLAB_RUNNER_METRICS_PORT: int(0).max(65535).default(9465),
  /** Tries per run (first try included) before an infrastructure failure is final. */
  SOCKLAB_RUNNER_MAX_ATTEMPTS: int(1).default(3),
  /** Delay before the n-th retry: base × 2^(n-1). */
  SOCKLAB_RUNNER_RETRY_BACKOFF_MS: int(0).default(5_000),
  /** How often a running job checks whether its run was cancelled. */
  SOCKLAB_RUNNER_CANCEL_POLL_MS: int(50).default(1_000),
  /** On SIGTERM/SIGINT, time the in-flight jobs get to finish before they are handed back. */
  SOCKLAB_RUNNER_SHUTDOWN_GRACE_MS: int(0).default(30_000),
  /** BullMQ lock on an active job; renewed every half of it while the process lives. */
  SOCKLAB_RUNNER_LOCK_DURATION_MS: int(1_000).default(30_000),
  /** How often this worker looks for jobs whose lock expired (a dead runner's). */
  SOCKLAB_RUNNER_STALLED_INTERVAL_MS: int(1_000).default(30_000),
  /** Times a job may be recovered from a dead runner before BullMQ fails it. */
  SOCKLAB_RUNNER_MAX_STALLED_COUNT: int(0).default(2),
});

export interface RunnerConfig {
  databaseUrl: string;
  redisUrl: string;
  queuePrefix: string;
  eventsPrefix: string;
  artifactDir: string;
  /** Where artifacts go (ARTIFACT_STORE, S3_*; fs = artifactDir); the API must read the same store. */
  artifactStore: ArtifactStoreConfig;
  workDir: string;
  runnerId: string;
  concurrency: number;
  metricsPort: number;
  retry: { maxAttempts: number; backoffMs: number };
  cancelPollMs: number;
  shutdownGraceMs: number;
  /**
   * BullMQ stalled-job recovery: a job whose lock (lockDuration) was not renewed — its
   * runner died — is moved back to wait by the next stalled check (stalledInterval) of
   * any worker, at most maxStalledCount times. A dead runner's job is thus retried after
   * lockDuration + stalledInterval at worst.
   */
  stalled: { lockDurationMs: number; stalledIntervalMs: number; maxStalledCount: number };
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function loadRunnerConfig(env: NodeJS.ProcessEnv = process.env): RunnerConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid runner configuration: ${problems.join('; ')}`);
  }
  const e = parsed.data;
  let artifactStore: ArtifactStoreConfig;
  try {
    artifactStore = artifactStoreConfigFromEnv(env, e.SOCKLAB_ARTIFACT_DIR);
  } catch (error) {
    throw new ConfigError(`Invalid runner configuration: ${(error as Error).message}`);
  }
  return {
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    queuePrefix: e.SOCKLAB_QUEUE_PREFIX,
    eventsPrefix: e.SOCKLAB_EVENTS_PREFIX,
    artifactDir: e.SOCKLAB_ARTIFACT_DIR,
    artifactStore,
    workDir: e.SOCKLAB_RUNNER_WORK_DIR,
    runnerId: e.SOCKLAB_RUNNER_ID ?? `${hostname()}:${process.pid}`,
    concurrency: e.SOCKLAB_RUNNER_CONCURRENCY,
    metricsPort: e.SOCKLAB_RUNNER_METRICS_PORT,
    retry: { maxAttempts: e.SOCKLAB_RUNNER_MAX_ATTEMPTS, backoffMs: e.SOCKLAB_RUNNER_RETRY_BACKOFF_MS },
    cancelPollMs: e.SOCKLAB_RUNNER_CANCEL_POLL_MS,
    shutdownGraceMs: e.SOCKLAB_RUNNER_SHUTDOWN_GRACE_MS,
    stalled: {
      lockDurationMs: e.SOCKLAB_RUNNER_LOCK_DURATION_MS,
      stalledIntervalMs: e.SOCKLAB_RUNNER_STALLED_INTERVAL_MS,
      maxStalledCount: e.SOCKLAB_RUNNER_MAX_STALLED_COUNT,
    },
  };
}
