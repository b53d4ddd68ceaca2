import { queueNote, queuePosition } from './queue-note';

const queuedAt = '2026-01-01T12:00:00.000Z';
const now = Date.parse('2026-01-01T12:00:12.000Z');
const tail = 'Waiting for a free runner; runs are taken in the order they were submitted.';

describe('queueNote', () => {
  it('a queued run without a reported position: the time it has waited', () => {
    expect(queueNote({ status: 'queued', queuedAt }, now)).toBe(`Queued for 12.0 s. ${tail}`);
  });

  it('with the position the API reports', () => {
    expect(queueNote({ status: 'queued', queuedAt, queuePosition: 3 }, now)).toBe(
      `Queued for 12.0 s, position 3 in the queue. ${tail}`,
    );
    expect(queueNote({ status: 'queued', queuedAt, queuePosition: 1 }, now)).toBe(
      `Queued for 12.0 s, next in the queue (position 1). ${tail}`,
    );
  });

  it('no note once a runner has taken the run', () => {
    expect(queueNote({ status: 'building', queuedAt, queuePosition: 2 }, now)).toBeNull();
  });
});

describe('queuePosition', () => {
  it('ignores what is not a position from 1', () => {
    const positions = [null, undefined, 0, -1, 2.5, 4].map((value) => queuePosition({ queuePosition: value }));
    expect(positions).toEqual([null, null, null, null, null, 4]);
  });
});
