import { matchRoute, pathTo } from './routes';

describe('routes', () => {
  it('names the page of a path, with its parameters', () => {
    expect(matchRoute('/')).toEqual({ name: 'exercises', params: {} });
    expect(matchRoute('/exercises/abc')).toEqual({ name: 'exercise', params: { id: 'abc' } });
    expect(matchRoute('/exercises/abc/results')).toEqual({ name: 'exerciseResults', params: { id: 'abc' } });
    expect(matchRoute('/runs/r1/')).toEqual({ name: 'run', params: { id: 'r1' } });
    expect(matchRoute('/courses')).toEqual({ name: 'courses', params: {} });
    expect(matchRoute('/playground')).toEqual({ name: 'playground', params: {} });
    expect(matchRoute('/exercises/abc/versions/2/self-test')).toEqual({ name: 'selfTest', params: { id: 'abc', version: '2' } });
    expect(pathTo('selfTest', { id: 'abc', version: '2' })).toBe('/exercises/abc/versions/2/self-test');
  });

  it('finds no page for unknown paths and undecodable parameters', () => {
    expect(matchRoute('/nope')).toBeNull();
    expect(matchRoute('/runs/%E0%A4%A')).toBeNull();
    expect(matchRoute('/exercises/a/b')).toBeNull();
  });

  it('builds paths that match back to the same page', () => {
    const path = pathTo('run', { id: 'a b/c' });
    expect(path).toBe('/runs/a%20b%2Fc');
    expect(matchRoute(path)).toEqual({ name: 'run', params: { id: 'a b/c' } });
    expect(() => pathTo('exercise')).toThrow(/missing the parameter "id"/);
  });
});
