import type { RunSummary } from '../api/types';
import { learnerResults } from './results';

let n = 0;
const run = (userId: string, status: RunSummary['status'], score: number | null, minute: number): RunSummary => ({
  id: `r${++n}`,
  status,
  attempt: 1,
  exercise: { id: 'e', slug: 'e', title: 'E', version: 1 },
  playground: null,
  submission: { id: `s${n}`, userId, language: 'python', createdAt: '' },
  createdAt: `2026-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`,
  queuedAt: '',
  finishedAt: null,
  score,
  maxScore: score === null ? null : 100,
  gradable: status === 'done' ? true : null,
});

describe('learnerResults', () => {
  it('gives each learner attempts, best score and last run, best first', () => {
    const results = learnerResults([
      run('ann', 'running', null, 30),
      run('bob', 'done', 55, 20),
      run('ann', 'done', 100, 10),
      run('ann', 'done', 40, 5),
      run('cid', 'failed', null, 1),
    ]);
    expect(results.map((r) => [r.userId, r.attempts, r.best?.score ?? null, r.lastRun.status])).toEqual([
      ['ann', 2, 100, 'running'],
      ['bob', 1, 55, 'done'],
      ['cid', 0, null, 'failed'],
    ]);
  });

  it('leaves playground runs out: a learner who only played is no result', () => {
    const played: RunSummary = { ...run('dee', 'done', 0, 40), exercise: null, playground: { presetId: 'reboot', title: 'Peer reboots' } };
    expect(learnerResults([played, run('bob', 'done', 55, 20)]).map((r) => r.userId)).toEqual(['bob']);
  });
});
