/**
 * Drives pollables on the monotonic clock (`performance.now()`, which never jumps with
 * wall-clock changes) with one `setTimeout` armed for the earliest due time. Whoever
 * feeds a pollable input from outside (a TAP read, a peer API call) calls `kick()`.
 */
import type { Driver, Pollable, Timer } from './driver';
import { Scheduler } from './scheduler';

export class LiveDriver implements Driver {
  private readonly origin = performance.now();
  private readonly scheduler = new Scheduler();
  private handle: ReturnType<typeof setTimeout> | null = null;
  private armedFor: number | null = null;
  private stopped = false;

  /** Milliseconds since this driver was created. */
  now(): number {
    return performance.now() - this.origin;
  }

  setTimer(at: number, callback: (now: number) => void): Timer {
    const timer = this.scheduler.setTimer(at, callback);
    this.kick();
    return timer;
  }

  add(pollable: Pollable): void {
    this.scheduler.add(pollable);
    this.kick();
  }

  remove(pollable: Pollable): void {
    this.scheduler.remove(pollable);
  }

  kick(): void {
    if (this.stopped) return;
    const next = this.scheduler.nextAt();
    if (next === this.armedFor && this.handle !== null) return;
    if (this.handle !== null) clearTimeout(this.handle);
    this.handle = null;
    this.armedFor = next;
    if (next === null) return;
    this.handle = setTimeout(() => this.fire(), Math.max(0, next - this.now()));
  }

  /** Cancels the pending wake-up; nothing runs afterwards. */
  stop(): void {
    this.stopped = true;
    if (this.handle !== null) clearTimeout(this.handle);
    this.handle = null;
  }

  private fire(): void {
    this.handle = null;
    this.armedFor = null;
    this.scheduler.runDue(this.now());
    this.kick();
  }
}
