import { Inject, Injectable } from '@nestjs/common';
import { AuditRepo, PrismaClient, RunRepo, type RegradeOutcome, type RegradeSkip } from '@socklab/db';
import { auditActor, type Principal } from '../auth/principal';
import { API_CONFIG, ApiConfig } from '../config/env';
import { PRISMA } from '../database/database.module';
import { AppError } from '../errors/app-error';
import { findStaffVersion } from '../exercises/versions/staff-version';
import { addLogContext } from '../logging/log-context';
import { OutboxPublisher } from '../queue/outbox-publisher';
import { RunQueuedAnnouncer } from '../queue/run-queued-announcer';
import { findVisibleRun } from '../runs/run-access';

const LIVE_STATUSES = ['queued', 'building', 'running', 'grading'] as const;
/** A run takes seconds to tens of seconds: a minute frees some room. */
const RETRY_AFTER_S = 60;

export interface QueuedRegrade {
  runId: string;
  /** The finished run this one regrades; it keeps its status, score and report. */
  regradeOfId: string;
  submissionId: string;
  status: 'queued';
}

export type RegradeSkipReason = RegradeSkip | 'run/cancelled';

export interface VersionRegrade {
  exerciseId: string;
  version: number;
  queued: QueuedRegrade[];
  /** Submissions left alone, by their latest run. */
  skipped: { runId: string; submissionId: string; reason: RegradeSkipReason }[];
}

const SKIP_MESSAGES: Record<RegradeSkip, (runId: string) => string> = {
  'run/not-found': (runId) => `No run ${runId} in this tenant.`,
  'run/not-finished': (runId) => `Run ${runId} has not finished; regrade it once it has (or cancel it).`,
  'run/regrade-in-progress': (runId) =>
    `The submission of run ${runId} already has a run queued or in progress; wait for it to finish.`,
};

/**
 * Regrades: the stored submission runs again, as a new run (RunRepo.regrade) against the
 * same immutable exercise version, through the normal queue and runners — the engine
 * and grader of today judge the same files. The old run keeps its results; the new one
 * names it in `regradeOfId`. A regrade costs the learner no attempt (attempts count
 * submissions) and does not count toward their in-flight limit. Per tenant, at most
 * SOCKLAB_MAX_REGRADE_RUNS regrade runs are queued or running at once: a request that
 * would exceed it is refused whole (429, Retry-After), never half-done.
 */
@Injectable()
export class RegradesService {
  private readonly runs: RunRepo;
  private readonly audit: AuditRepo;

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly publisher: OutboxPublisher,
    private readonly announcer: RunQueuedAnnouncer,
  ) {
    this.runs = new RunRepo(prisma);
    this.audit = new AuditRepo(prisma);
  }

  async regradeRun(principal: Principal, runId: string): Promise<QueuedRegrade> {
    const scope = { tenantId: principal.tenantId };
    const row = await findVisibleRun(this.prisma, principal, runId);
    if (row.submission.playgroundPresetId !== null) {
      throw AppError.conflict(
        'regrade/playground-run',
        `Run ${runId} is a playground run: it has no checks, so there is nothing to regrade. Start a new playground run instead.`,
      );
    }
    await this.assertCapacity(principal, 1);
    const outcome = await this.runs.regrade(scope, [runId]);
    const skip = outcome.skipped[0];
    if (skip) {
      if (skip.reason === 'run/not-found') throw AppError.notFound(skip.reason, SKIP_MESSAGES[skip.reason](runId));
      throw AppError.conflict(skip.reason, SKIP_MESSAGES[skip.reason](runId));
    }
    const [queued] = await this.accepted(outcome);
    addLogContext({ runId: queued.runId });
    await this.audit.record(scope, {
      action: 'run.regrade',
      ...auditActor(principal),
      targetType: 'run',
      targetId: runId,
      data: { regradeRunId: queued.runId },
    });
    return queued;
  }

  /**
   * Regrades every submission of the version whose latest run finished (done or failed).
   * Submissions whose latest run is still in flight, or was cancelled by its learner,
   * are listed in `skipped`.
   */
  async regradeVersion(principal: Principal, exerciseId: string, versionNumber: number): Promise<VersionRegrade> {
    const scope = { tenantId: principal.tenantId };
    const version = await findStaffVersion(this.prisma, principal, exerciseId, versionNumber);
    const runs = await this.prisma.run.findMany({
      where: { ...scope, submission: { ...scope, exerciseVersionId: version.id } },
      select: { id: true, status: true, submissionId: true },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    });
    const latest = new Map<string, (typeof runs)[number]>();
    for (const run of runs) if (!latest.has(run.submissionId)) latest.set(run.submissionId, run);
    const eligible: string[] = [];
    const skipped: VersionRegrade['skipped'] = [];
    for (const run of latest.values()) {
      if (run.status === 'done' || run.status === 'failed') eligible.push(run.id);
      else {
        const reason = run.status === 'cancelled' ? 'run/cancelled' : 'run/not-finished';
        skipped.push({ runId: run.id, submissionId: run.submissionId, reason });
      }
    }
    await this.assertCapacity(principal, eligible.length);
    const outcome = await this.runs.regrade(scope, eligible);
    const submissionOf = new Map(runs.map((run) => [run.id, run.submissionId]));
    for (const skip of outcome.skipped)
      skipped.push({ runId: skip.runId, submissionId: submissionOf.get(skip.runId)!, reason: skip.reason });
    const queued = await this.accepted(outcome);
    await this.audit.record(scope, {
      action: 'exercise.version.regrade',
      ...auditActor(principal),
      targetType: 'exercise',
      targetId: version.exerciseId,
      data: { version: version.version, queued: queued.length, skipped: skipped.length },
    });
    return { exerciseId: version.exerciseId, version: version.version, queued, skipped };
  }

  /**
   * The committed regrade runs, each of whose event streams opens with `phase: queued` at
   * seq 0 (as a submission's run does) before the outbox publisher is kicked.
   */
  private async accepted(outcome: RegradeOutcome): Promise<QueuedRegrade[]> {
    await Promise.all(outcome.queued.map(({ run }) => this.announcer.announce(run.id)));
    if (outcome.queued.length > 0) this.publisher.kick();
    return outcome.queued.map(({ run }) => ({
      runId: run.id,
      regradeOfId: run.regradeOfId!,
      submissionId: run.submissionId,
      status: 'queued',
    }));
  }

  private async assertCapacity(principal: Principal, wanted: number): Promise<void> {
    if (wanted === 0) return;
    const limit = this.config.limits.maxRegradeRuns;
    if (wanted > limit) {
      throw AppError.invalid(
        'regrade/too-many',
        `This would regrade ${wanted} submissions; at most ${limit} regrade runs may be queued at once ` +
          '(SOCKLAB_MAX_REGRADE_RUNS). Regrade runs one by one, or ask an operator to raise the limit.',
        { limit, wanted },
      );
    }
    const inflight = await this.prisma.run.count({
      where: { tenantId: principal.tenantId, regradeOfId: { not: null }, status: { in: [...LIVE_STATUSES] } },
    });
    if (inflight + wanted > limit) {
      throw AppError.rateLimited(
        `This tenant has ${inflight} regrade runs queued or running; ${wanted} more would pass the limit of ${limit}. ` +
          'Wait for some to finish.',
        RETRY_AFTER_S,
        { limit, inflight, wanted },
      );
    }
  }
}
