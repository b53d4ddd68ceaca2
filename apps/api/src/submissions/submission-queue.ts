import { Inject, Injectable } from '@nestjs/common';
import { PrismaClient, RunRepo, type NewSubmission } from '@socklab/db';
import type { Principal } from '../auth/principal';
import { PRISMA } from '../database/database.module';
import { addLogContext } from '../logging/log-context';
import { OutboxPublisher } from '../queue/outbox-publisher';
import { RunQueuedAnnouncer } from '../queue/run-queued-announcer';
import { SubmissionLimits } from './submission-limits';

export interface AcceptedSubmission {
  submissionId: string;
  runId: string;
  status: 'queued';
}

/**
 * The one way a member's program enters the queue, for exercise submissions and
 * playground runs alike: in one transaction, holding the member's lock, the member's
 * submission limits are checked (429, SubmissionLimits) and the submission, its queued run
 * and outbox message are stored, so the limits hold exactly under concurrency; then the
 * run's event stream opens with `phase: queued`, and the outbox publisher is nudged. The
 * run reaches the queue even if this process dies right after answering.
 */
@Injectable()
export class SubmissionQueue {
  private readonly runs: RunRepo;

  constructor(
    @Inject(PRISMA) prisma: PrismaClient,
    private readonly limits: SubmissionLimits,
    private readonly publisher: OutboxPublisher,
    private readonly announcer: RunQueuedAnnouncer,
  ) {
    this.runs = new RunRepo(prisma);
  }

  async queue(principal: Principal, input: NewSubmission): Promise<AcceptedSubmission> {
    const { submission, run } = await this.runs.createWithSubmission(
      { tenantId: principal.tenantId },
      { ...input, userId: principal.userId },
      { admit: (tx) => this.limits.assertMaySubmit(tx, principal) },
    );
    addLogContext({ runId: run.id, submissionId: submission.id });
    await this.announcer.announce(run.id);
    this.publisher.kick();
    return { submissionId: submission.id, runId: run.id, status: 'queued' };
  }
}
