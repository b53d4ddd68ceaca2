import { dueAtFromInput, versionFromInput } from './due-input';

describe('dueAtFromInput', () => {
  it('reads a datetime-local value as local time and gives the instant', () => {
    expect(dueAtFromInput('2026-11-30T23:59')).toEqual({ ok: true, dueAt: new Date(2026, 10, 30, 23, 59).toISOString() });
    expect(dueAtFromInput('2026-11-30T23:59:30')).toEqual({ ok: true, dueAt: new Date(2026, 10, 30, 23, 59, 30).toISOString() });
  });

  it('is no due date when empty', () => {
    expect(dueAtFromInput('  ')).toEqual({ ok: true, dueAt: null });
  });

  it('refuses what is not a date and time', () => {
    expect(dueAtFromInput('tomorrow')).toEqual({ ok: false, message: expect.stringContaining('tomorrow') });
    expect(dueAtFromInput('2026-13-40T25:00').ok).toBe(false);
  });
});

describe('versionFromInput', () => {
  it('is the newest when empty, else a whole number from 1', () => {
    expect(versionFromInput('')).toEqual({ ok: true, version: undefined });
    expect(versionFromInput(' 3 ')).toEqual({ ok: true, version: 3 });
    expect(versionFromInput('0').ok).toBe(false);
    expect(versionFromInput('1.5').ok).toBe(false);
    expect(versionFromInput('two').ok).toBe(false);
  });
});
