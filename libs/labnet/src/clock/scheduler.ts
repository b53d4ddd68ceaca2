/**
 * Time for the switch and impairments comes from a Scheduler, so tests drive a virtual
 * clock and live labs use the monotonic clock. Times are nanoseconds as bigint (the
 * resolution pcapng timestamps use).
 */
export interface Scheduler {
  nowNs(): bigint;
  /** Runs `task` once `delayNs` has passed; returns a function that cancels it. */
  schedule(delayNs: bigint, task: () => void): () => void;
}

/**
 * process.hrtime (CLOCK_MONOTONIC) and Node timers. Node timers have millisecond
 * granularity, so sub-millisecond delays are rounded up to the next millisecond; timers
 * are unref'd so a pending delayed frame never keeps the process alive on its own.
 */
export class MonotonicScheduler implements Scheduler {
  nowNs(): bigint {
    return process.hrtime.bigint();
  }

  schedule(delayNs: bigint, task: () => void): () => void {
    if (delayNs <= 0n) {
      const immediate = setImmediate(task);
      return () => clearImmediate(immediate);
    }
    const timer = setTimeout(task, Math.ceil(Number(delayNs) / 1e6));
    timer.unref();
    return () => clearTimeout(timer);
  }
}

interface VirtualTask {
  readonly atNs: bigint;
  readonly order: number;
  readonly task: () => void;
  cancelled: boolean;
}

/** A clock that moves only when told to. Tasks due at the same time run in scheduling order. */
export class VirtualScheduler implements Scheduler {
  private current: bigint;
  private tasks: VirtualTask[] = [];
  private nextOrder = 0;

  constructor(startNs = 0n) {
    this.current = startNs;
  }

  nowNs(): bigint {
    return this.current;
  }

  schedule(delayNs: bigint, task: () => void): () => void {
    const entry: VirtualTask = {
      atNs: this.current + (delayNs > 0n ? delayNs : 0n),
      order: this.nextOrder++,
      task,
      cancelled: false,
    };
    this.tasks.push(entry);
    return () => {
      entry.cancelled = true;
    };
  }

  /** Number of scheduled tasks not yet run or cancelled. */
  get pending(): number {
    return this.tasks.filter((task) => !task.cancelled).length;
  }

  /** Moves the clock forward by `deltaNs`, running every task that falls due on the way. */
  advance(deltaNs: bigint): void {
    const target = this.current + deltaNs;
    for (;;) {
      const due = this.tasks
        .filter((task) => !task.cancelled && task.atNs <= target)
        .sort((a, b) => (a.atNs === b.atNs ? a.order - b.order : a.atNs < b.atNs ? -1 : 1))[0];
      if (!due) break;
      this.tasks = this.tasks.filter((task) => task !== due);
      this.current = due.atNs;
      due.task();
    }
    this.current = target;
  }

  advanceMs(ms: number): void {
    this.advance(BigInt(Math.round(ms * 1e6)));
  }
}
