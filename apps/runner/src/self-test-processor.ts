import { rm } from 'node:fs/promises';
import path from 'node:path';

import { SelfTestJobSchema, type SelfTestJob, type SelfTestSolutionResult } from '@socklab/contracts';
import type { ExerciseRepo, SelfTestRepo, StoredSolutions, TenantScope } from '@socklab/db';
import type { SelfTestOptions, SelfTestReport, SolutionResult } from '@socklab/lab';
import type { LoadedExercise } from '@socklab/exercise';
import { UnrecoverableError, type Job } from 'bullmq';

import { infraFailureOf } from './errors';
import { materializeExercise } from './self-test-exercise';

export type SelfTestOutcome = 'passed' | 'failed' | 'error' | 'dropped' | 'handed-back';

export interface SelfTestProcessorDeps {
  selfTests: SelfTestRepo;
  exercises: ExerciseRepo;
  /** @socklab/lab selfTestExercise bound to this runner's sandbox driver (a fake in tests). */
  selfTest: (exercise: LoadedExercise, options: Omit<SelfTestOptions, 'driver'>) => Promise<SelfTestReport>;
  runnerId: string;
  workDir: string;
  log?: (message: string) => void;
}

/** Compiler output kept per solution: enough to see why it did not build. */
const BUILD_OUTPUT_LIMIT = 16 * 1024;
/** Every self-test drives the same scenarios (seeded impairments), like the pack's own. */
const SEED = 1;

/**
 * One lab-self-tests job: take the self-test, run every solution of its exercise version
 * through the real lab (selfTestExercise), record each solution's result as it finishes
 * and the verdict at the end. PostgreSQL is the truth; a job whose attempt is not the
 * self-test's current one, or whose self-test finished, is dropped.
 *
 * - passed / failed: the exercise kept / broke its promise (see each result's problems);
 * - error: the self-test could not be carried out — the lab failed for some solution
 *   (infraError), the engine threw, or the version has no solutions. It says nothing
 *   about the exercise; the instructor may request another.
 * - handed back: the job was aborted (this runner is shutting down): the self-test goes
 *   back to queued as a new attempt, whose job the API's outbox relay publishes.
 */
export class SelfTestProcessor {
  constructor(private readonly deps: SelfTestProcessorDeps) {}

  async process(job: Job, signal?: AbortSignal): Promise<SelfTestOutcome> {
    const parsed = SelfTestJobSchema.safeParse(job.data);
    if (!parsed.success) throw new UnrecoverableError(`runner/invalid-job: ${parsed.error.message}`);
    const { selfTestId, tenantId, attempt } = parsed.data;
    const scope = { tenantId };
    const claimed = await this.deps.selfTests.claim(
      scope,
      selfTestId,
      attempt,
      `${this.deps.runnerId}/${job.id}`,
    );
    if (!claimed) return 'dropped';
    const dir = path.join(this.deps.workDir, 'self-tests', `${selfTestId}-${attempt}`);
    const results: SelfTestSolutionResult[] = [];
    let progress: Promise<unknown> = Promise.resolve();
    try {
      const version = await this.deps.exercises.getVersion(scope, claimed.exerciseVersionId);
      const solutions = version.solutions as StoredSolutions | null;
      if (!solutions)
        return await this.error(parsed.data, results, {
          code: 'self-test/no-solutions',
          message: 'The version holds no solutions to run.',
        });
      const exercise = await materializeExercise(path.join(dir, 'exercise'), { ...version, solutions });
      const report = await this.deps.selfTest(exercise, {
        outDir: path.join(dir, 'out'),
        seed: SEED,
        concurrency: 1,
        signal,
        onResult: (result) => {
          results.push(toStoredResult(result));
          const snapshot = [...results];
          progress = progress
            .then(() => this.deps.selfTests.recordProgress(scope, selfTestId, attempt, snapshot))
            .catch((error: unknown) =>
              this.deps.log?.(`self-test ${selfTestId}: progress not recorded: ${String(error)}`),
            );
        },
      });
      await progress;
      if (signal?.aborted) return await this.handBack(scope, parsed.data);
      const stored = report.results.map(toStoredResult);
      const broken = report.results.filter((r) => r.report.infraError);
      const first = broken[0]?.report.infraError;
      if (first) {
        return await this.error(parsed.data, stored, {
          code: 'self-test/lab-failed',
          message: `The lab failed for ${broken.length} solution(s), first ${broken[0].name} (${broken[0].language}): ${first.code}: ${first.message}`,
        });
      }
      await this.deps.selfTests.finish(scope, selfTestId, attempt, { passed: report.ok, results: stored });
      return report.ok ? 'passed' : 'failed';
    } catch (error) {
      await progress;
      if (signal?.aborted) return await this.handBack(scope, parsed.data);
      return await this.error(parsed.data, results, infraFailureOf(error));
    } finally {
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
    }
  }

  /**
   * A job that ended failed without the processor recording an outcome (it threw past
   * its own handling, or stalled more than maxStalledCount times) leaves its self-test
   * in error, so none stays running for ever. @returns whether it did.
   */
  async recordJobFailure(job: Job | undefined, error: Error): Promise<boolean> {
    const parsed = SelfTestJobSchema.safeParse(job?.data);
    if (!parsed.success) return false;
    const cause = /stalled/.test(error.message)
      ? {
          code: 'runner/lost',
          message: `The runners working on this self-test kept stopping (${error.message}).`,
        }
      : infraFailureOf(error);
    return this.deps.selfTests.fail(
      { tenantId: parsed.data.tenantId },
      parsed.data.selfTestId,
      parsed.data.attempt,
      cause,
    );
  }

  private async error(
    job: SelfTestJob,
    results: SelfTestSolutionResult[],
    cause: { code: string; message: string },
  ): Promise<SelfTestOutcome> {
    await this.deps.selfTests.fail({ tenantId: job.tenantId }, job.selfTestId, job.attempt, {
      ...cause,
      results,
    });
    return 'error';
  }

  private async handBack(scope: TenantScope, job: SelfTestJob): Promise<SelfTestOutcome> {
    await this.deps.selfTests.requeue(scope, job.selfTestId, job.attempt);
    return 'handed-back';
  }
}

/** What the API shows of a solution's result: the verdict and each check, not the whole lab report. */
export function toStoredResult(result: SolutionResult): SelfTestSolutionResult {
  const { report } = result;
  return {
    kind: result.kind,
    name: result.name,
    language: result.language,
    ok: result.ok,
    score: result.score,
    maxScore: result.maxScore,
    gradable: result.gradable,
    failedChecks: result.failedChecks,
    expectedFailures: result.expectedFailures,
    problems: result.problems,
    durationMs: result.durationMs,
    build: {
      ok: report.build.ok,
      output: report.build.ok ? '' : report.build.output.slice(-BUILD_OUTPUT_LIMIT),
    },
    checks: report.scenarios.flatMap((scenario) =>
      scenario.checks.map((check) => ({
        scenario: scenario.id,
        id: check.id,
        status: check.status,
        message: check.message,
      })),
    ),
  };
}
