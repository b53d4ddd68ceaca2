import type { RunSummary } from '../api/types';

export interface LearnerResult {
  userId: string;
  attempts: number;
  best: { score: number; maxScore: number; runId: string } | null;
  lastRun: { id: string; createdAt: string; status: RunSummary['status'] };
}

/**
 * Learners × best score × attempts for one exercise; runs newest first in, learners by best
 * score out. Playground runs (no exercise, nothing graded) are no part of any result.
 */
export function learnerResults(runs: readonly RunSummary[]): LearnerResult[] {
  const byUser = new Map<string, LearnerResult>();
  for (const run of runs) {
    if (run.exercise === null) continue;
    const userId = run.submission.userId;
    let entry = byUser.get(userId);
    if (!entry) {
      entry = { userId, attempts: 0, best: null, lastRun: { id: run.id, createdAt: run.createdAt, status: run.status } };
      byUser.set(userId, entry);
    }
    if (run.createdAt > entry.lastRun.createdAt) entry.lastRun = { id: run.id, createdAt: run.createdAt, status: run.status };
    if (run.status !== 'done' || run.gradable === false) continue;
    entry.attempts++;
    if (run.score !== null && run.maxScore !== null && (entry.best === null || run.score > entry.best.score)) {
      entry.best = { score: run.score, maxScore: run.maxScore, runId: run.id };
    }
  }
  return [...byUser.values()].sort((a, b) => (b.best?.score ?? -1) - (a.best?.score ?? -1) || a.userId.localeCompare(b.userId));
}
