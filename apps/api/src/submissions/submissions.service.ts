import { Inject, Injectable } from '@nestjs/common';
import { CreateSubmissionRequestSchema } from '@socklab/contracts';
import { PrismaClient } from '@socklab/db';
import type { Principal } from '../auth/principal';
import { PRISMA } from '../database/database.module';
import { AppError } from '../errors/app-error';
import { ExercisesService } from '../exercises/exercises.service';
import { assignedVersion, SubmissionAssignmentSchema } from './submission-assignment';
import { assertSubmissionSize } from './submission-limits';
import { SubmissionQueue, type AcceptedSubmission } from './submission-queue';

export type { AcceptedSubmission };

@Injectable()
export class SubmissionsService {
  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly exercises: ExercisesService,
    private readonly queue: SubmissionQueue,
  ) {}

  /**
   * Queues the submission (SubmissionQueue) against the exercise's latest version (or,
   * with `assignmentId`, the version that assignment published: see assignedVersion).
   */
  async submit(principal: Principal, exerciseId: string, body: unknown): Promise<AcceptedSubmission> {
    assertSubmissionSize(body);
    const request = CreateSubmissionRequestSchema.parse(body);
    const { assignmentId } = SubmissionAssignmentSchema.parse(body);
    const { latest } = await this.exercises.findVisible(principal, exerciseId);
    const version = assignmentId
      ? await assignedVersion(this.prisma, principal, assignmentId, exerciseId)
      : latest;
    const offered = Object.keys((version.spec as { languages?: object } | null)?.languages ?? {});
    if (!offered.includes(request.language)) {
      throw AppError.invalid(
        'submission/language-not-offered',
        `language: this exercise takes ${offered.join(', ') || 'no language'}, not ${request.language}.`,
        [{ path: 'language', message: `not offered by this exercise`, offered }],
      );
    }
    return this.queue.queue(principal, {
      exerciseVersionId: version.id,
      assignmentId: assignmentId ?? null,
      language: request.language,
      files: request.files,
    });
  }
}
