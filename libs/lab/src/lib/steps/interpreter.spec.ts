import type { Step } from '@socklab/exercise';
import type { StepOutcome } from '@socklab/grader';
import { ChangeBus } from './change-bus';
import { StepInterpreter } from './interpreter';
import type { LearnerControl, StepContext } from './step-context';

/** A context whose learner program never exits; nothing else is used by a waitExit step. */
function contextWithRunningProgram(outcomes: StepOutcome[]): StepContext {
  const learners: LearnerControl = {
    start: async () => null,
    signal: async () => undefined,
    terminate: async () => undefined,
    waitExit: async (_host, timeoutMs) => {
      await new Promise((resolve) => setTimeout(resolve, timeoutMs));
      return false;
    },
    view: () => ({ started: true, ready: true, exited: false, stdout: '' }),
  };
  return {
    learners,
    outcomes,
    bus: new ChangeBus(),
    stop: new Promise<never>(() => undefined),
    doneSteps: new Set(),
    now: () => 0,
    mark: () => undefined,
  } as unknown as StepContext;
}

describe('StepInterpreter', () => {
  it('reports a timed-out step with its budget in whole milliseconds', async () => {
    const outcomes: StepOutcome[] = [];
    const step: Step = { timeout: 30, action: { kind: 'waitExit', host: 'server' } };
    await new StepInterpreter(contextWithRunningProgram(outcomes)).run([step]);
    expect(outcomes).toHaveLength(1);
    expect(outcomes[0].status).toBe('timeout');
    expect(outcomes[0].message).toMatch(/^steps\[0\] \(waitExit of server\) timed out after \d+ ms: /);
  });

  it('fails a step waiting for a step that timed out at once, instead of waiting out its own timeout', async () => {
    const outcomes: StepOutcome[] = [];
    const steps: Step[] = [
      { id: 'upload-read', timeout: 20, action: { kind: 'waitExit', host: 'client' } },
      {
        when: { kind: 'step', id: 'upload-read' },
        timeout: 60_000,
        action: { kind: 'waitExit', host: 'client' },
      },
    ];
    await new StepInterpreter(contextWithRunningProgram(outcomes)).run(steps);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['timeout', 'failed']);
    expect(outcomes[1].message).toBe(
      "steps[1] (waitExit of client) failed: step 'upload-read' timed out, so it will never be done",
    );
  });
});
