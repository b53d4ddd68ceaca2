import { Inject, Injectable, Logger } from '@nestjs/common';
import { labRunJobId, type RunStatus } from '@socklab/contracts';
import { AuditRepo, PrismaClient, RunRepo } from '@socklab/db';
import { auditActor, type Principal } from '../auth/principal';
import { PRISMA } from '../database/database.module';
import { LAB_RUNS, LabRunsQueue } from '../queue/lab-runs-queue';
import { findVisibleRun, visibleRuns } from './run-access';
import {
  RUN_ROW_INCLUDE,
  toRunDetail,
  toRunSummary,
  type RunDetail,
  type RunRow,
  type RunSummary,
} from './run-views';

/**
 * What a listed run ran: an exercise submission (graded) or a playground run (not graded).
 * One list holds one kind, exercise runs by default, so whatever counts scores or attempts
 * over a list of runs never meets a playground run.
 */
export const RUN_KINDS = ['exercise', 'playground'] as const;
export type RunKind = (typeof RUN_KINDS)[number];

export interface RunListQuery {
  kind: RunKind;
  status?: RunStatus;
  exerciseId?: string;
  limit: number;
  /** Runs created before this instant (the createdAt of the last run of the previous page). */
  before?: Date;
}

/**
 * Runs as people see them. Learners see their own runs only, staff every run of their
 * tenant; a run outside that is reported as not found, whether it exists or not.
 */
@Injectable()
export class RunsService {
  private readonly logger = new Logger('RunsService');
  private readonly runs: RunRepo;
  private readonly audit: AuditRepo;

  constructor(
    @Inject(PRISMA) private readonly prisma: PrismaClient,
    @Inject(LAB_RUNS) private readonly queue: LabRunsQueue,
  ) {
    this.runs = new RunRepo(prisma);
    this.audit = new AuditRepo(prisma);
  }

  async list(principal: Principal, query: RunListQuery): Promise<RunSummary[]> {
    const rows = await this.prisma.run.findMany({
      where: {
        AND: [
          visibleRuns(principal),
          query.kind === 'playground'
            ? { submission: { tenantId: principal.tenantId, playgroundPresetId: { not: null } } }
            : { submission: { tenantId: principal.tenantId, exerciseVersionId: { not: null } } },
          query.status ? { status: query.status } : {},
          query.before ? { createdAt: { lt: query.before } } : {},
          query.exerciseId
            ? {
                submission: {
                  exerciseVersion: { tenantId: principal.tenantId, exerciseId: query.exerciseId },
                },
              }
            : {},
        ],
      },
      include: RUN_ROW_INCLUDE,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: query.limit,
    });
    const positions = await this.runs.queuePositions(
      rows.filter((row) => row.status === 'queued').map((row) => row.id),
    );
    return (rows as RunRow[]).map((row) => toRunSummary(row, positions.get(row.id) ?? null));
  }

  async get(principal: Principal, id: string): Promise<RunDetail> {
    const row = await this.findVisible(principal, id);
    return toRunDetail(row, principal, new Date(), await this.queuePosition(row));
  }

  /**
   * Cancels a run that has not finished (409 `run/illegal-transition` otherwise). A job
   * still waiting in the queue is removed; a runner already holding the run finds it
   * cancelled at its next status change and stops.
   */
  async cancel(principal: Principal, id: string): Promise<RunDetail> {
    const scope = { tenantId: principal.tenantId };
    await this.findVisible(principal, id);
    const run = await this.runs.cancel(scope, id);
    await this.queue.remove(labRunJobId({ runId: run.id, attempt: run.attempt })).catch((error: unknown) => {
      this.logger.warn(`run ${id} cancelled, but its queue job could not be removed: ${String(error)}`);
    });
    await this.audit.record(scope, {
      action: 'run.cancel',
      ...auditActor(principal),
      targetType: 'run',
      targetId: id,
    });
    return toRunDetail(await this.findVisible(principal, id), principal);
  }

  /** Where a queued run stands in the service-wide queue (RunRepo.queuePositions); null otherwise. */
  private async queuePosition(row: RunRow): Promise<number | null> {
    if (row.status !== 'queued') return null;
    return (await this.runs.queuePositions([row.id])).get(row.id) ?? null;
  }

  private findVisible(principal: Principal, id: string): Promise<RunRow> {
    return findVisibleRun(this.prisma, principal, id);
  }
}
