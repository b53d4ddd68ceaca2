import { fixtureDocument } from '../__fixtures__/fixtures';
import { unwrapSpecResult, validateExerciseSpec, type SpecError } from './index';

function withTrigger(when: unknown) {
  const document = fixtureDocument('half-close-echo');
  document.scenarios[0].steps[4].when = when;
  return validateExerciseSpec(document);
}

describe('the counter trigger', () => {
  it('waits for a capture counter of a host', () => {
    const spec = unwrapSpecResult(
      withTrigger({ counter: { name: 'zeroWindowProbes', host: 'server', op: '>=', value: 1 } }),
    );
    expect(spec.scenarios[0].steps[4].when).toEqual({
      kind: 'counter',
      name: 'zeroWindowProbes',
      host: 'server',
      op: '>=',
      value: 1,
    });
  });

  it('rejects the kernel counters, which are read only at the end of the scenario', () => {
    const result = withTrigger({ counter: { name: 'listenOverflows', op: '>', value: 0 } });
    const errors = result.ok ? [] : result.errors.map(({ path, message }: SpecError) => ({ path, message }));
    expect(errors).toEqual([
      {
        path: 'scenarios[0].steps[4].when.counter.name',
        message: expect.stringContaining('unknown counter a step can wait for "listenOverflows"'),
      },
    ]);
  });

  it('rejects an unknown host', () => {
    const result = withTrigger({ counter: { name: 'resetsSent', host: 'nobody', op: '==', value: 0 } });
    expect(result.ok ? [] : result.errors.map(({ path }: SpecError) => path)).toEqual([
      'scenarios[0].steps[4].when.counter.host',
    ]);
  });
});
