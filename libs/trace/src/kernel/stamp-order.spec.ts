import { StampOrder } from './stamp-order';

const event = (cpu: number, tNs: bigint, name: string) => ({ cpu, tNs, name });

describe('StampOrder', () => {
  it('merges buffers read one after the other into stamp order, holding what may still be preceded', () => {
    const order = new StampOrder<ReturnType<typeof event>>();
    // One drain reads CPU 0 then CPU 1; each buffer is in stamp order, the two interleave.
    for (const e of [event(0, 10n, 'a'), event(0, 40n, 'c'), event(1, 20n, 'b'), event(1, 50n, 'd')])
      order.hold(e);
    expect(order.release(45n).map((e) => e.name)).toEqual(['a', 'b', 'c']);
    expect(order.size).toBe(1);
    // The next drain finds an event CPU 0 stamped before d.
    order.hold(event(0, 48n, 'c2'));
    expect(order.release(null).map((e) => e.name)).toEqual(['c2', 'd']);
    expect(order.release(null)).toEqual([]);
  });

  it('keeps the held order of events with equal stamps', () => {
    const order = new StampOrder<ReturnType<typeof event>>();
    for (const name of ['LISTEN>SYN_RECEIVED', 'SYN_RECEIVED>ESTABLISHED']) order.hold(event(1, 7n, name));
    order.hold(event(0, 5n, 'earlier'));
    expect(order.release(7n).map((e) => e.name)).toEqual([
      'earlier',
      'LISTEN>SYN_RECEIVED',
      'SYN_RECEIVED>ESTABLISHED',
    ]);
  });

  it('releases nothing stamped after the bound', () => {
    const order = new StampOrder<ReturnType<typeof event>>();
    order.hold(event(0, 100n, 'late'));
    expect(order.release(99n)).toEqual([]);
    expect(order.size).toBe(1);
  });
});
