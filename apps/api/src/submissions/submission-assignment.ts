import type { ExerciseVersion, PrismaClient } from '@socklab/db';
import { z } from 'zod';
import { isStaff, type Principal } from '../auth/principal';
import { AppError } from '../errors/app-error';

/** The optional `assignmentId` of a submission body (the rest is CreateSubmissionRequest). */
export const SubmissionAssignmentSchema = z.object({ assignmentId: z.uuid().optional() });

/**
 * The exercise version a submission made for `assignmentId` is graded against: the one the
 * assignment published, whatever version is newer. Contract:
 * - 404 `assignment/not-found` unless the assignment is in the caller's tenant and, for a
 *   learner, in a live course they are enrolled in (another tenant's looks the same);
 * - 422 `submission/assignment-mismatch` when it publishes another exercise than `exerciseId`;
 * - 409 `assignment/past-due` once `now` is after its due date.
 * Its `maxAttempts` is not checked here: RunRepo.createWithSubmission checks it in the
 * transaction that stores the submission (409 `assignment/attempts-exhausted`), so
 * simultaneous submissions cannot overshoot it.
 */
export async function assignedVersion(
  prisma: PrismaClient,
  principal: Principal,
  assignmentId: string,
  exerciseId: string,
  now: Date = new Date(),
): Promise<ExerciseVersion> {
  const { tenantId, userId } = principal;
  const course = isStaff(principal)
    ? { tenantId }
    : { tenantId, archivedAt: null, enrollments: { some: { tenantId, userId } } };
  const assignment = await prisma.assignment.findFirst({
    where: { tenantId, id: assignmentId, course },
    include: { exerciseVersion: true },
  });
  if (!assignment) throw AppError.notFound('assignment/not-found', `No assignment ${assignmentId} in this tenant.`);
  if (assignment.exerciseVersion.exerciseId !== exerciseId) {
    throw AppError.invalid(
      'submission/assignment-mismatch',
      `assignmentId: assignment "${assignment.title}" is for another exercise; submit to /exercises/${assignment.exerciseVersion.exerciseId}/submissions.`,
      [{ path: 'assignmentId', message: 'assigns another exercise', exerciseId: assignment.exerciseVersion.exerciseId }],
    );
  }
  if (assignment.dueAt !== null && now.getTime() > assignment.dueAt.getTime()) {
    throw AppError.conflict(
      'assignment/past-due',
      `Assignment "${assignment.title}" was due at ${assignment.dueAt.toISOString()}; it takes no more submissions.`,
      { dueAt: assignment.dueAt.toISOString() },
    );
  }
  return assignment.exerciseVersion;
}
