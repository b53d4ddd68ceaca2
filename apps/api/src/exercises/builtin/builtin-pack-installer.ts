import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { PrismaClient } from '@socklab/db';
import { PRISMA } from '../../database/database.module';
import { installBuiltinPack, loadBuiltinPack } from './builtin-pack';

/**
 * At API start, brings the built-in pack of every tenant up to date (new exercises, new
 * versions of changed ones), so a deployment with a newer pack needs no manual step. It
 * is idempotent and safe with several API instances starting at once (ExerciseRepo locks
 * per exercise). A tenant that fails is logged and retried at the next start; it never
 * stops the API from serving.
 */
@Injectable()
export class BuiltinPackInstaller implements OnApplicationBootstrap {
  private readonly logger = new Logger('BuiltinPack');

  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.installEverywhere();
  }

  /** @returns the number of tenants brought up to date. */
  async installEverywhere(): Promise<number> {
    const tenants = await this.prisma.tenant.findMany({
      select: { id: true, slug: true },
      orderBy: { createdAt: 'asc' },
    });
    if (tenants.length === 0) return 0;
    const pack = await loadBuiltinPack();
    for (const problem of pack.problems)
      this.logger.warn(`built-in exercise "${problem.id}": ${problem.message}`);
    let done = 0;
    for (const tenant of tenants) {
      try {
        await installBuiltinPack(this.prisma, { tenantId: tenant.id }, pack);
        done++;
      } catch (error) {
        this.logger.warn(
          `could not install the built-in pack into tenant "${tenant.slug}": ${String(error)}`,
        );
      }
    }
    return done;
  }
}
