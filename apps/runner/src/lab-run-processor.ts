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
  type ArtifactKind,
  type ArtifactRepo,
  type ArtifactStore,
  type ExerciseRepo,
  type RunEventPublisher,
  type RunRepo,
  type SubmissionRepo,
  type TenantScope,
} from '@socklab/db';
import { DelayedError, UnrecoverableError, WaitingError, type Job } from 'bullmq';

import { infraFailureOf, type InfraFailure } from './errors';
import type { LabExecutor, LabRunReport } from './lab-executor';
import type { JobOutcome, RunnerMetrics, RunPhase } from './metrics';
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
  runnerId: string;
  workDir: string;
  retry: { maxAttempts: number; backoffMs: number };
  cancelPollMs: number;
}

/**
 * One lab-runs job: take the run, run the lab, record the outcome. The run in PostgreSQL
 * is the truth; the job is only a wake-up call.
 *
 * Ownership: the run's runnerId is "<runner id>/<job id>". BullMQ lets one worker at a
 * time hold a job, so when a job comes back (its runner died: stalled-job recovery) and
 * finds its run mid-phase under its own job id, the previous holder is gone and the run
 * is taken over as a new attempt. Any other job finding the run taken is a duplicate and
 * is dropped, as is a job for an older attempt ('run/stale-attempt').
 *
 * Retries: an infrastructure failure (the engine threw, or reported infraError) puts
 * the run back to queued as a new attempt and delays this same job by
 * backoff × 2^(attempt-1); after `maxAttempts` tries the run fails not gradable with the
 * error's code. A graded score of 0 is a normal completion.
 */
export class LabRunProcessor {
  constructor(private readonly deps: LabRunProcessorDeps) {}

  async process(job: Job, token: string | undefined, signal?: AbortSignal): Promise<JobOutcome> {
    const parsed = LabRunJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`runner/invalid-job: ${parsed.error.message}`);
    this.deps.metrics.jobStarted();
    let outcome: JobOutcome = 'dropped';
    try {
      outcome = await this.run(job, token, parsed.data, signal);
      return outcome;
    } catch (error) {
      if (error instanceof DelayedError) outcome = 'retrying';
      else if (error instanceof WaitingError) outcome = 'handed-back';
      else outcome = 'failed';
      throw error;
    } finally {
      this.deps.metrics.jobFinished(outcome);
    }
  }

  private async run(
    job: Job,
    token: string | undefined,
    payload: LabRunJob,
    jobSignal?: AbortSignal,
  ): Promise<JobOutcome> {
    const { runs } = this.deps;
    const scope: TenantScope = { tenantId: payload.tenantId };
    const holder = `${this.deps.runnerId}/${job.id}`;
    const attempt = await this.claim(job, scope, payload, holder);
    if (attempt === null) return 'dropped';
    const runId = payload.runId;

    const run = await runs.get(scope, runId);
    const submission = await this.deps.submissions.get(scope, run.submissionId);
    const version = await this.deps.exercises.getVersion(scope, submission.exerciseVersionId);

    const watch = new RunWatch(
      () => runs.get(scope, runId).then((r) => r.status),
      this.deps.cancelPollMs,
      jobSignal,
    );
    const phases = new PhaseClock(this.deps.metrics);
    const started = performance.now();
    const t = () => Math.max(0, performance.now() - started);
    let status = 'building' as RunStatus;
    let sawResult = false;
    let pump = Promise.resolve();
    const publish = (event: LabEvent | UnsequencedLabEvent) =>
      this.deps.events.publish(runId, withoutSeq(event));
    const onEvent = (event: LabEvent | UnsequencedLabEvent) => {
      pump = pump.then(async () => {
        if (
          event.type === 'phase' &&
          (event.phase === 'running' || event.phase === 'grading') &&
          status !== event.phase
        ) {
          status = await this.advance(scope, runId, event.phase, status);
          phases.enter(event.phase);
        }
        if (event.type === 'result') sawResult = true;
        await publish(event);
      });
    };

    await mkdir(this.deps.workDir, { recursive: true });
    const outDir = await mkdtemp(path.join(this.deps.workDir, `${runId}-${attempt}-`));
    phases.enter('building');
    try {
      let report: LabRunReport | null = null;
      let failure: InfraFailure | null = null;
      try {
        report = await this.deps.executor.execute(
          { spec: version.spec },
          { language: submission.language, files: submission.files as { name: string; content: string }[] },
          { outDir, jobId: String(job.id), signal: watch.signal, onEvent },
        );
        failure = report.infraError ?? null;
      } catch (error) {
        failure = infraFailureOf(error);
      } finally {
        watch.stop();
        await pump.catch((error: unknown) => {
          failure ??= infraFailureOf(error);
        });
      }

      if (watch.cancelled || status === 'cancelled') {
        phases.end();
        await publish({ type: 'error', t: t(), code: 'run/cancelled', message: 'The run was cancelled.' });
        await publish({ type: 'result', t: t(), score: 0, maxScore: report?.maxScore ?? 0, gradable: false });
        return 'cancelled';
      }
      if (watch.shuttingDown) {
        await this.giveBack(job, token, scope, payload, 0);
      }
      if (failure || !report) {
        const cause = failure ?? { code: 'runner/executor-crashed', message: 'The lab returned no report.' };
        phases.end();
        if (attempt < this.deps.retry.maxAttempts) {
          await publish({ type: 'error', t: t(), code: cause.code, message: `${cause.message} (retrying)` });
          await this.giveBack(job, token, scope, payload, this.deps.retry.backoffMs * 2 ** (attempt - 1));
        }
        await runs.fail(scope, runId, cause);
        await publish({ type: 'error', t: t(), code: cause.code, message: cause.message });
        await publish({ type: 'result', t: t(), score: 0, maxScore: report?.maxScore ?? 0, gradable: false });
        return 'failed';
      }

      phases.enter('storing');
      await this.storeArtifacts(scope, runId, attempt, report);
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
      if (!sawResult) {
        await publish({
          type: 'result',
          t: t(),
          score: report.score,
          maxScore: report.maxScore,
          gradable: true,
        });
      }
      return 'done';
    } catch (error) {
      // The run was cancelled between two of our steps: cancellation wins.
      if (
        isDbError(error, 'run/illegal-transition') &&
        (await runs.get(scope, runId)).status === 'cancelled'
      ) {
        await publish({ type: 'error', t: t(), code: 'run/cancelled', message: 'The run was cancelled.' });
        await publish({ type: 'result', t: t(), score: 0, maxScore: 0, gradable: false });
        return 'cancelled';
      }
      throw error;
    } finally {
      watch.stop();
      await rm(outDir, { recursive: true, force: true });
    }
  }

  /** @returns the attempt this job now holds the run at, or null when the job is to be dropped. */
  private async claim(
    job: Job,
    scope: TenantScope,
    payload: LabRunJob,
    holder: string,
  ): Promise<number | null> {
    const { runs } = this.deps;
    try {
      await runs.claim(scope, payload.runId, payload.attempt, holder);
      return payload.attempt;
    } catch (error) {
      if (isDbError(error, 'run/stale-attempt') || isDbError(error, 'run/not-found')) return null;
      if (!isDbError(error, 'run/illegal-transition')) throw error;
    }
    const run = await runs.get(scope, payload.runId);
    const heldByThisJob = run.attempt === payload.attempt && run.runnerId?.endsWith(`/${job.id}`) === true;
    if (isTerminalRunStatus(run.status) || run.status === 'queued' || !heldByThisJob) return null;
    // This job's previous holder died mid-run (stalled-job recovery): take over as a new attempt.
    const { run: requeued } = await runs.requeue(scope, payload.runId);
    await job.updateData({ ...payload, attempt: requeued.attempt });
    await runs.claim(scope, payload.runId, requeued.attempt, holder);
    return requeued.attempt;
  }

  /**
   * Puts the run back to queued as a new attempt and this job back in the queue, carrying
   * that attempt: immediately (to wait) or after `delayMs`. Never returns.
   */
  private async giveBack(
    job: Job,
    token: string | undefined,
    scope: TenantScope,
    payload: LabRunJob,
    delayMs: number,
  ): Promise<never> {
    const { run } = await this.deps.runs.requeue(scope, payload.runId);
    await job.updateData({ ...payload, attempt: run.attempt });
    if (delayMs > 0) {
      await job.moveToDelayed(Date.now() + delayMs, token);
      throw new DelayedError();
    }
    await job.moveToWait(token);
    throw new WaitingError();
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

  private async storeArtifacts(
    scope: TenantScope,
    runId: string,
    attempt: number,
    report: LabRunReport,
  ): Promise<void> {
    // A runner that lost its job lock (long pause, partition) may still get here after
    // another took the run over: it must not record artifacts for an attempt not its own.
    const run = await this.deps.runs.get(scope, runId);
    if (run.attempt !== attempt || isTerminalRunStatus(run.status)) {
      throw new UnrecoverableError(
        `run/stale-attempt: run ${runId} moved on to attempt ${run.attempt} (${run.status}).`,
      );
    }
    for (const artifact of report.artifacts) {
      const storageKey = `tenants/${scope.tenantId}/runs/${runId}/${attempt}/${artifact.name}`;
      const stored = await this.deps.store.put(storageKey, { path: artifact.path });
      await this.deps.artifacts.create(scope, runId, {
        kind: artifactKindOf(artifact.name),
        name: artifact.name,
        sizeBytes: stored.size,
        sha256: stored.sha256,
        storageKey,
      });
    }
  }
}

export function artifactKindOf(name: string): ArtifactKind {
  if (name.endsWith('.pcapng')) return 'capture';
  if (name === 'report.json') return 'report';
  if (name.startsWith('trace') && name.endsWith('.json')) return 'trace';
  return 'log';
}

/** The stream assigns seq per run, so retried attempts continue the sequence. */
function withoutSeq(event: LabEvent | UnsequencedLabEvent): UnsequencedLabEvent {
  const { seq: _seq, ...rest } = event as LabEvent;
  return rest as UnsequencedLabEvent;
}

function toJson(report: LabRunReport): object {
  return JSON.parse(JSON.stringify(report)) as object;
}

/** Feeds the phase-duration histogram as the run moves through its phases. */
class PhaseClock {
  private current: { phase: RunPhase; since: number } | null = null;

  constructor(private readonly metrics: RunnerMetrics) {}

  enter(phase: RunPhase): void {
    this.end();
    this.current = { phase, since: performance.now() };
  }

  end(): void {
    if (this.current)
      this.metrics.observePhase(this.current.phase, (performance.now() - this.current.since) / 1_000);
    this.current = null;
  }
}
