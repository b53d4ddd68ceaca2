import { placeCalls } from './call-track';
import type { CallBar } from './timeline-model';

const call = (name: string, startMs: number, endMs: number | null): CallBar => ({
  name,
  startMs,
  endMs,
  failed: false,
  label: `${name}() = 0`,
});

describe('placeCalls', () => {
  const x = (t: number) => t * 10; // 10 px per ms

  it('labels calls that leave room before the next one, and sorts them by start', () => {
    const placed = placeCalls([call('close', 30, 31), call('accept', 0, 1), call('read', 12, 12.1), call('write', 13, 14)], x, 400);
    expect(placed.map((p) => [p.call.name, p.left, p.right, p.labelled])).toEqual([
      ['accept', 0, 10, true],
      ['read', 120, 123, false], // write starts 10 px later: no room for "read() = 0"
      ['write', 130, 140, true],
      ['close', 300, 310, true],
    ]);
  });

  it('draws a call that never returned to the end of the chart', () => {
    expect(placeCalls([call('read', 5, null)], x, 400)[0]).toMatchObject({ left: 50, right: 400, labelled: true });
  });
});
