import { Logger } from '@nestjs/common';
import { migrate } from '@socklab/db';
import type { ApiConfig } from '../config/env';
import { resolveMigrationsDir } from './migrations-dir';

/**
 * Applies pending migrations before the application is assembled, so no request (and no
 * background relay) ever meets an outdated schema, and a database that cannot be migrated
 * stops the boot before any connection is opened. Concurrent instances serialise on the
 * migrator's advisory lock.
 */
export async function migrateOnBoot(
  config: ApiConfig,
  log: (message: string) => void = (message) => new Logger('Migrations').log(message),
): Promise<string[]> {
  if (!config.migrateOnBoot) return [];
  const applied = await migrate(config.databaseUrl, resolveMigrationsDir(config.migrationsDir), { log });
  if (applied.length > 0) log(`applied ${applied.length} migration(s)`);
  return applied;
}
