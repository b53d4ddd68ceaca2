/**
 * The whole-run deadline: a lab run that outlives every budget its exercise grants is an
 * infrastructure fault (a wedged engine, a sandbox that never reports back), never the
 * learner's. At the deadline the run's signal fires so every phase tears down as for a
 * cancellation; if the run has still not returned after a grace period, execute() stops
 * waiting for it and reports `lab/deadline-exceeded` anyway — a hang becomes an error.
 */
import type { ExerciseSpec } from '@socklab/exercise';
import { LabError } from './errors';
import { BUILD_LIMITS } from './limits';

/** Network set-up, readiness polling, teardown and artifact copying of one scenario. */
const SCENARIO_ALLOWANCE_MS = 45_000;
/** Grading and writing the report. */
const FINISH_ALLOWANCE_MS = 30_000;
/** How long a cancelled run may take to tear down before execute() returns without it. */
export const DEADLINE_GRACE_MS = 15_000;

/** Build limit + every scenario's wall budget, ready timeouts and allowance + finishing. */
export function labDeadlineMs(spec: ExerciseSpec): number {
  const total = BUILD_LIMITS.wallMs + FINISH_ALLOWANCE_MS;
  const ready = spec.hosts.learner.reduce((sum, host) => sum + host.readyTimeout, 0);
  return total + spec.scenarios.length * (spec.limits.wallMs + ready + SCENARIO_ALLOWANCE_MS);
}

export class RunDeadline {
  private readonly controller = new AbortController();
  private readonly timers: NodeJS.Timeout[] = [];
  /** Fires when the caller cancels or the deadline passes. */
  readonly signal: AbortSignal;
  /** Rejects with `lab/deadline-exceeded` once the deadline and its grace period have passed. */
  readonly abandoned: Promise<never>;

  constructor(
    readonly deadlineMs: number,
    caller: AbortSignal | undefined,
    graceMs = DEADLINE_GRACE_MS,
  ) {
    this.signal = caller ? AbortSignal.any([caller, this.controller.signal]) : this.controller.signal;
    this.timers.push(setTimeout(() => this.controller.abort(this.error()), deadlineMs));
    this.abandoned = new Promise<never>((_, reject) => {
      this.timers.push(setTimeout(() => reject(this.error()), deadlineMs + graceMs));
    });
    this.abandoned.catch(() => undefined);
  }

  /** True once the deadline (not the caller) stopped the run. */
  get expired(): boolean {
    return this.controller.signal.aborted;
  }

  error(): LabError {
    return new LabError(
      'lab/deadline-exceeded',
      `the lab did not finish within ${Math.round(this.deadlineMs / 1000)} s, the most this exercise's ` +
        'limits allow; this is a fault of the lab, not of your program, and the run was stopped',
    );
  }

  dispose(): void {
    for (const timer of this.timers) clearTimeout(timer);
  }
}
