import { Inject, Injectable } from '@nestjs/common';
import { CreateSubmissionRequestSchema } from '@socklab/contracts';
import { PrismaClient, RunRepo } from '@socklab/db';
import type { Principal } from '../auth/principal';
import { PRISMA } from '../database/database.module';
import { AppError } from '../errors/app-error';
import { addLogContext } from '../logging/log-context';
import { ExercisesService } from '../exercises/exercises.service';
import { OutboxPublisher } from '../queue/outbox-publisher';
import { RunQueuedAnnouncer } from '../queue/run-queued-announcer';
import { assignedVersion, SubmissionAssignmentSchema } from './submission-assignment';
import { assertSubmissionSize, SubmissionLimits } from './submission-limits';

export interface AcceptedSubmission {
  submissionId: string;
  runId: string;
  status: 'queued';
}

@Injectable()
export class SubmissionsService {
  private readonly runs: RunRepo;

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    private readonly exercises: ExercisesService,
    private readonly limits: SubmissionLimits,
    private readonly publisher: OutboxPublisher,
    private readonly announcer: RunQueuedAnnouncer,
  ) {
    this.runs = new RunRepo(prisma);
  }

  /**
   * Stores the submission against the exercise's latest version (or, with `assignmentId`,
   * the version that assignment published: see assignedVersion), with its queued run and
   * outbox message in one transaction, opens the run's event stream with `phase: queued`,
   * then nudges the outbox publisher. The run reaches the queue even if this process dies
   * right after answering.
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
    await this.limits.assertMaySubmit(principal);
    const { submission, run } = await this.runs.createWithSubmission(
      { tenantId: principal.tenantId },
      {
        userId: principal.userId,
        exerciseVersionId: version.id,
        assignmentId: assignmentId ?? null,
        language: request.language,
        files: request.files,
      },
    );
    addLogContext({ runId: run.id, submissionId: submission.id });
    await this.announcer.announce(run.id);
    this.publisher.kick();
    return { submissionId: submission.id, runId: run.id, status: 'queued' };
  }
}
