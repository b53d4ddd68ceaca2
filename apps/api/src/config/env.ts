/**
 * The API's configuration, read once at boot from the environment and validated into a
 * typed object (immich style): a bad value stops the process with a message naming the
 * variable, instead of surfacing later as an obscure failure.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const flag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const millis = z.coerce.number().int().min(0);

const EnvSchema = z.object({
  SOCKLAB_API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  SOCKLAB_API_HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/socklab'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  SOCKLAB_ARTIFACT_DIR: z.string().min(1).default('var/artifacts'),
  SOCKLAB_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** Apply pending SQL migrations before serving (one API instance wins the lock). */
  SOCKLAB_MIGRATE_ON_BOOT: flag.default(true),
  /** prisma/migrations; found by walking up from the working directory when unset. */
  SOCKLAB_MIGRATIONS_DIR: z.string().min(1).optional(),
  /** HMAC key for session tokens; at least 32 characters. */
  SOCKLAB_SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  SOCKLAB_SESSION_TTL_SECONDS: z.coerce
    .number()
    .int()
    .min(60)
    .default(12 * 3600),
  /** BullMQ key prefix; tests use a unique one. */
  SOCKLAB_QUEUE_PREFIX: z.string().min(1).default('bull'),
  /** 0 disables the periodic outbox relay (it still runs after each submission). */
  SOCKLAB_OUTBOX_INTERVAL_MS: millis.default(1000),
  /** 0 disables the periodic reconciler. */
  SOCKLAB_RECONCILE_INTERVAL_MS: millis.default(30_000),
  /** A queued run younger than this is left to the outbox relay. */
  SOCKLAB_RECONCILE_GRACE_MS: millis.default(15_000),
  SOCKLAB_MAX_INFLIGHT_RUNS: z.coerce.number().int().min(1).default(3),
  SOCKLAB_MAX_SUBMISSIONS_PER_MINUTE: z.coerce.number().int().min(1).default(10),
  /** Regrade runs of one tenant queued or running at once (a larger regrade is refused with 429). */
  SOCKLAB_MAX_REGRADE_RUNS: z.coerce.number().int().min(1).default(200),
  /** Self-tests of one tenant queued or running at once. */
  SOCKLAB_MAX_SELF_TESTS: z.coerce.number().int().min(1).default(3),
  /** Key prefix of the per-run event streams; must equal the runner's. */
  SOCKLAB_EVENTS_PREFIX: z.string().min(1).default('socklab:'),
  /**
   * A watched run that finished this long ago without a `result` event in its stream
   * (e.g. cancelled while queued) is reported ended to its watchers.
   */
  SOCKLAB_LIVE_END_GRACE_MS: z.coerce.number().int().min(50).default(3_000),
  /** The portal's static build; found at dist/apps/portal when unset (see portal/portal-dir.ts). */
  SOCKLAB_PORTAL_DIR: z.string().min(1).optional(),
});

export interface ApiConfig {
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl: string;
  artifactDir: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  migrateOnBoot: boolean;
  migrationsDir?: string;
  session: {
    secret: string;
    /** True when no secret was configured and one was generated for this process. */
    secretGenerated: boolean;
    ttlSeconds: number;
  };
  queue: { prefix: string; outboxIntervalMs: number; reconcileIntervalMs: number; reconcileGraceMs: number };
  limits: {
    maxInflightRuns: number;
    maxSubmissionsPerMinute: number;
    maxRegradeRuns: number;
    maxInflightSelfTests: number;
  };
  live: { eventsPrefix: string; endGraceMs: number };
  /** Folder of the portal's static build to serve, if configured. */
  portalDir?: string;
}

export class ConfigError extends Error {
  readonly code = 'config/invalid-env';
}

export function loadApiConfig(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`invalid environment for the API:\n  ${problems.join('\n  ')}`);
  }
  const e = parsed.data;
  return {
    port: e.SOCKLAB_API_PORT,
    host: e.SOCKLAB_API_HOST,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    artifactDir: e.SOCKLAB_ARTIFACT_DIR,
    logLevel: e.SOCKLAB_LOG_LEVEL,
    migrateOnBoot: e.SOCKLAB_MIGRATE_ON_BOOT,
    migrationsDir: e.SOCKLAB_MIGRATIONS_DIR,
    session: {
      secret: e.SOCKLAB_SESSION_SECRET ?? randomBytes(32).toString('base64url'),
      secretGenerated: e.SOCKLAB_SESSION_SECRET === undefined,
      ttlSeconds: e.SOCKLAB_SESSION_TTL_SECONDS,
    },
    queue: {
      prefix: e.SOCKLAB_QUEUE_PREFIX,
      outboxIntervalMs: e.SOCKLAB_OUTBOX_INTERVAL_MS,
      reconcileIntervalMs: e.SOCKLAB_RECONCILE_INTERVAL_MS,
      reconcileGraceMs: e.SOCKLAB_RECONCILE_GRACE_MS,
    },
    limits: {
      maxInflightRuns: e.SOCKLAB_MAX_INFLIGHT_RUNS,
      maxSubmissionsPerMinute: e.SOCKLAB_MAX_SUBMISSIONS_PER_MINUTE,
      maxRegradeRuns: e.SOCKLAB_MAX_REGRADE_RUNS,
      maxInflightSelfTests: e.SOCKLAB_MAX_SELF_TESTS,
    },
    live: { eventsPrefix: e.SOCKLAB_EVENTS_PREFIX, endGraceMs: e.SOCKLAB_LIVE_END_GRACE_MS },
    portalDir: e.SOCKLAB_PORTAL_DIR,
  };
}

export const API_CONFIG = Symbol('API_CONFIG');
