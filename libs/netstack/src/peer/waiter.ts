/**
 * Condition waiting with a timeout on a driver's clock: `check` runs now and after every
 * `recheck()`; it returns a value to resolve with, undefined to keep waiting, or throws
 * to reject. A timeout rejects with `timeoutCode` and a message saying what was awaited.
 */
import type { Driver, Timer } from '../clock/driver';
import { NetError, type NetErrorCode } from '../iface/errors';

interface Waiter {
  check: () => unknown;
  settle: (outcome: { value: unknown } | { error: unknown }) => void;
}

export class WaitSet {
  private waiters: Waiter[] = [];

  constructor(private readonly driver: Driver) {}

  waitFor<T>(
    check: () => T | undefined,
    what: () => string,
    timeoutMs: number,
    timeoutCode: NetErrorCode = 'peer/timeout',
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      let timer: Timer | null = null;
      const waiter: Waiter = {
        check,
        settle: (outcome) => {
          timer?.cancel();
          this.waiters = this.waiters.filter((w) => w !== waiter);
          if ('value' in outcome) resolve(outcome.value as T);
          else reject(outcome.error);
        },
      };
      if (this.evaluate(waiter)) return;
      this.waiters.push(waiter);
      timer = this.driver.setTimer(this.driver.now() + timeoutMs, () =>
        waiter.settle({
          error: new NetError(timeoutCode, `timed out after ${timeoutMs} ms waiting for ${what()}`),
        }),
      );
    });
  }

  /** Re-evaluates every pending condition (call after anything it depends on changed). */
  recheck(): void {
    for (const waiter of [...this.waiters]) this.evaluate(waiter);
  }

  private evaluate(waiter: Waiter): boolean {
    try {
      const value = waiter.check();
      if (value === undefined) return false;
      waiter.settle({ value });
    } catch (error) {
      waiter.settle({ error });
    }
    return true;
  }
}
