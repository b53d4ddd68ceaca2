/**
 * Runs a scenario's steps (libs/exercise steps.ts semantics): in order; each waits for its
 * `at` delay or `when` trigger, then acts; `timeout` bounds wait + action of a leaf (for
 * `parallel`/`repeat` it bounds the wait only — their children carry their own timeouts).
 * A failed step is recorded and the scenario goes on. When the scenario must stop (wall
 * budget, cancellation) the running steps end as 'timeout' and the rest as 'skipped'.
 */
import type { Step, StepAction, Trigger } from '@socklab/exercise';
import type { StepOutcome } from '@socklab/grader';
import { performLeaf } from './leaf-actions';
import { receivedTriggerHolds } from './received-trigger';
import type { StepContext } from './step-context';
import { StepFailure, stepFailureOf, timeoutAfter } from './step-failure';

export class StepInterpreter {
  private stopped: unknown = null;

  constructor(private readonly ctx: StepContext) {
    ctx.stop.catch((reason: unknown) => {
      this.stopped = reason;
    });
  }

  async run(steps: readonly Step[]): Promise<void> {
    await this.sequence(steps, 'steps', {});
  }

  /** Records every step as skipped, e.g. when the learner program never became ready. */
  async skipAll(steps: readonly Step[], reason: string): Promise<void> {
    this.stopped = new Error(reason);
    await this.sequence(steps, 'steps', {});
  }

  private async sequence(steps: readonly Step[], base: string, vars: Record<string, string>): Promise<void> {
    for (const [index, step] of steps.entries()) await this.step(step, `${base}[${index}]`, vars);
  }

  private async step(step: Step, path: string, vars: Record<string, string>): Promise<void> {
    const action = substitute(step.action, vars);
    const label = describeAction(action);
    const outcome: StepOutcome = {
      path,
      ...(step.id !== undefined ? { id: step.id } : {}),
      action: label,
      status: 'skipped',
      tStart: this.ctx.now(),
      tEnd: null,
    };
    this.ctx.outcomes.push(outcome);
    if (this.stopped !== null) {
      outcome.message = `${path} (${label}) was skipped: ${reasonOf(this.stopped)}`;
      return;
    }
    const started = performance.now();
    // Whole milliseconds: the budget ends up in learner-facing messages ("timed out after 2493 ms").
    const left = (): number => Math.max(0, Math.round(step.timeout - (performance.now() - started)));
    try {
      await this.until(this.waitToStart(step, left));
      this.ctx.mark(`${path} ${label}`, step.id);
      if (action.kind === 'parallel') {
        await Promise.all(action.steps.map((child, k) => this.step(child, `${path}.parallel[${k}]`, vars)));
      } else if (action.kind === 'repeat') {
        await this.repeat(action, path, vars);
      } else {
        await this.until(performLeaf(action, this.ctx, left()));
      }
      outcome.status = 'done';
    } catch (error) {
      const failure =
        this.stopped !== null ? new StepFailure('timeout', reasonOf(this.stopped)) : stepFailureOf(error);
      outcome.status = failure.status;
      outcome.message = `${path} (${label}) ${failure.status === 'timeout' ? '' : 'failed: '}${failure.message}`;
      this.ctx.mark(`${path} ${label}: ${failure.status}`, failure.message);
    } finally {
      outcome.tEnd = this.ctx.now();
      if (step.id !== undefined && outcome.status === 'done') this.ctx.doneSteps.add(step.id);
      this.ctx.bus.notify();
    }
  }

  private async repeat(
    action: Extract<StepAction, { kind: 'repeat' }>,
    path: string,
    vars: Record<string, string>,
  ): Promise<void> {
    const iteration = (i: number): Promise<void> =>
      this.sequence(action.steps, `${path}.repeat[${i}].steps`, { ...vars, i: String(i) });
    if (action.concurrently) await Promise.all(Array.from({ length: action.count }, (_, i) => iteration(i)));
    else for (let i = 0; i < action.count; i++) await iteration(i);
  }

  private async waitToStart(step: Step, left: () => number): Promise<void> {
    if (step.at !== undefined && step.at > 0) {
      await new Promise<void>((resolve) => setTimeout(resolve, step.at));
      if (left() <= 0)
        throw timeoutAfter(step.timeout, () => `its delay of ${step.at} ms used the whole budget`);
    }
    if (step.when !== undefined) {
      const when = step.when;
      await this.ctx.bus.waitFor(
        () => (this.triggered(when) ? true : undefined),
        left(),
        () => timeoutAfter(step.timeout, () => `waiting for ${describeTrigger(when)}`),
        this.ctx.stop,
      );
    }
  }

  private triggered(trigger: Trigger): boolean {
    const { ctx } = this;
    switch (trigger.kind) {
      case 'state':
        return ctx.sockets.reached(trigger, trigger.reach, ctx.port);
      case 'counter':
        return ctx.counters.holds(trigger);
      case 'received':
        return receivedTriggerHolds(trigger, ctx.connections.get(trigger.conn));
      case 'process': {
        const view = ctx.learners.view(trigger.host);
        if (trigger.started) return view.started;
        if (trigger.ready) return view.ready;
        if (trigger.exited) return view.exited;
        return (
          trigger.printed !== undefined &&
          view.stdout.split('\n').some((l) => new RegExp(trigger.printed as string).test(l))
        );
      }
      case 'step': {
        if (ctx.doneSteps.has(trigger.id)) return true;
        // A step that already failed or timed out will not be done: fail now, not at the timeout.
        const ended = ctx.outcomes.find(
          (outcome) => outcome.id === trigger.id && outcome.tEnd !== null && outcome.status !== 'done',
        );
        if (ended === undefined) return false;
        const how = ended.status === 'timeout' ? 'timed out' : ended.status;
        throw new StepFailure('failed', `step '${trigger.id}' ${how}, so it will never be done`);
      }
    }
  }

  /** Races an action against the scenario's stop signal. */
  private until<T>(action: Promise<T>): Promise<T> {
    action.catch(() => undefined);
    return Promise.race([action, this.ctx.stop]);
  }
}

/** `{i}` inside repeat: replaced in every string of the action (names, data). */
function substitute<T>(value: T, vars: Record<string, string>): T {
  if (Object.keys(vars).length === 0) return value;
  if (typeof value === 'string') return value.replace(/\{i\}/g, vars.i ?? '{i}') as T;
  if (Array.isArray(value)) return value.map((v: unknown) => substitute(v, vars)) as T;
  if (value !== null && typeof value === 'object') {
    // Nested steps keep their own placeholders: repeat substitutes per iteration.
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k === 'steps' ? v : substitute(v, vars)]),
    ) as T;
  }
  return value;
}

export function describeAction(action: StepAction): string {
  switch (action.kind) {
    case 'parallel':
      return `parallel of ${action.steps.length}`;
    case 'repeat':
      return `repeat ${action.count}×${action.concurrently ? ' concurrently' : ''}`;
    default: {
      const target =
        'conn' in action
          ? ` on ${action.conn}`
          : 'socket' in action
            ? ` on ${action.socket}`
            : 'peer' in action
              ? ` by ${action.peer}`
              : 'host' in action
                ? ` of ${action.host}`
                : '';
      return `${action.kind}${target}`;
    }
  }
}

function describeTrigger(trigger: Trigger): string {
  switch (trigger.kind) {
    case 'state':
      return `a socket of ${trigger.host} to reach ${trigger.reach}`;
    case 'counter':
      return `${trigger.name}${trigger.host !== undefined ? ` of ${trigger.host}` : ''} ${trigger.op} ${trigger.value}`;
    case 'received':
      return `${trigger.conn} to receive ${trigger.eof ? 'EOF' : trigger.lines !== undefined ? `${trigger.lines} line(s)` : `${trigger.bytes} byte(s)`}`;
    case 'process':
      return `the program of ${trigger.host} to have ${trigger.started ? 'started' : trigger.ready ? 'become ready' : trigger.exited ? 'exited' : `printed /${trigger.printed}/`}`;
    case 'step':
      return `step '${trigger.id}' to be done`;
  }
}

function reasonOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason);
}
