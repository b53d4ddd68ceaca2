import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { loadApiConfig } from './config/env';
import { createApiApp } from './create-app';

async function main(): Promise<void> {
  const config = loadApiConfig();
  const app = await createApiApp(config);
  await app.listen(config.port, config.host);
  new Logger('Api').log(`listening on http://${config.host}:${config.port} (OpenAPI: /api/docs)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
