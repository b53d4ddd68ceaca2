/** The bookkeeping both drivers share: pollables, one-shot timers, and what is due when. */
import type { Pollable, Timer } from './driver';

interface PendingTimer {
  at: number;
  seq: number;
  callback: (now: number) => void;
  cancelled: boolean;
}

/** Bound on work at one instant; exceeding it means something re-arms itself forever. */
const MAX_RUNS_PER_INSTANT = 1_000_000;

export class Scheduler {
  private readonly pollables: Pollable[] = [];
  private timers: PendingTimer[] = [];
  private seq = 0;

  add(pollable: Pollable): void {
    if (!this.pollables.includes(pollable)) this.pollables.push(pollable);
  }

  remove(pollable: Pollable): void {
    const at = this.pollables.indexOf(pollable);
    if (at >= 0) this.pollables.splice(at, 1);
  }

  setTimer(at: number, callback: (now: number) => void): Timer {
    const timer: PendingTimer = { at, seq: this.seq++, callback, cancelled: false };
    this.timers.push(timer);
    return {
      cancel: () => {
        timer.cancelled = true;
        this.timers = this.timers.filter((t) => t !== timer);
      },
    };
  }

  /** Earliest time anything wants to run, or null. */
  nextAt(): number | null {
    let next: number | null = null;
    for (const p of this.pollables) {
      const at = p.pollAt();
      if (at !== null && (next === null || at < next)) next = at;
    }
    for (const t of this.timers) if (next === null || t.at < next) next = t.at;
    return next;
  }

  /**
   * Runs every pollable and timer due at `now`, repeatedly, until nothing is due
   * (polling one host can make another due at once, e.g. a link delivering a frame).
   * Pollables run before timers, timers in (time, creation) order.
   */
  runDue(now: number): void {
    for (let runs = 0; ; runs++) {
      if (runs > MAX_RUNS_PER_INSTANT) {
        throw new Error(`scheduler livelock at t=${now}: something stays due after running`);
      }
      const pollable = this.pollables.find((p) => {
        const at = p.pollAt();
        return at !== null && at <= now;
      });
      if (pollable) {
        pollable.poll(now);
        continue;
      }
      let timer: PendingTimer | null = null;
      for (const t of this.timers) {
        if (t.at <= now && (!timer || t.at < timer.at || (t.at === timer.at && t.seq < timer.seq))) timer = t;
      }
      if (!timer) return;
      this.timers = this.timers.filter((t) => t !== timer);
      timer.callback(now);
    }
  }
}
