import type { PrismaClient } from '@socklab/db';
import { isStaff, type Principal } from '../auth/principal';

type ExerciseWhere = NonNullable<NonNullable<Parameters<PrismaClient['exercise']['findMany']>[0]>['where']>;

/**
 * The exercises a member may see and submit to. Staff see every live exercise of their
 * tenant that has a version. Learners see the published ones: the built-in pack, and
 * exercises assigned to a live course they are enrolled in. Anything else does not
 * exist for them (404, never 403).
 */
export function visibleExercises(principal: Principal): ExerciseWhere {
  const tenantId = principal.tenantId;
  const base = { tenantId, archivedAt: null, versions: { some: { tenantId } } };
  if (isStaff(principal)) return base;
  const enrolled = {
    tenantId,
    archivedAt: null,
    enrollments: { some: { tenantId, userId: principal.userId } },
  };
  return {
    ...base,
    OR: [
      { builtin: true },
      { versions: { some: { tenantId, assignments: { some: { tenantId, course: enrolled } } } } },
    ],
  };
}

type VersionWhere = NonNullable<NonNullable<Parameters<PrismaClient['exerciseVersion']['findMany']>[0]>['where']>;

/**
 * The versions of a visible exercise a member reads and submits to: staff every version
 * (they work on the newest), learners the versions published to them — any of a built-in,
 * otherwise those assigned to a live course they are enrolled in. So a newer version an
 * instructor uploaded (not yet self-tested, not yet assigned) stays out of learners'
 * sight until it is assigned; until then they keep the assigned one.
 */
export function visibleVersions(principal: Principal): VersionWhere {
  const tenantId = principal.tenantId;
  if (isStaff(principal)) return { tenantId };
  const enrolled = {
    tenantId,
    archivedAt: null,
    enrollments: { some: { tenantId, userId: principal.userId } },
  };
  return {
    tenantId,
    OR: [{ exercise: { tenantId, builtin: true } }, { assignments: { some: { tenantId, course: enrolled } } }],
  };
}
