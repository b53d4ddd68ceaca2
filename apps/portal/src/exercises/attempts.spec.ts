import { attemptsText } from './attempts';

describe('attemptsText', () => {
  it('is the count alone when attempts are unlimited', () => {
    expect(attemptsText(0, null)).toBe('0');
    expect(attemptsText(7, null)).toBe('7');
  });

  it('is used / max when capped, saying when none is left', () => {
    expect(attemptsText(0, 3)).toBe('0 / 3');
    expect(attemptsText(2, 3)).toBe('2 / 3');
    expect(attemptsText(3, 3)).toBe('3 / 3 (none left)');
    expect(attemptsText(1, 1)).toBe('1 / 1 (none left)');
  });
});
