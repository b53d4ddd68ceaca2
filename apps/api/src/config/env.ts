/**
 * The API's configuration, read once at boot from the environment and validated into a
 * typed object (immich style): a bad value stops the process with a message naming the
 * variable, instead of surfacing later as an obscure failure.
 */
import { z } from 'zod';

const EnvSchema = z.object({
  SOCKLAB_API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  SOCKLAB_API_HOST: z.string().default('127.0.0.1'),
  DATABASE_URL: z.string().url().default('postgresql://postgres@127.0.0.1:5432/socklab'),
  REDIS_URL: z.string().url().default('redis://127.0.0.1:6379'),
  SOCKLAB_ARTIFACT_DIR: z.string().min(1).default('var/artifacts'),
  SOCKLAB_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export interface ApiConfig {
  port: number;
  host: string;
  databaseUrl: string;
  redisUrl: string;
  artifactDir: string;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
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
  };
}

export const API_CONFIG = Symbol('API_CONFIG');
