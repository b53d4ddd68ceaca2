import { PendingRemovals } from './pending-removals';

describe('PendingRemovals', () => {
  it("awaits every removal of the job, failed ones too, and only that job's", async () => {
    const removals = new PendingRemovals();
    let finishSlow: () => void = () => undefined;
    removals.add('a', new Promise<void>((resolve) => (finishSlow = resolve)));
    // A rejection is no unhandled rejection (Jest would fail this test on one).
    removals.add('a', Promise.reject(new Error('engine failed')));
    removals.add('b', new Promise<void>(() => undefined));
    let settled = false;
    const waiting = removals.settled('a').then(() => (settled = true));
    await new Promise(setImmediate);
    expect(settled).toBe(false);
    expect(removals.count('a')).toBe(1);
    finishSlow();
    // Job b's removal never settles: a's do not wait for it.
    await waiting;
    expect(removals.count('a')).toBe(0);
    expect(removals.count('b')).toBe(1);
  });

  it('settles at once for a job without removals', async () => {
    await expect(new PendingRemovals().settled('none')).resolves.toBeUndefined();
  });
});
