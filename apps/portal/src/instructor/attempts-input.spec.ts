import { MAX_ATTEMPTS_LIMIT, maxAttemptsFromInput } from './attempts-input';

describe('maxAttemptsFromInput', () => {
  it('is unlimited (null) when empty', () => {
    expect(maxAttemptsFromInput('')).toEqual({ ok: true, maxAttempts: null });
    expect(maxAttemptsFromInput('   ')).toEqual({ ok: true, maxAttempts: null });
  });

  it('takes a whole number from 1 to the API’s limit', () => {
    expect(maxAttemptsFromInput('1')).toEqual({ ok: true, maxAttempts: 1 });
    expect(maxAttemptsFromInput(' 5 ')).toEqual({ ok: true, maxAttempts: 5 });
    expect(maxAttemptsFromInput(String(MAX_ATTEMPTS_LIMIT))).toEqual({ ok: true, maxAttempts: MAX_ATTEMPTS_LIMIT });
  });

  it('refuses zero, negatives, fractions, words and numbers over the limit, saying what it takes', () => {
    for (const text of ['0', '-2', '1.5', '2e1', 'three', String(MAX_ATTEMPTS_LIMIT + 1)]) {
      const parsed = maxAttemptsFromInput(text);
      expect(parsed).toEqual({ ok: false, message: expect.stringContaining(`“${text}” is not a whole number from 1 to`) });
    }
    expect(maxAttemptsFromInput('0')).toMatchObject({ message: expect.stringContaining('Leave it empty for unlimited') });
  });
});
