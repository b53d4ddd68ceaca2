import { canTransition, isTerminalRunStatus, LAB_RUNS_QUEUE, labRunJobId, RUN_STATUSES, type LabRunJob, type RunStatus } from '@socklab/contracts';

import type { PrismaClient, Tx } from '../client';
import { DbError } from '../errors';
import type { Language, Prisma, Run, Submission } from '../generated/prisma/client';
import type { TenantScope } from '../tenant-scope';
import { assertAttemptLeft } from './assignment-attempts';
import { lockMember } from './member-lock';

/**
 * What a submission runs against: an exercise version (graded, and for an assignment when
 * `assignmentId` is set), or a built-in playground preset (a playground run: not graded,
 * never for an assignment). The database holds the same rule (Submission's CHECKs).
 */
export type SubmissionTarget =
  | { exerciseVersionId: string; assignmentId?: string | null; playgroundPresetId?: undefined }
  | { playgroundPresetId: string; exerciseVersionId?: undefined; assignmentId?: undefined };

/** A member's program and what it runs against. */
export type NewSubmission = SubmissionTarget & {
  language: Language;
  files: { name: string; content: string }[];
};

export type CreateRunInput = NewSubmission & { userId: string };

export interface CreateRunOptions {
  /**
   * The caller's own admission check (the API's per-member rate limits), run inside the
   * transaction that stores the submission, once it holds the member's lock (lockMember)
   * and before an assignment's maxAttempts is checked. It must read with `tx` only: what
   * it counts then includes every submission of the member committed before, and no other
   * of theirs can be stored until this transaction ends, so a limit it enforces holds
   * exactly however many submissions race, through however many processes. Throw to
   * refuse: the transaction rolls back and createWithSubmission rejects with that error.
   */
  admit?: (tx: Tx) => Promise<void>;
}

/** Why RunRepo.regrade left a run alone. */
export type RegradeSkip = 'run/not-found' | 'run/not-finished' | 'run/regrade-in-progress';

export interface RegradeOutcome {
  /** The new runs, one per regraded run (`regradeOfId` names it). */
  queued: { run: Run; job: LabRunJob }[];
  skipped: { runId: string; reason: RegradeSkip }[];
}

export interface CreatedRun {
  submission: Submission;
  run: Run;
  /** The lab-runs job the outbox relay will publish. */
  job: LabRunJob;
}

/** Column stamped when a run enters each status. */
const PHASE_STAMP: Partial<Record<RunStatus, 'queuedAt' | 'buildingAt' | 'runningAt' | 'gradingAt' | 'finishedAt'>> = {
  queued: 'queuedAt',
  building: 'buildingAt',
  running: 'runningAt',
  grading: 'gradingAt',
  done: 'finishedAt',
  failed: 'finishedAt',
  cancelled: 'finishedAt',
};

/** Statuses from which `to` may be entered, per @socklab/contracts RUN_TRANSITIONS. */
function sourcesOf(to: RunStatus): RunStatus[] {
  return RUN_STATUSES.filter((from) => canTransition(from, to));
}

/**
 * Runs and their lifecycle. Every status change is a compare-and-set on the current
 * status, so two processes racing (runner finishing vs. user cancelling) cannot both win,
 * and a change not in RUN_TRANSITIONS fails with 'run/illegal-transition'.
 */
export class RunRepo {
  constructor(private readonly prisma: PrismaClient) {}

  /**
   * Persists the submission, its run (queued, attempt 1) and the outbox message that
   * will enqueue it, in one transaction: a run is never queued without being stored,
   * nor stored without being (eventually) queued. The transaction first locks the
   * member's Membership row (lockMember), so one member's submissions are stored one at a
   * time; then `options.admit` runs, then a submission to an assignment is checked against
   * its maxAttempts ('assignment/attempts-exhausted', see assertAttemptLeft): each check
   * is atomic with the insert it admits.
   */
  async createWithSubmission(
    scope: TenantScope,
    input: CreateRunInput,
    options: CreateRunOptions = {},
  ): Promise<CreatedRun> {
    const sizeBytes = input.files.reduce((sum, f) => sum + Buffer.byteLength(f.content, 'utf8'), 0);
    return this.prisma.$transaction(async (tx) => {
      await lockMember(tx, scope, input.userId);
      if (options.admit) await options.admit(tx);
      if (input.assignmentId) await assertAttemptLeft(tx, scope, input.userId, input.assignmentId);
      const submission = await tx.submission.create({
        data: {
          tenantId: scope.tenantId,
          userId: input.userId,
          exerciseVersionId: input.exerciseVersionId ?? null,
          playgroundPresetId: input.playgroundPresetId ?? null,
          assignmentId: input.assignmentId ?? null,
          language: input.language,
          files: input.files,
          sizeBytes,
        },
      });
      const run = await tx.run.create({ data: { tenantId: scope.tenantId, submissionId: submission.id } });
      const job = await enqueue(tx, run);
      return { submission, run, job };
    }, { isolationLevel: 'ReadCommitted' });
  }

  /**
   * Regrade: for each finished run, a new queued run of the same submission (so the same
   * files against the same immutable exercise version), with `regradeOfId` naming it and
   * its outbox message, all in one transaction. The finished runs keep their status,
   * score and report. A run is skipped when it is not finished, or when its submission
   * already has a run in flight (a regrade queued before, a retry): each submission's
   * row is locked first, so two regrades racing cannot both queue one.
   */
  async regrade(scope: TenantScope, runIds: string[]): Promise<RegradeOutcome> {
    return this.prisma.$transaction(
      async (tx) => {
        const outcome: RegradeOutcome = { queued: [], skipped: [] };
        for (const runId of runIds) {
          const old = await tx.run.findFirst({ where: { tenantId: scope.tenantId, id: runId } });
          if (!old) {
            outcome.skipped.push({ runId, reason: 'run/not-found' });
            continue;
          }
          await tx.$queryRaw`
            SELECT id FROM "Submission" WHERE "tenantId" = ${scope.tenantId}::uuid AND id = ${old.submissionId}::uuid FOR UPDATE`;
          const current = await tx.run.findMany({
            where: { tenantId: scope.tenantId, submissionId: old.submissionId },
            select: { id: true, status: true },
          });
          const status = current.find((run) => run.id === runId)?.status ?? old.status;
          if (!isTerminalRunStatus(status)) {
            outcome.skipped.push({ runId, reason: 'run/not-finished' });
            continue;
          }
          if (current.some((run) => !isTerminalRunStatus(run.status))) {
            outcome.skipped.push({ runId, reason: 'run/regrade-in-progress' });
            continue;
          }
          const run = await tx.run.create({
            data: { tenantId: scope.tenantId, submissionId: old.submissionId, regradeOfId: old.id },
          });
          outcome.queued.push({ run, job: await enqueue(tx, run) });
        }
        return outcome;
      },
      { timeout: 60_000 },
    );
  }

  async get(scope: TenantScope, runId: string): Promise<Run> {
    const run = await this.prisma.run.findFirst({ where: { tenantId: scope.tenantId, id: runId } });
    if (!run) throw new DbError('run/not-found', `No run ${runId} in this tenant.`);
    return run;
  }

  /**
   * Each still-queued run's place in the service-wide queue: how many queued runs, of any
   * tenant, entered the queue before it (by `queuedAt`, then id; a re-queued attempt goes
   * to the back, as its new job does in BullMQ). 0 = next to be taken. Runs of `runIds`
   * that are not queued (or do not exist) are absent from the map. Only a count crosses
   * tenants, never a run. One query whatever the number of ids.
   */
  async queuePositions(runIds: readonly string[]): Promise<Map<string, number>> {
    if (runIds.length === 0) return new Map();
    const rows = await this.prisma.$queryRaw<{ id: string; ahead: bigint }[]>`
      SELECT r.id::text AS id,
             (SELECT count(*) FROM "Run" q
               WHERE q.status = 'queued' AND (q."queuedAt", q.id) < (r."queuedAt", r.id)) AS ahead
        FROM "Run" r
       WHERE r.id = ANY(${[...runIds]}::uuid[]) AND r.status = 'queued'`;
    return new Map(rows.map((row) => [row.id, Number(row.ahead)]));
  }

  listForSubmission(scope: TenantScope, submissionId: string): Promise<Run[]> {
    return this.prisma.run.findMany({ where: { tenantId: scope.tenantId, submissionId }, orderBy: { createdAt: 'asc' } });
  }

  /**
   * A runner takes the run: queued → building, recording its id. Refuses with
   * 'run/stale-attempt' when `attempt` is not the run's current attempt (a duplicate or
   * superseded job), so only one job per attempt ever builds.
   */
  async claim(scope: TenantScope, runId: string, attempt: number, runnerId: string): Promise<Run> {
    return this.move(scope, runId, 'building', { runnerId }, { attempt });
  }

  /** building → running → grading, as the lab engine reports phases. */
  advance(scope: TenantScope, runId: string, to: 'running' | 'grading'): Promise<Run> {
    return this.move(scope, runId, to, {});
  }

  /** grading → done with the grader's verdict: a gradable run that counts as an attempt. */
  complete(scope: TenantScope, runId: string, result: { score: number; maxScore: number; report: Prisma.InputJsonValue }): Promise<Run> {
    return this.move(scope, runId, 'done', { ...result, gradable: true });
  }

  /** Infrastructure failure: not gradable, so the learner loses no attempt. */
  fail(scope: TenantScope, runId: string, error: { code: string; message: string }): Promise<Run> {
    return this.move(scope, runId, 'failed', { gradable: false, infraErrorCode: error.code, infraErrorMessage: error.message });
  }

  cancel(scope: TenantScope, runId: string): Promise<Run> {
    return this.move(scope, runId, 'cancelled', { gradable: false });
  }

  /**
   * Puts a run whose runner was lost back in the queue as a new attempt, with its outbox
   * message, in one transaction. Phase timestamps of the lost attempt are cleared.
   */
  async requeue(scope: TenantScope, runId: string): Promise<{ run: Run; job: LabRunJob }> {
    return this.prisma.$transaction(async (tx) => {
      const run = await this.move(scope, runId, 'queued', {
        attempt: { increment: 1 },
        runnerId: null,
        buildingAt: null,
        runningAt: null,
        gradingAt: null,
      }, {}, tx);
      return { run, job: await enqueue(tx, run) };
    });
  }

  private async move(
    scope: TenantScope,
    runId: string,
    to: RunStatus,
    data: Prisma.RunUpdateManyMutationInput,
    guard: { attempt?: number } = {},
    db: Tx | PrismaClient = this.prisma,
  ): Promise<Run> {
    const stamp = PHASE_STAMP[to];
    const where = { tenantId: scope.tenantId, id: runId, status: { in: sourcesOf(to) }, ...guard };
    const { count } = await db.run.updateMany({ where, data: { ...data, status: to, ...(stamp ? { [stamp]: new Date() } : {}) } });
    const run = await db.run.findFirst({ where: { tenantId: scope.tenantId, id: runId } });
    if (!run) throw new DbError('run/not-found', `No run ${runId} in this tenant.`);
    if (count === 1) return run;
    if (guard.attempt !== undefined && run.attempt !== guard.attempt && canTransition(run.status, to)) {
      throw new DbError('run/stale-attempt', `Run ${runId} is at attempt ${run.attempt}; the job for attempt ${guard.attempt} is stale and must be dropped.`, {
        runId,
        attempt: guard.attempt,
        currentAttempt: run.attempt,
      });
    }
    throw new DbError('run/illegal-transition', `Run ${runId} is ${run.status}; it cannot become ${to}.`, { runId, from: run.status, to });
  }
}

async function enqueue(tx: Tx, run: Run): Promise<LabRunJob> {
  const job: LabRunJob = { runId: run.id, tenantId: run.tenantId, attempt: run.attempt };
  const message: Prisma.OutboxMessageUncheckedCreateInput = {
    tenantId: run.tenantId,
    queue: LAB_RUNS_QUEUE,
    jobId: labRunJobId(job),
    payload: job,
  };
  await tx.outboxMessage.create({ data: message });
  return job;
}
