import { join } from 'node:path';
import { loadPackExercise, packExerciseIds, resolveExercise } from './pack';

const fixtures = join(__dirname, '..', '..', 'exercise', 'src', '__fixtures__');

describe('the built-in pack', () => {
  it('names the exercises it has when asked for one it does not', async () => {
    const result = await loadPackExercise('no-such-exercise');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ code: 'exercise/not-found' });
    expect(result.errors[0].message).toContain('no built-in exercise "no-such-exercise"');
    for (const id of packExerciseIds()) expect(result.errors[0].message).toContain(id);
  });

  it('treats a path as an exercise folder and reports what is missing there', async () => {
    const result = await resolveExercise(fixtures);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ code: 'exercise/missing-file', file: 'exercise.yaml' });
  });

  it('loads every built-in exercise without a problem', async () => {
    for (const id of packExerciseIds()) {
      const result = await resolveExercise(id);
      if (!result.ok) throw new Error(`${id}: ${result.errors.map((e) => e.message).join('; ')}`);
      expect(result.value).toMatchObject({ source: 'builtin', exercise: { spec: { metadata: { id } } } });
    }
  });
});
