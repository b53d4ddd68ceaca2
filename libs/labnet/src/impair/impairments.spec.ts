import { VirtualScheduler } from '../clock/scheduler';
import { FrameAnnotation } from './annotations';
import { delay, reorder } from './delay';
import { blackhole, dropMatching, dropNth, dropRate } from './drop';
import { duplicate } from './duplicate';
import { ImpairmentPipeline } from './impairment-pipeline';
import { rateLimit } from './rate-limit';
import { SeededRandom } from './seeded-random';

const MS = 1_000_000n;

/** A frame whose byte 14 is its sequence number, `size` bytes long. */
function numbered(n: number, size = 60): Uint8Array {
  const f = new Uint8Array(size);
  new DataView(f.buffer).setUint16(14, n);
  return f;
}

function link() {
  const clock = new VirtualScheduler();
  const pipeline = new ImpairmentPipeline(1, 'egress', clock);
  const delivered: { n: number; atMs: number; notes: string[] }[] = [];
  const arrivalNotes: string[][] = [];
  const send = (frame: Uint8Array): void => {
    const decision = pipeline.decide(frame, 2);
    arrivalNotes.push(decision.annotations.map((a) => a.text));
    pipeline.release(frame, decision, (f, notes: readonly FrameAnnotation[]) =>
      delivered.push({
        n: new DataView(f.buffer, f.byteOffset).getUint16(14),
        atMs: Number(clock.nowNs() / MS),
        notes: notes.map((a) => a.text),
      }),
    );
  };
  return { clock, pipeline, delivered, arrivalNotes, send };
}

describe('drop impairments', () => {
  it('drop-nth drops exactly the nth matching frame and reports it', () => {
    const { pipeline, delivered, arrivalNotes, send } = link();
    pipeline.add(dropNth({ n: 3, match: (f) => f[15] % 2 === 0, matchLabel: 'even' }));
    for (let n = 0; n < 10; n++) send(numbered(n));
    expect(delivered.map((d) => d.n)).toEqual([0, 1, 2, 3, 5, 6, 7, 8, 9]);
    expect(arrivalNotes[4]).toEqual(['dropped by impairment drop-nth(3, even)']);
  });

  it('drop-every-nth drops every nth frame', () => {
    const { pipeline, delivered, send } = link();
    pipeline.add(dropNth({ n: 3, repeat: true }));
    for (let n = 1; n <= 9; n++) send(numbered(n));
    expect(delivered.map((d) => d.n)).toEqual([1, 2, 4, 5, 7, 8]);
  });

  it('drop-matching drops matching frames up to its limit', () => {
    const { pipeline, delivered, send } = link();
    pipeline.add(dropMatching((f) => f[15] > 4, 'n>4', 2));
    for (let n = 1; n <= 8; n++) send(numbered(n));
    expect(delivered.map((d) => d.n)).toEqual([1, 2, 3, 4, 7, 8]);
  });

  it('drop-rate makes the same decisions for the same seed and different ones for another', () => {
    const run = (seed: number): number[] => {
      const { pipeline, delivered, send } = link();
      pipeline.add(dropRate(0.3, new SeededRandom(seed)));
      for (let n = 0; n < 200; n++) send(numbered(n));
      return delivered.map((d) => d.n);
    };
    expect(run(42)).toEqual(run(42));
    expect(run(42)).not.toEqual(run(43));
    expect(run(42).length).toBeGreaterThan(110);
    expect(run(42).length).toBeLessThan(170);
  });

  it('blackhole drops everything until removed at run time', () => {
    const { pipeline, delivered, send } = link();
    const handle = pipeline.add(blackhole());
    send(numbered(1));
    handle.remove();
    send(numbered(2));
    expect(delivered.map((d) => d.n)).toEqual([2]);
  });
});

describe('delay and reorder', () => {
  it('delays by the configured time on the virtual clock', () => {
    const { pipeline, clock, delivered, send } = link();
    pipeline.add(delay({ delayNs: 20n * MS }));
    send(numbered(1));
    clock.advanceMs(19);
    expect(delivered).toEqual([]);
    clock.advanceMs(1);
    expect(delivered).toEqual([{ n: 1, atMs: 20, notes: ['delayed 20ms by impairment delay(20ms)'] }]);
  });

  it('keeps delays within delay ± jitter, keeps order, and repeats with the same seed', () => {
    const run = (seed: number) => {
      const { pipeline, clock, delivered, send } = link();
      pipeline.add(delay({ delayNs: 50n * MS, jitterNs: 10n * MS, random: new SeededRandom(seed) }));
      for (let n = 0; n < 50; n++) {
        send(numbered(n));
        clock.advanceMs(1);
      }
      clock.advanceMs(100);
      return delivered;
    };
    const first = run(7);
    expect(first.map((d) => d.n)).toEqual([...Array(50).keys()]);
    first.forEach((d, i) => expect(d.atMs - i).toBeGreaterThanOrEqual(40));
    expect(first.at(-1)!.atMs - 49).toBeLessThanOrEqual(60);
    expect(run(7)).toEqual(first);
    expect(run(8).map((d) => d.atMs)).not.toEqual(first.map((d) => d.atMs));
  });

  it('reorder holds some frames so later ones overtake them', () => {
    const { pipeline, clock, delivered, send } = link();
    pipeline.add(reorder({ probability: 0.25, holdNs: 5n * MS, random: new SeededRandom(1) }));
    for (let n = 0; n < 200; n++) {
      send(numbered(n));
      clock.advanceMs(1);
    }
    clock.advanceMs(10);
    const order = delivered.map((d) => d.n);
    expect([...order].sort((a, b) => a - b)).toEqual([...Array(200).keys()]);
    const held = delivered.filter((d) =>
      d.notes.some((t) => t === 'reordered 5ms by impairment reorder(0.25, hold 5ms)'),
    );
    expect(held.length).toBeGreaterThan(30);
    expect(held.length).toBeLessThan(70);
    // A held frame leaves 5 ms late, so up to four frames sent after it overtake it.
    for (const frame of held) expect(order.indexOf(frame.n)).toBeGreaterThan(frame.n - 1);
    expect(order).not.toEqual([...Array(200).keys()]);
  });
});

describe('duplicate', () => {
  it('sends extra copies that pass later stages independently', () => {
    const { pipeline, delivered, arrivalNotes, send } = link();
    pipeline.add(duplicate({ probability: 1, copies: 2, random: new SeededRandom(3) }));
    pipeline.add(dropNth({ n: 2 }));
    send(numbered(9));
    expect(delivered.map((d) => d.n)).toEqual([9, 9]);
    expect(delivered[1].notes).toEqual(['copy 2 made by impairment duplicate(1, 2 copies)']);
    expect(arrivalNotes[0]).toEqual([
      'duplicated (2 extra) by impairment duplicate(1, 2 copies)',
      'dropped by impairment drop-nth(2)',
    ]);
  });
});

describe('rate limit (token bucket)', () => {
  it('spaces 1000-byte frames at 8 kbit/s one second apart after the burst and tail-drops past the queue', () => {
    const { pipeline, clock, delivered, send } = link();
    pipeline.add(rateLimit({ bitsPerSecond: 8000, burstBytes: 1000, queueBytes: 2000 }));
    for (let n = 0; n < 4; n++) send(numbered(n, 1000));
    clock.advanceMs(5000);
    expect(delivered.map((d) => [d.n, d.atMs])).toEqual([
      [0, 0],
      [1, 1000],
      [2, 2000],
    ]);
    send(numbered(4, 1000)); // the bucket has refilled: passes at once
    expect(delivered.at(-1)).toEqual({ n: 4, atMs: 5000, notes: [] });
  });
});

describe('SeededRandom', () => {
  it('matches the reference xoshiro128** output for state {1, 2, 3, 4}', () => {
    const random = SeededRandom.fromState([1, 2, 3, 4]);
    expect(Array.from({ length: 6 }, () => random.nextUint32())).toEqual([
      11520, 0, 5927040, 70819200, 2031721883, 1637235492,
    ]);
  });

  it('reproduces the xoshiro128** stream and derives independent labelled streams', () => {
    const a = new SeededRandom(123);
    const b = new SeededRandom(123);
    const values = Array.from({ length: 5 }, () => a.nextUint32());
    expect(Array.from({ length: 5 }, () => b.nextUint32())).toEqual(values);
    expect(new Set(values).size).toBe(5);
    expect(SeededRandom.derive(1, 'x').next()).toBe(SeededRandom.derive(1, 'x').next());
    expect(SeededRandom.derive(1, 'x').next()).not.toBe(SeededRandom.derive(1, 'y').next());
  });
});
