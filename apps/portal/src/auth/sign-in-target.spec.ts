import { afterSignIn } from './sign-in-target';

describe('afterSignIn', () => {
  it('returns to the page of this site that asked for the sign-in', () => {
    expect(afterSignIn('/runs/42?tab=ladder')).toBe('/runs/42?tab=ladder');
  });

  it.each([null, '', 'https://evil.example/', '//evil.example/x', '/\\evil.example', '/sign-in?next=/x'])(
    'goes to the exercise list instead of %j',
    (next) => {
      expect(afterSignIn(next)).toBe('/exercises');
    },
  );
});
