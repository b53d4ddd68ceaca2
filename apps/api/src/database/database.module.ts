import { DynamicModule, Global, Inject, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import { createPrismaClient, migrate, PrismaClient } from '@socklab/db';
import type { ApiConfig } from '../config/env';
import { resolveMigrationsDir } from './migrations-dir';

/** The API's one Prisma client (pooled over node-postgres). */
export const PRISMA = Symbol('PRISMA');

class PrismaLifecycle implements OnApplicationShutdown {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}
  async onApplicationShutdown(): Promise<void> {
    await this.prisma.$disconnect();
  }
}

/**
 * Provides PRISMA. With `migrateOnBoot`, pending migrations are applied before the client
 * is handed out, so no request ever meets an outdated schema; concurrent instances
 * serialise on the migrator's advisory lock.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: PRISMA,
          useFactory: async (): Promise<PrismaClient> => {
            if (config.migrateOnBoot) {
              const logger = new Logger('Migrations');
              const applied = await migrate(config.databaseUrl, resolveMigrationsDir(config.migrationsDir), {
                log: (message) => logger.log(message),
              });
              if (applied.length > 0) logger.log(`applied ${applied.length} migration(s)`);
            }
            return createPrismaClient(config.databaseUrl);
          },
        },
        PrismaLifecycle,
      ],
      exports: [PRISMA],
    };
  }
}
