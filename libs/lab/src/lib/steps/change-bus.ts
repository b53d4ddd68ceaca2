/**
 * Waiting for observations without sleeping: everything observable (a frame through the
 * switch, a TCP transition, program output or exit, a step finishing) calls `notify()`,
 * and every pending condition is evaluated again. A condition either holds, keeps waiting,
 * or throws (which rejects its wait).
 */
export class ChangeBus {
  private waiters = new Set<() => void>();

  notify(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  /**
   * Resolves with the first non-undefined value of `check`; rejects with `onTimeout()`'s error
   * after `timeoutMs`, or with the abort error when `abort` rejects first.
   */
  waitFor<T>(
    check: () => T | undefined,
    timeoutMs: number,
    onTimeout: () => Error,
    abort: Promise<never>,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let timer: NodeJS.Timeout | null = null;
      const finish = (outcome: () => void): void => {
        this.waiters.delete(waiter);
        if (timer) clearTimeout(timer);
        outcome();
      };
      const waiter = (): void => {
        try {
          const value = check();
          if (value !== undefined) finish(() => resolve(value));
        } catch (error) {
          finish(() => reject(error));
        }
      };
      this.waiters.add(waiter);
      waiter();
      if (!this.waiters.has(waiter)) return;
      timer = setTimeout(() => finish(() => reject(onTimeout())), Math.max(0, timeoutMs));
      abort.catch((error: unknown) => finish(() => reject(error)));
    });
  }
}
