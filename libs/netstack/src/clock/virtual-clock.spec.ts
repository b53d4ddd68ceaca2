import { VirtualClock } from './virtual-clock';
import type { Pollable } from './driver';

/** A pollable that wants to run at the given times and records when it did. */
function wantsAt(...times: number[]): Pollable & { ran: number[] } {
  const queue = [...times];
  const ran: number[] = [];
  return {
    ran,
    poll(now) {
      ran.push(now);
      while (queue.length > 0 && queue[0] <= now) queue.shift();
    },
    pollAt: () => queue[0] ?? null,
  };
}

describe('VirtualClock', () => {
  it('runs pollables exactly at their pollAt times, in order, and stops at the target', async () => {
    const clock = new VirtualClock();
    const p = wantsAt(5, 20, 1500);
    clock.add(p);
    await clock.advance(1000);
    expect(p.ran).toEqual([5, 20]);
    expect(clock.now()).toBe(1000);
    await clock.advance(1000);
    expect(p.ran).toEqual([5, 20, 1500]);
  });

  it('interleaves timers and pollables by time, timers of one instant in creation order', async () => {
    const clock = new VirtualClock();
    const order: string[] = [];
    clock.add({
      poll: (t) => order.push(`poll@${t}`),
      pollAt: () => (order.includes('poll@30') ? null : 30),
    });
    clock.setTimer(40, (t) => order.push(`b@${t}`));
    clock.setTimer(10, (t) => order.push(`a@${t}`));
    clock.setTimer(40, (t) => order.push(`c@${t}`));
    clock.setTimer(50, () => order.push('cancelled')).cancel();
    await clock.advance(100);
    expect(order).toEqual(['a@10', 'poll@30', 'b@40', 'c@40']);
  });

  it('lets promise continuations run at the instant that resolved them', async () => {
    const clock = new VirtualClock();
    const sleep = (ms: number) => new Promise<number>((r) => clock.setTimer(clock.now() + ms, r));
    const seen: number[] = [];
    const script = (async () => {
      seen.push(await sleep(100));
      seen.push(await sleep(50)); // scheduled from the continuation, at virtual 100
    })();
    await clock.run(script);
    expect(seen).toEqual([100, 150]);
  });

  it('run() fails instead of hanging when nothing can settle the promise', async () => {
    const clock = new VirtualClock();
    await expect(clock.run(new Promise(() => undefined))).rejects.toThrow(/nothing scheduled/);
  });

  it('detects a pollable that stays due forever', async () => {
    const clock = new VirtualClock();
    clock.add({ poll: () => undefined, pollAt: () => 0 });
    await expect(clock.advance(1)).rejects.toThrow(/livelock/);
  });
});
