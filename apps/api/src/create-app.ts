import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module';
import type { ApiConfig } from './config/env';
import type { DependencyProbe } from './health/dependency-probe';
import { setupOpenApi } from './openapi/setup-openapi';

/**
 * Builds the HTTP application: REST under /api/v1, operations endpoints at the root
 * (/healthz, /readyz), OpenAPI at /api/docs. Used by main.ts and by the tests.
 */
export async function createApiApp(
  config: ApiConfig,
  options: { probes?: DependencyProbe[]; logger?: false } = {},
): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.forRoot(config, options.probes), {
    logger: options.logger ?? ['error', 'warn', 'log'],
  });
  app.setGlobalPrefix('api/v1', { exclude: ['healthz', 'readyz'] });
  app.enableShutdownHooks();
  setupOpenApi(app);
  return app;
}
