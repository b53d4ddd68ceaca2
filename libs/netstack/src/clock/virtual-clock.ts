/**
 * Virtual time for tests: nothing happens until the test advances the clock, then every
 * pollable and timer runs at exactly the time it asked for, in order. Between steps the
 * clock yields to the event loop so promise continuations (peer and puppet scripts) run
 * at the virtual instant that resolved them.
 */
import type { Driver, Pollable, Timer } from './driver';
import { Scheduler } from './scheduler';

/** Lets every pending promise continuation run (they are queued before the next macrotask). */
function settle(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export class VirtualClock implements Driver {
  private t: number;
  private readonly scheduler = new Scheduler();

  constructor(start = 0) {
    this.t = start;
  }

  now(): number {
    return this.t;
  }

  setTimer(at: number, callback: (now: number) => void): Timer {
    return this.scheduler.setTimer(at, callback);
  }

  add(pollable: Pollable): void {
    this.scheduler.add(pollable);
  }

  remove(pollable: Pollable): void {
    this.scheduler.remove(pollable);
  }

  /** Nothing to do: the virtual clock re-reads `pollAt()` at every step. */
  kick(): void {
    return;
  }

  /** Runs whatever is due now, letting promise continuations run, until quiet. */
  async runDue(): Promise<void> {
    for (;;) {
      await settle();
      this.scheduler.runDue(this.t);
      await settle();
      const next = this.scheduler.nextAt();
      if (next === null || next > this.t) return;
    }
  }

  /** Moves time forward by `ms`, stopping at every instant something is due. */
  async advance(ms: number): Promise<void> {
    const target = this.t + ms;
    await this.runDue();
    for (;;) {
      const next = this.scheduler.nextAt();
      if (next === null || next > target) break;
      this.t = Math.max(this.t, next);
      await this.runDue();
    }
    this.t = target;
    await this.runDue();
  }

  /**
   * Advances time event by event until `promise` settles, and returns its outcome.
   * Fails if nothing is scheduled while it is still pending (it can never settle), or
   * after `limitMs` of virtual time.
   */
  async run<T>(promise: Promise<T>, limitMs = 24 * 3600_000): Promise<T> {
    let settled = false;
    const watched = promise.then(
      (v) => ((settled = true), v),
      (e: unknown) => {
        settled = true;
        throw e;
      },
    );
    watched.catch(() => undefined);
    const deadline = this.t + limitMs;
    await this.runDue();
    while (!settled) {
      const next = this.scheduler.nextAt();
      if (next === null)
        throw new Error(`VirtualClock.run: nothing scheduled at t=${this.t} and the promise is pending`);
      if (next > deadline)
        throw new Error(`VirtualClock.run: still pending after ${limitMs} ms of virtual time`);
      this.t = Math.max(this.t, next);
      await this.runDue();
    }
    return watched;
  }
}
