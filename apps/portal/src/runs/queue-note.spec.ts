import { queueNote, queuePosition } from './queue-note';

const queuedAt = '2026-01-01T12:00:00.000Z';
const now = Date.parse('2026-01-01T12:00:12.000Z');
const tail = 'Waiting for a free runner; runs are taken in the order they were submitted.';

describe('queueNote', () => {
  it('a queued run without a reported position: the time it has waited', () => {
    expect(queueNote({ status: 'queued', queuedAt }, now)).toBe(`Queued for 12.0 s. ${tail}`);
  });

  it('with its place from the runs ahead of it the API reports (0 = next)', () => {
    expect(queueNote({ status: 'queued', queuedAt, queuePosition: 2 }, now)).toBe(
      `Queued for 12.0 s, position 3 in the queue. ${tail}`,
    );
    expect(queueNote({ status: 'queued', queuedAt, queuePosition: 0 }, now)).toBe(
      `Queued for 12.0 s, next in the queue (position 1). ${tail}`,
    );
  });

  it('no note once a runner has taken the run', () => {
    expect(queueNote({ status: 'building', queuedAt, queuePosition: 2 }, now)).toBeNull();
  });
});

describe('queuePosition', () => {
  it('counts from 1 and ignores what is not a count of runs ahead', () => {
    const positions = [null, undefined, -1, 2.5, 0, 4].map((value) => queuePosition({ queuePosition: value }));
    expect(positions).toEqual([null, null, null, null, 1, 5]);
  });
});
