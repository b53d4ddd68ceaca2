import { dueNote } from './due-date';

const NOW = Date.parse('2026-11-23T12:00:00.000Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();

describe('dueNote', () => {
  it('says nothing without a readable due date', () => {
    expect(dueNote(null, NOW)).toBeNull();
    expect(dueNote('next week', NOW)).toBeNull();
  });

  it('counts whole days, hours or minutes left, rounding down', () => {
    expect(dueNote(at(3 * 86_400_000 + 5 * 3_600_000), NOW)).toEqual({ text: 'due in 3 days', past: false });
    expect(dueNote(at(86_400_000), NOW)).toEqual({ text: 'due in 1 day', past: false });
    expect(dueNote(at(86_400_000 - 1), NOW)).toEqual({ text: 'due in 23 hours', past: false });
    expect(dueNote(at(3_600_000), NOW)).toEqual({ text: 'due in 1 hour', past: false });
    expect(dueNote(at(59 * 60_000 + 59_000), NOW)).toEqual({ text: 'due in 59 minutes', past: false });
    expect(dueNote(at(60_000), NOW)).toEqual({ text: 'due in 1 minute', past: false });
    expect(dueNote(at(59_999), NOW)).toEqual({ text: 'due in less than a minute', past: false });
    expect(dueNote(at(0), NOW)).toEqual({ text: 'due in less than a minute', past: false });
  });

  it('is past due once the instant has gone by (the API refuses submissions then)', () => {
    expect(dueNote(at(-1), NOW)).toEqual({ text: 'past due', past: true });
    expect(dueNote('2026-11-20T23:59:00+01:00', NOW)).toEqual({ text: 'past due', past: true });
  });
});
