import { ChangeBus } from '../steps/change-bus';
import { settle } from './settle';

describe('settle', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  const never = new Promise<never>(() => undefined);

  /** Milliseconds of fake time until the window is over. */
  async function windowLength(run: Promise<void>, stepMs = 10, limitMs = 10_000): Promise<number> {
    let over = false;
    void run.then(() => (over = true));
    let elapsed = 0;
    while (!over && elapsed < limitMs) {
      await jest.advanceTimersByTimeAsync(stepMs);
      elapsed += stepMs;
    }
    return elapsed;
  }

  it('keeps the whole window while the traffic has not ended', async () => {
    const bus = new ChangeBus();
    expect(await windowLength(settle({ bus, maxMs: 300, ended: () => false, abort: never }))).toBe(300);
  });

  it('ends after the quiet period once the traffic has ended', async () => {
    const bus = new ChangeBus();
    expect(
      await windowLength(settle({ bus, maxMs: 300, ended: () => true, abort: never, quietMs: 60 })),
    ).toBe(60);
  });

  it('starts the quiet period again on every change', async () => {
    const bus = new ChangeBus();
    const run = settle({ bus, maxMs: 300, ended: () => true, abort: never, quietMs: 60 });
    let over = false;
    void run.then(() => (over = true));
    await jest.advanceTimersByTimeAsync(50);
    bus.notify(); // a late frame
    await jest.advanceTimersByTimeAsync(50);
    expect(over).toBe(false);
    await jest.advanceTimersByTimeAsync(10);
    expect(over).toBe(true);
  });

  it('waits for the end when the traffic ends during the window', async () => {
    const bus = new ChangeBus();
    let ended = false;
    const run = settle({ bus, maxMs: 300, ended: () => ended, abort: never, quietMs: 60 });
    let over = false;
    void run.then(() => (over = true));
    await jest.advanceTimersByTimeAsync(100);
    expect(over).toBe(false);
    ended = true;
    bus.notify(); // the last transition
    await jest.advanceTimersByTimeAsync(60);
    expect(over).toBe(true);
  });

  it('ends at once on abort and stops listening to the bus', async () => {
    const bus = new ChangeBus();
    let abort: (error: Error) => void = () => undefined;
    const aborted = new Promise<never>((_, reject) => (abort = reject));
    const ended = jest.fn(() => false);
    const run = settle({ bus, maxMs: 300, ended, abort: aborted });
    abort(new Error('cancelled'));
    await run;
    ended.mockClear();
    bus.notify();
    expect(ended).not.toHaveBeenCalled();
  });
});
