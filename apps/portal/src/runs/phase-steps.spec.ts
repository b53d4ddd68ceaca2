import { phaseSteps } from './phase-steps';

const at = (s: number) => new Date(Date.UTC(2026, 0, 1, 12, 0, s)).toISOString();
const base = { queuedAt: at(0), buildingAt: null, runningAt: null, gradingAt: null, finishedAt: null };
const now = Date.parse(at(30));
const summary = (steps: ReturnType<typeof phaseSteps>) => steps.map((s) => `${s.phase}:${s.state}:${s.elapsedMs ?? '-'}`);

describe('phaseSteps', () => {
  it('counts the time waiting in the queue', () => {
    expect(summary(phaseSteps({ ...base, status: 'queued' }, null, now))).toEqual([
      'queued:current:30000',
      'building:pending:-',
      'running:pending:-',
      'grading:pending:-',
      'done:pending:-',
    ]);
  });

  it('shows finished phases with their duration and the current one so far', () => {
    const run = { ...base, status: 'running' as const, buildingAt: at(2), runningAt: at(5) };
    expect(summary(phaseSteps(run, 'running', now))).toEqual([
      'queued:done:2000',
      'building:done:3000',
      'running:current:25000',
      'grading:pending:-',
      'done:pending:-',
    ]);
  });

  it('moves on as soon as the live stream announces a phase the API has not recorded yet', () => {
    const run = { ...base, status: 'running' as const, buildingAt: at(2), runningAt: at(5) };
    expect(summary(phaseSteps(run, 'grading', now)).slice(2, 4)).toEqual(['running:done:-', 'grading:current:25000']);
  });

  it('completes every phase of a finished run', () => {
    const run = { status: 'done' as const, queuedAt: at(0), buildingAt: at(1), runningAt: at(3), gradingAt: at(9), finishedAt: at(10) };
    expect(summary(phaseSteps(run, 'done', now))).toEqual([
      'queued:done:1000',
      'building:done:2000',
      'running:done:6000',
      'grading:done:1000',
      'done:done:-',
    ]);
  });

  it('marks where a failed run stopped and skips what never happened', () => {
    const run = { ...base, status: 'failed' as const, buildingAt: at(1), finishedAt: at(4) };
    expect(summary(phaseSteps(run, 'building', now))).toEqual([
      'queued:done:1000',
      'building:failed:3000',
      'running:skipped:-',
      'grading:skipped:-',
      'done:failed:-',
    ]);
  });
});
