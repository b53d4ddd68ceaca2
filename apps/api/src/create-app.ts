import type { INestApplication, LoggerService } from '@nestjs/common';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { IoAdapter } from '@nestjs/platform-socket.io';
import { SUBMISSION_LIMITS } from '@socklab/contracts';
import { AppModule } from './app.module';
import type { ApiConfig } from './config/env';
import { migrateOnBoot } from './database/migrate-on-boot';
import { YAML_MEDIA_TYPES } from './exercises/exercise-spec-input';
import type { DependencyProbe } from './health/dependency-probe';
import { JsonLogger } from './logging/json-logger';
import { observeRequests } from './logging/request-observer';
import { HttpRequestMetrics } from './metrics/http-request-metrics';
import { setupOpenApi } from './openapi/setup-openapi';

/**
 * JSON bodies may carry a full submission with every character escaped twice over
 * (`\n`, `\"`); what the files really hold is checked against SUBMISSION_LIMITS after
 * parsing. Beyond this, the body is refused unread with 413 `request/too-large`.
 */
export const JSON_BODY_LIMIT = 2 * SUBMISSION_LIMITS.maxTotalBytes + 64 * 1024;
/** An exercise.yaml. */
export const YAML_BODY_LIMIT = 512 * 1024;

/**
 * Builds the HTTP application: REST under /api/v1, operations endpoints at the root
 * (/healthz, /readyz, /metrics), OpenAPI at /api/docs, live run events over socket.io
 * (live/live.gateway.ts). Logs are JSON lines (logging/json-logger.ts) unless `logger`
 * is false. Pending migrations are applied first (SOCKLAB_MIGRATE_ON_BOOT). Used by
 * main.ts, `socklab serve` and the tests.
 */
export async function createApiApp(
  config: ApiConfig,
  options: { probes?: DependencyProbe[]; logger?: false | LoggerService } = {},
): Promise<INestApplication> {
  const logger = options.logger ?? new JsonLogger(config.logLevel);
  await migrateOnBoot(config, logger ? (message) => logger.log(message, 'Migrations') : () => undefined);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, options.probes), {
    logger,
    bodyParser: false,
    // A failing provider (e.g. a migration) rejects here instead of exiting the process.
    abortOnError: false,
  });
  // First in the chain, so every request is timed and logged, refused bodies included.
  app.use(observeRequests(app.get(HttpRequestMetrics), new Logger('Http')));
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.useBodyParser('text', { type: YAML_MEDIA_TYPES, limit: YAML_BODY_LIMIT });
  app.setGlobalPrefix('api/v1', { exclude: ['healthz', 'readyz', 'metrics'] });
  app.enableShutdownHooks();
  // socket.io shares the HTTP server: live run events at /socket.io, namespace /runs.
  app.useWebSocketAdapter(new IoAdapter(app));
  setupOpenApi(app);
  if (config.session.secretGenerated && options.logger !== false) {
    new Logger('Auth').warn(
      'SOCKLAB_SESSION_SECRET is not set: using a secret generated for this process. Sessions end when it ' +
        'restarts and are not accepted by other instances; set it in production.',
    );
  }
  return app;
}
