import type { SelfTestSolutionResult, SelfTestStatus } from '@socklab/contracts';
import type { SelfTest } from '@socklab/db';
import type { StaffVersion } from '../exercises/versions/staff-version';
import { storedSolutionsOf } from '../exercises/versions/version-views';

export interface SelfTestView {
  id: string;
  exerciseId: string;
  exerciseVersionId: string;
  version: number;
  status: SelfTestStatus;
  /** 1, +1 each time a runner handed it back (shutdown) and it was queued again. */
  attempt: number;
  requestedById: string;
  queuedAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
  /** Solutions finished so far out of all (one per language of each solution). */
  progress: { finished: number; total: number };
  /** Per solution, in the order they finished. */
  results: SelfTestSolutionResult[];
  /** Set when status is `error`: why the self-test could not be carried out. */
  error: { code: string; message: string } | null;
}

export function toSelfTestView(selfTest: SelfTest, version: StaffVersion): SelfTestView {
  const solutions = storedSolutionsOf(version);
  const total = solutions
    ? solutions.reference.length + solutions.faulty.reduce((sum, f) => sum + f.sources.length, 0)
    : 0;
  const results = Array.isArray(selfTest.results) ? (selfTest.results as unknown as SelfTestSolutionResult[]) : [];
  return {
    id: selfTest.id,
    exerciseId: version.exerciseId,
    exerciseVersionId: version.id,
    version: version.version,
    status: selfTest.status,
    attempt: selfTest.attempt,
    requestedById: selfTest.requestedById,
    queuedAt: selfTest.queuedAt,
    startedAt: selfTest.startedAt,
    finishedAt: selfTest.finishedAt,
    progress: { finished: results.length, total },
    results,
    error:
      selfTest.status === 'error'
        ? { code: selfTest.errorCode ?? 'self-test/error', message: selfTest.errorMessage ?? 'the self-test failed' }
        : null,
  };
}
