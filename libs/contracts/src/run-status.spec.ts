import { canTransition, isTerminalRunStatus, RUN_STATUSES, RUN_TRANSITIONS, RunStatusSchema } from './run-status';

describe('run status machine', () => {
  it('walks the happy path queued → building → running → grading → done', () => {
    const path = ['queued', 'building', 'running', 'grading', 'done'] as const;
    for (let i = 1; i < path.length; i++) expect(canTransition(path[i - 1]!, path[i]!)).toBe(true);
  });

  it('refuses skipping phases and going backwards other than a re-queue', () => {
    expect(canTransition('queued', 'running')).toBe(false);
    expect(canTransition('grading', 'building')).toBe(false);
    expect(canTransition('running', 'queued')).toBe(true);
  });

  it('lets every live status fail or be cancelled, and nothing leave a terminal status', () => {
    for (const status of RUN_STATUSES) {
      if (isTerminalRunStatus(status)) expect(RUN_TRANSITIONS[status]).toEqual([]);
      else expect([canTransition(status, 'failed'), canTransition(status, 'cancelled')]).toEqual([true, true]);
    }
    expect(canTransition('done', 'running')).toBe(false);
  });

  it('parses only known statuses', () => {
    expect(RunStatusSchema.parse('grading')).toBe('grading');
    expect(RunStatusSchema.safeParse('paused').success).toBe(false);
  });
});
