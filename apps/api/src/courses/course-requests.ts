import { z } from 'zod';

/** Enrols the member of the tenant with this email (compared case-insensitively). */
export const CreateEnrollmentRequestSchema = z.object({ email: z.string().trim().min(3).max(320) });

export const CreateCourseRequestSchema = z.object({ name: z.string().trim().min(1).max(200) });

/**
 * Publishes `exerciseId` at `version` (default: its newest) to a course. `title` defaults
 * to the exercise's title; `dueAt` is an ISO 8601 instant, null or absent for no deadline;
 * `maxAttempts` caps each learner's attempts, null or absent for no cap.
 */
export const CreateAssignmentRequestSchema = z.object({
  exerciseId: z.uuid(),
  version: z.int().min(1).optional(),
  title: z.string().trim().min(1).max(200).optional(),
  dueAt: z.iso.datetime({ offset: true }).nullable().optional(),
  maxAttempts: z.int().min(1).max(1000).nullable().optional(),
});
export type CreateAssignmentRequest = z.infer<typeof CreateAssignmentRequestSchema>;
