import type { RunSummary } from '../api/types';
import { progressByExercise } from './progress';

const run = (exerciseId: string, status: RunSummary['status'], score: number | null, gradable: boolean | null): RunSummary => ({
  id: `${exerciseId}-${Math.random()}`,
  status,
  attempt: 1,
  exercise: { id: exerciseId, slug: exerciseId, title: exerciseId, version: 1 },
  playground: null,
  submission: { id: 's', userId: 'u', language: 'c', createdAt: '2026-01-01T00:00:00Z' },
  createdAt: '2026-01-01T00:00:00Z',
  queuedAt: '2026-01-01T00:00:00Z',
  finishedAt: null,
  score,
  maxScore: score === null ? null : 100,
  gradable,
});

describe('progressByExercise', () => {
  it('counts graded runs as attempts and keeps the best score', () => {
    const progress = progressByExercise([
      run('a', 'done', 40, true),
      run('a', 'done', 100, true),
      run('a', 'done', 70, true),
      run('a', 'failed', 0, false),
      run('a', 'running', null, null),
      run('b', 'done', 0, true),
    ]);
    expect(progress.get('a')).toEqual({ attempts: 3, best: { score: 100, maxScore: 100 } });
    expect(progress.get('b')).toEqual({ attempts: 1, best: { score: 0, maxScore: 100 } });
    expect(progress.get('c')).toBeUndefined();
  });

  it('counts no playground run: it has no exercise and nothing graded', () => {
    const played: RunSummary = {
      ...run('a', 'done', 0, true),
      exercise: null,
      playground: { presetId: 'echo-server', title: 'Echo server' },
      maxScore: 0,
    };
    const progress = progressByExercise([played, run('a', 'done', 40, true)]);
    expect(progress.get('a')).toEqual({ attempts: 1, best: { score: 40, maxScore: 100 } });
    expect([...progressByExercise([played]).keys()]).toEqual([]);
  });
});
