import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';

import {
  isTerminalRunStatus,
  LabRunJobSchema,
  type LabEvent,
  type LabRunJob,
  type RunStatus,
  type UnsequencedLabEvent,
} from '@socklab/contracts';
import {
  isDbError,
  type ArtifactRepo,
  type ArtifactStore,
  type ExerciseRepo,
  type RunEventPublisher,
  type RunRepo,
  type SubmissionRepo,
  type TenantScope,
} from '@socklab/db';
import { UnrecoverableError, type Job } from 'bullmq';

import { infraFailureOf, type InfraFailure } from './errors';
import { EventPump } from './event-pump';
import { labJobIdOf } from './lab-job-id';
import { labShapeOf, type LabLeases } from './lab-leases';
import type { LabExecutor, LabRunReport } from './lab-executor';
import type { JobOutcome, RunnerMetrics } from './metrics';
import { PhaseClock } from './phase-clock';
import { storeRunArtifacts } from './run-artifacts';
import { runExerciseSpec } from './run-exercise';
import { RunWatch } from './run-watch';

export interface LabRunProcessorDeps {
  runs: RunRepo;
  submissions: SubmissionRepo;
  exercises: ExerciseRepo;
  artifacts: ArtifactRepo;
  store: ArtifactStore;
  events: RunEventPublisher;
  executor: LabExecutor;
  metrics: RunnerMetrics;
  /** Records each lab's host resources so they are reaped if this process dies mid-run. */
  leases?: LabLeases;
  /**
   * Adds the lab-runs job of a run's new attempt, due after `delayMs`. Its job id is
   * labRunJobId(job) — the id the outbox message written by RunRepo.requeue carries —
   * so the relay publishing that message later is a no-op, never a second job.
   */
  enqueue: (job: LabRunJob, delayMs: number) => Promise<void>;
  runnerId: string;
  workDir: string;
  retry: { maxAttempts: number; backoffMs: number };
  cancelPollMs: number;
}

/** Outcome of taking a job's run: work on it, or the job ends with this outcome. */
type Claim = { kind: 'claimed' } | { kind: 'ended'; outcome: JobOutcome };

/**
 * One lab-runs job: take the run, run the lab, record the outcome. The run in PostgreSQL
 * is the truth; the job is only a wake-up call, and there is one job per run attempt
 * (job id = labRunJobId(run, attempt)).
 *
 * Ownership: the run's runnerId is "<runner id>/<job id>". BullMQ lets one worker at a
 * time hold a job, so a job that comes back (its runner died: stalled-job recovery) and
 * finds its run mid-phase under its own job id knows the previous holder is gone. The
 * run is then retried as a new attempt (or failed not gradable with 'runner/lost' after
 * `maxAttempts`). Any other job finding the run taken, finished or at another attempt is
 * dropped.
 *
 * Retries: an infrastructure failure (the engine threw or reported infraError, storing
 * failed, the runner was lost) puts the run back to queued as a new attempt whose job is
 * due after backoff × 2^(attempt-1); after `maxAttempts` tries the run fails not gradable
 * with the error's code. A graded score of 0 is a normal completion. A job that fails
 * anyway (a bug, the database gone mid-way, BullMQ giving up on a job that stalled too
 * often) is finished by `recordJobFailure`, so no run stays mid-phase.
 *
 * Events: the lab's events go to the run's stream as they come, except its own
 * `phase: done` and `result`, which it emits before anything is stored. The runner
 * publishes `phase: done` + `result` itself once the outcome is recorded in PostgreSQL,
 * so a watcher that sees `result` finds the run finished (and never sees a `result`
 * for an attempt that is then retried: a retry shows an `error` and `phase: queued`).
 */
export class LabRunProcessor {
  constructor(private readonly deps: LabRunProcessorDeps) {}

  async process(job: Job, signal?: AbortSignal): Promise<JobOutcome> {
    const parsed = LabRunJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`runner/invalid-job: ${parsed.error.message}`);
    this.deps.metrics.jobStarted();
    let outcome: JobOutcome = 'failed';
    try {
      outcome = await this.run(job, parsed.data, signal);
      return outcome;
    } finally {
      this.deps.metrics.jobFinished(outcome);
    }
  }

  /**
   * A job ended failed (its processor threw, or BullMQ failed it without running it: a
   * job that stalled more than maxStalledCount times). If its attempt is still the run's
   * and the run is not finished, the run fails not gradable — the learner loses nothing.
   */
  async recordJobFailure(job: Job | undefined, error: Error): Promise<boolean> {
    const parsed = LabRunJobSchema.safeParse(job?.data);
    if (!parsed.success) return false;
    const { runId, tenantId, attempt } = parsed.data;
    const scope = { tenantId };
    const run = await this.deps.runs.get(scope, runId).catch(() => null);
    if (!run || run.attempt !== attempt || isTerminalRunStatus(run.status)) return false;
    const cause: InfraFailure = /stalled/.test(error.message)
      ? { code: 'runner/lost', message: `The runners working on this run kept stopping (${error.message}).` }
      : infraFailureOf(error);
    try {
      await this.deps.runs.fail(scope, runId, cause);
    } catch (failError) {
      if (isDbError(failError, 'run/illegal-transition')) return false; // finished meanwhile
      throw failError;
    }
    await this.publishFailure(runId, cause, 0, 0);
    return true;
  }

  private async run(job: Job, payload: LabRunJob, jobSignal?: AbortSignal): Promise<JobOutcome> {
    const { runs } = this.deps;
    const scope: TenantScope = { tenantId: payload.tenantId };
    const { runId, attempt } = payload;
    const claim = await this.claim(job, scope, payload);
    if (claim.kind === 'ended') return claim.outcome;

    const run = await runs.get(scope, runId);
    const submission = await this.deps.submissions.get(scope, run.submissionId);
    const spec = await runExerciseSpec(this.deps.exercises, scope, submission);

    const watch = new RunWatch(
      () => runs.get(scope, runId),
      { attempt, holder: this.holderOf(job) },
      this.deps.cancelPollMs,
      jobSignal,
    );
    const phases = new PhaseClock(this.deps.metrics);
    const started = performance.now();
    const t = () => Math.max(0, performance.now() - started);
    let status = 'building' as RunStatus;
    const pump = new EventPump(
      (event) => this.publish(runId, event),
      () => watch.superseded, // the run's stream belongs to its current attempt now
    );
    const onEvent = (event: LabEvent | UnsequencedLabEvent) => {
      if (isFinalEvent(event)) return; // published once the outcome is recorded (see class comment)
      const to = event.type === 'phase' ? event.phase : null;
      if (to === 'running' || to === 'grading') {
        pump.push(event, async () => {
          if (status === to) return;
          status = await this.advance(scope, runId, to, status);
          phases.enter(to);
        });
      } else pump.push(event);
    };

    await mkdir(this.deps.workDir, { recursive: true });
    const outDir = await mkdtemp(path.join(this.deps.workDir, `${runId}-${attempt}-`));
    phases.enter('building');
    try {
      let report: LabRunReport | null = null;
      let failure: InfraFailure | null = null;
      const labJobId = labJobIdOf(runId, attempt);
      try {
        await this.deps.leases?.take(labJobId, labShapeOf(spec));
        report = await this.deps.executor.execute(
          { spec },
          { language: submission.language, files: submission.files as { name: string; content: string }[] },
          { outDir, jobId: labJobId, signal: watch.signal, onEvent },
        );
        failure = report.infraError ?? null;
      } catch (error) {
        failure = infraFailureOf(error);
      } finally {
        await this.deps.leases?.release(labJobId).catch(() => undefined);
        watch.stop();
        await pump.drain().catch((error: unknown) => {
          failure ??= infraFailureOf(error);
        });
      }

      if (watch.superseded) {
        phases.end();
        return 'dropped';
      }
      if (watch.cancelled || status === 'cancelled') {
        phases.end();
        await this.publishCancelled(runId, t(), report?.maxScore ?? 0);
        return 'cancelled';
      }
      if (watch.shuttingDown) {
        phases.end();
        return await this.handBack(scope, runId, attempt);
      }
      if (failure || !report) {
        phases.end();
        const cause = failure ?? { code: 'runner/executor-crashed', message: 'The lab returned no report.' };
        return await this.retryOrFail(scope, payload, cause, report?.maxScore ?? 0, t());
      }

      phases.enter('storing');
      // A runner that lost its job lock (long pause, partition) may still get here after
      // another took the run over: it must not record anything for an attempt not its own.
      if (!(await this.atAttempt(scope, runId, attempt))) return 'dropped';
      try {
        await storeRunArtifacts(this.deps, scope, runId, attempt, report.artifacts);
      } catch (error) {
        phases.end();
        const cause = { code: 'runner/artifact-store-failed', message: infraFailureOf(error).message };
        return await this.retryOrFail(scope, payload, cause, report.maxScore, t());
      }
      for (const to of ['running', 'grading'] as const) {
        if (status === 'building' || (status === 'running' && to === 'grading'))
          status = await this.advance(scope, runId, to, status);
      }
      await runs.complete(scope, runId, {
        score: report.score,
        maxScore: report.maxScore,
        report: toJson(report),
      });
      phases.end();
      await this.publishFinal(runId, t(), { score: report.score, maxScore: report.maxScore, gradable: true });
      return 'done';
    } catch (error) {
      // The run was cancelled between two of our steps: cancellation wins.
      if (
        isDbError(error, 'run/illegal-transition') &&
        (await runs.get(scope, runId)).status === 'cancelled'
      ) {
        await this.publishCancelled(runId, t(), 0);
        return 'cancelled';
      }
      throw error;
    } finally {
      watch.stop();
      phases.end();
      await rm(outDir, { recursive: true, force: true });
    }
  }

  private async claim(job: Job, scope: TenantScope, payload: LabRunJob): Promise<Claim> {
    const { runs } = this.deps;
    try {
      await runs.claim(scope, payload.runId, payload.attempt, this.holderOf(job));
      return { kind: 'claimed' };
    } catch (error) {
      if (isDbError(error, 'run/stale-attempt') || isDbError(error, 'run/not-found'))
        return { kind: 'ended', outcome: 'dropped' };
      if (!isDbError(error, 'run/illegal-transition')) throw error;
    }
    const run = await runs.get(scope, payload.runId);
    const heldByThisJob = run.attempt === payload.attempt && run.runnerId?.endsWith(`/${job.id}`) === true;
    if (isTerminalRunStatus(run.status) || run.status === 'queued' || !heldByThisJob)
      return { kind: 'ended', outcome: 'dropped' };
    // This job's previous holder died mid-run (stalled-job recovery brought the job back).
    const cause = {
      code: 'runner/lost',
      message: `Runner ${run.runnerId?.split('/')[0] ?? '?'} stopped responding during attempt ${run.attempt}.`,
    };
    return { kind: 'ended', outcome: await this.retryOrFail(scope, payload, cause, 0, 0) };
  }

  /**
   * Whether the run is still live at `attempt`. Checked before any write that does not
   * guard the attempt itself, so a runner that lost the run never disturbs the attempt
   * that replaced it.
   */
  private async atAttempt(scope: TenantScope, runId: string, attempt: number): Promise<boolean> {
    const run = await this.deps.runs.get(scope, runId);
    return run.attempt === attempt && !isTerminalRunStatus(run.status);
  }

  private holderOf(job: Job): string {
    return `${this.deps.runnerId}/${job.id}`;
  }

  /**
   * Another attempt after a backoff while attempts remain (the run goes back to queued
   * with its new attempt's job), else the run fails not gradable with `cause`.
   */
  private async retryOrFail(
    scope: TenantScope,
    payload: LabRunJob,
    cause: InfraFailure,
    maxScore: number,
    t: number,
  ): Promise<JobOutcome> {
    const { runId, attempt } = payload;
    if (!(await this.atAttempt(scope, runId, attempt))) return 'dropped';
    if (attempt < this.deps.retry.maxAttempts) {
      await this.publish(runId, {
        type: 'error',
        t,
        code: cause.code,
        message: `${cause.message} (retrying)`,
      });
      const { job: next } = await this.deps.runs.requeue(scope, runId);
      await this.deps.enqueue(next, this.deps.retry.backoffMs * 2 ** (attempt - 1));
      await this.publish(runId, { type: 'phase', t, phase: 'queued' });
      return 'retrying';
    }
    await this.deps.runs.fail(scope, runId, cause);
    await this.publishFailure(runId, cause, maxScore, t);
    return 'failed';
  }

  /** Shutdown past the grace period: the run goes back to queued as a new attempt, due at once. */
  private async handBack(scope: TenantScope, runId: string, attempt: number): Promise<JobOutcome> {
    if (!(await this.atAttempt(scope, runId, attempt))) return 'dropped';
    const { job: next } = await this.deps.runs.requeue(scope, runId);
    await this.deps.enqueue(next, 0);
    await this.publish(runId, { type: 'phase', t: 0, phase: 'queued' });
    return 'handed-back';
  }

  private async advance(
    scope: TenantScope,
    runId: string,
    to: 'running' | 'grading',
    from: RunStatus,
  ): Promise<RunStatus> {
    if (from === 'cancelled') return from;
    try {
      return (await this.deps.runs.advance(scope, runId, to)).status;
    } catch (error) {
      if (
        isDbError(error, 'run/illegal-transition') &&
        (await this.deps.runs.get(scope, runId)).status === 'cancelled'
      )
        return 'cancelled';
      throw error;
    }
  }

  /** The stream assigns seq per run, so retried attempts continue the sequence. */
  private async publish(runId: string, event: LabEvent | UnsequencedLabEvent): Promise<void> {
    const { seq: _seq, ...rest } = event as LabEvent;
    await this.deps.events.publish(runId, rest as UnsequencedLabEvent);
  }

  /** The last events of a run, once its outcome is in the database: `phase: done`, then `result`. */
  private async publishFinal(
    runId: string,
    t: number,
    result: { score: number; maxScore: number; gradable: boolean },
  ): Promise<void> {
    await this.publish(runId, { type: 'phase', t, phase: 'done' });
    await this.publish(runId, { type: 'result', t, ...result });
  }

  private async publishFailure(runId: string, cause: InfraFailure, maxScore: number, t: number) {
    await this.publish(runId, { type: 'error', t, code: cause.code, message: cause.message });
    await this.publishFinal(runId, t, { score: 0, maxScore, gradable: false });
  }

  private async publishCancelled(runId: string, t: number, maxScore: number) {
    await this.publishFailure(
      runId,
      { code: 'run/cancelled', message: 'The run was cancelled.' },
      maxScore,
      t,
    );
  }
}

/** The lab's own `phase: done` and `result`: it emits them before the runner has stored anything. */
function isFinalEvent(event: LabEvent | UnsequencedLabEvent): boolean {
  return event.type === 'result' || (event.type === 'phase' && event.phase === 'done');
}

function toJson(report: LabRunReport): object {
  return JSON.parse(JSON.stringify(report)) as object;
}
