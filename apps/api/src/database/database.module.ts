import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { createPrismaClient, PrismaClient } from '@socklab/db';
import type { ApiConfig } from '../config/env';

/** The API's one Prisma client (pooled over node-postgres; connects on first query). */
export const PRISMA = Symbol('PRISMA');

class PrismaLifecycle implements OnApplicationShutdown {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}
  async onApplicationShutdown(): Promise<void> {
    await this.prisma.$disconnect();
  }
}

/** Provides PRISMA; the schema is brought up to date before, by migrateOnBoot (create-app.ts). */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(config: ApiConfig): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        { provide: PRISMA, useFactory: () => createPrismaClient(config.databaseUrl) },
        PrismaLifecycle,
      ],
      exports: [PRISMA],
    };
  }
}
