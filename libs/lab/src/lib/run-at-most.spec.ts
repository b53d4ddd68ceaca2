import { runAtMost } from './run-at-most';

const tick = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('runAtMost', () => {
  it('never runs more than `concurrency` tasks at once, and returns results by index', async () => {
    let running = 0;
    let most = 0;
    const results = await runAtMost(5, 2, undefined, async (index) => {
      running++;
      most = Math.max(most, running);
      await tick(5 - index);
      running--;
      return index * 10;
    });
    expect(results).toEqual([0, 10, 20, 30, 40]);
    expect(most).toBe(2);
  });

  it('one at a time when concurrency is 1, in index order', async () => {
    const order: string[] = [];
    await runAtMost(3, 1, undefined, async (index) => {
      order.push(`start ${index}`);
      await tick(1);
      order.push(`end ${index}`);
    });
    expect(order).toEqual(['start 0', 'end 0', 'start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('on a failure cancels the running tasks, waits for them, starts no more, rethrows the first', async () => {
    const log: string[] = [];
    const run = runAtMost(4, 2, undefined, async (index, signal) => {
      if (index === 0) {
        await tick(2);
        throw new Error('scenario 0 failed');
      }
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      await tick(5); // its teardown
      log.push(`scenario ${index} torn down`);
      throw new Error(`scenario ${index} cancelled`);
    });
    await expect(run).rejects.toThrow('scenario 0 failed');
    expect(log).toEqual(['scenario 1 torn down']);
  });

  it('passes the caller’s cancellation on', async () => {
    const caller = new AbortController();
    const run = runAtMost(2, 2, caller.signal, async (_index, signal) => {
      await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
      throw new Error('cancelled');
    });
    caller.abort();
    await expect(run).rejects.toThrow('cancelled');
  });
});
