import type { UnsequencedLabEvent } from '@socklab/contracts';

import { EventPump } from './event-pump';

const output = (chunk: string): UnsequencedLabEvent => ({
  type: 'output',
  t: 0,
  stream: 'stdout',
  host: 'h',
  chunk,
});
const chunkOf = (event: UnsequencedLabEvent) => (event.type === 'output' ? event.chunk : event.type);

describe('EventPump', () => {
  it('issues publishes in push order without waiting for each, and runs `before` between them', async () => {
    const issued: string[] = [];
    const acks: (() => void)[] = [];
    const pump = new EventPump(
      (event) =>
        new Promise<void>((resolve) => {
          issued.push(chunkOf(event));
          acks.push(resolve);
        }),
    );
    pump.push(output('a'));
    pump.push(output('b'));
    pump.push({ type: 'phase', t: 0, phase: 'running' }, async () => {
      issued.push('advance');
    });
    pump.push(output('c'));
    await new Promise((resolve) => setImmediate(resolve));
    expect(issued).toEqual(['a', 'b', 'advance', 'phase', 'c']); // none acknowledged yet
    let drained = false;
    const draining = pump.drain().then(() => (drained = true));
    await new Promise((resolve) => setImmediate(resolve));
    expect(drained).toBe(false);
    for (const ack of acks) ack();
    await draining;
  });

  it('rejects drain with the first failure and publishes nothing after a failed `before`', async () => {
    const issued: string[] = [];
    const pump = new EventPump(async (event) => {
      issued.push(chunkOf(event));
    });
    pump.push(output('a'));
    pump.push({ type: 'phase', t: 0, phase: 'grading' }, async () => {
      throw new Error('database gone');
    });
    pump.push(output('b'));
    await expect(pump.drain()).rejects.toThrow('database gone');
    expect(issued).toEqual(['a']);
  });

  it('drops events while the run belongs to someone else', async () => {
    const issued: string[] = [];
    let dropping = false;
    const pump = new EventPump(
      async (event) => {
        issued.push(chunkOf(event));
      },
      () => dropping,
    );
    pump.push(output('a'));
    await pump.drain();
    dropping = true;
    pump.push(output('b'));
    await pump.drain();
    expect(issued).toEqual(['a']);
  });
});
