import type { Exercise, ExerciseVersion, PrismaClient } from '@socklab/db';
import type { Principal } from '../../auth/principal';
import { AppError } from '../../errors/app-error';

export type StaffVersion = ExerciseVersion & { exercise: Exercise };

/**
 * Version `version` of exercise `exerciseId` in the caller's tenant (callers are staff:
 * the routes are limited to instructors and owners). 404 `exercise/not-found` for an
 * exercise outside the tenant, `exercise/version-not-found` for a number it does not have.
 */
export async function findStaffVersion(
  prisma: PrismaClient,
  principal: Principal,
  exerciseId: string,
  version: number,
): Promise<StaffVersion> {
  const tenantId = principal.tenantId;
  const row = await prisma.exerciseVersion.findFirst({
    where: { tenantId, version, exercise: { tenantId, id: exerciseId, archivedAt: null } },
    include: { exercise: true },
  });
  if (row) return row;
  const exercise = await prisma.exercise.findFirst({ where: { tenantId, id: exerciseId, archivedAt: null } });
  if (!exercise) throw AppError.notFound('exercise/not-found', `No exercise ${exerciseId} in this tenant.`);
  throw AppError.notFound(
    'exercise/version-not-found',
    `Exercise "${exercise.slug}" has no version ${version}; GET /api/v1/exercises/${exerciseId}/versions lists them.`,
  );
}
