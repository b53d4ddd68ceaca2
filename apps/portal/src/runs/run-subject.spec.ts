import { runSubject } from './run-subject';

describe('runSubject', () => {
  it('names an exercise run by its exercise and links back to it', () => {
    expect(
      runSubject({ exercise: { id: 'e1', slug: 'echo', title: 'Echo', version: 2 }, playground: null }),
    ).toEqual({
      title: 'Echo',
      href: '/exercises/e1',
      back: 'back to the exercise',
    });
  });

  it('names a playground run by its preset and links back to the playground with that preset chosen', () => {
    expect(
      runSubject({ exercise: null, playground: { presetId: 'echo-server', title: 'Echo server' } }),
    ).toEqual({
      title: 'Playground: Echo server',
      href: '/playground?preset=echo-server',
      back: 'back to the playground',
    });
  });
});
