import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient, type SelfTest } from '@socklab/db';
import type { Principal } from '../../auth/principal';
import { PRISMA } from '../../database/database.module';
import { AppError } from '../../errors/app-error';
import { findStaffVersion } from './staff-version';
import {
  toVersionDetail,
  toVersionSummary,
  type ExerciseVersionDetail,
  type ExerciseVersionSummary,
} from './version-views';

/** Every version of an exercise, for the staff of its tenant. */
@Injectable()
export class ExerciseVersionsService {
  constructor(@Inject(PRISMA) private readonly prisma: PrismaClient) {}

  /** Newest first. */
  async list(principal: Principal, exerciseId: string): Promise<ExerciseVersionSummary[]> {
    const tenantId = principal.tenantId;
    const exercise = await this.prisma.exercise.findFirst({
      where: { tenantId, id: exerciseId, archivedAt: null },
      include: {
        versions: {
          orderBy: { version: 'desc' },
          include: { selfTests: { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: 1 } },
        },
      },
    });
    if (!exercise || exercise.versions.length === 0)
      throw AppError.notFound('exercise/not-found', `No exercise ${exerciseId} in this tenant.`);
    const { versions, ...bare } = exercise;
    return versions.map(({ selfTests, ...version }) => toVersionSummary({ ...version, exercise: bare }, selfTests[0] ?? null));
  }

  async get(principal: Principal, exerciseId: string, version: number): Promise<ExerciseVersionDetail> {
    const row = await findStaffVersion(this.prisma, principal, exerciseId, version);
    return toVersionDetail(row, await this.latestSelfTest(principal, row.id));
  }

  private latestSelfTest(principal: Principal, exerciseVersionId: string): Promise<SelfTest | null> {
    return this.prisma.selfTest.findFirst({
      where: { tenantId: principal.tenantId, exerciseVersionId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
  }
}
