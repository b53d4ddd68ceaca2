/**
 * How time reaches clock-free code. A driver owns "now", runs each registered
 * `Pollable` when its `pollAt()` comes due, and runs one-shot timers (used by the
 * scripted-peer and puppet APIs for their timeouts). `VirtualClock` and `LiveDriver`
 * implement it; hosts, links and TCP are the same code under both.
 */
export interface Pollable {
  poll(now: number): void;
  /** Next time `poll` must run; ≤ now means at once; null means not until new input. */
  pollAt(): number | null;
}

export interface Timer {
  cancel(): void;
}

export interface Driver {
  now(): number;
  /** Runs `callback` once, when the clock reaches `at` (at once if `at` ≤ now, but never synchronously). */
  setTimer(at: number, callback: (now: number) => void): Timer;
  add(pollable: Pollable): void;
  remove(pollable: Pollable): void;
  /** Re-reads every `pollAt()`; call after feeding a pollable input from outside the driver. */
  kick(): void;
}
