import type { RunSummary } from '../api/types';

export interface ExerciseProgress {
  attempts: number;
  /** Best graded score, with its maximum; null before any graded run. */
  best: { score: number; maxScore: number } | null;
}

/**
 * Per exercise: how many runs counted as attempts and the best graded score. Runs that
 * could not be graded (infrastructure trouble), runs not finished and playground runs
 * (no exercise, nothing graded) are no attempt.
 */
export function progressByExercise(runs: readonly RunSummary[]): Map<string, ExerciseProgress> {
  const progress = new Map<string, ExerciseProgress>();
  for (const run of runs) {
    if (run.exercise === null || run.status !== 'done' || run.gradable === false) continue;
    const entry = progress.get(run.exercise.id) ?? { attempts: 0, best: null };
    entry.attempts++;
    if (run.score !== null && run.maxScore !== null && (entry.best === null || run.score > entry.best.score)) {
      entry.best = { score: run.score, maxScore: run.maxScore };
    }
    progress.set(run.exercise.id, entry);
  }
  return progress;
}
