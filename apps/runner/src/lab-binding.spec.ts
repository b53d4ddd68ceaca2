import { loadPackExercise } from '@socklab/pack';

import { storedSpec } from './lab-binding';

describe('storedSpec', () => {
  it('takes a spec as the API stores it (the schema output, through JSON)', async () => {
    const loaded = await loadPackExercise('half-close-echo');
    if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
    const stored = JSON.parse(JSON.stringify(loaded.value.spec)) as unknown;
    expect(storedSpec(stored)).toEqual(loaded.value.spec);
  });

  it("refuses a document that is no spec with 'exercise/invalid-spec' naming what is missing", () => {
    expect(() => storedSpec({ metadata: { id: 'x' } })).toThrow(
      /scenarios, checks, hosts.learner, languages/,
    );
    expect(() => storedSpec(null)).toThrow(expect.objectContaining({ code: 'exercise/invalid-spec' }));
  });
});
