import { navSection } from './nav-sections';

describe('navSection', () => {
  it('highlights the item of the page’s route', () => {
    expect(navSection('exercise', null)).toBe('exercises');
    expect(navSection('selfTest', null)).toBe('exercises');
    expect(navSection('run', null)).toBe('runs');
    expect(navSection('playground', null)).toBe('playground');
  });

  it('highlights what the page claims over its route’s item: a playground run belongs to the Playground', () => {
    expect(navSection('run', 'playground')).toBe('playground');
  });

  it('highlights nothing on the sign-in page or a page that does not exist', () => {
    expect(navSection('signIn', null)).toBeNull();
    expect(navSection(null, 'playground')).toBeNull();
  });
});
