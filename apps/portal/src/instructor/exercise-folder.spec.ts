import { pickedFolder } from './exercise-folder';

describe('pickedFolder', () => {
  it('takes paths relative to the folder holding exercise.yaml, without hidden files', () => {
    const folder = pickedFolder([
      { path: 'greeting/starter/c/main.c', content: 'int main;' },
      { path: 'greeting/exercise.yaml', content: 'apiVersion: socklab.dev/v1' },
      { path: 'greeting/.DS_Store', content: 'x' },
      { path: 'greeting/.git/HEAD', content: 'ref' },
      { path: 'greeting/statement.md', content: '# Greet' },
    ]);
    expect(folder).toEqual({
      ok: true,
      name: 'greeting',
      exerciseYaml: 'apiVersion: socklab.dev/v1',
      files: [
        { path: 'starter/c/main.c', content: 'int main;' },
        { path: 'statement.md', content: '# Greet' },
      ],
    });
  });

  it('finds the exercise one level down, and leaves out what is beside it', () => {
    const folder = pickedFolder([
      { path: 'week2/notes.txt', content: 'n' },
      { path: 'week2/greeting/exercise.yaml', content: 'y' },
      { path: 'week2/greeting/statement.md', content: 's' },
    ]);
    expect(folder).toMatchObject({ ok: true, name: 'greeting', files: [{ path: 'statement.md', content: 's' }] });
  });

  it('refuses a folder without exercise.yaml', () => {
    expect(pickedFolder([{ path: 'x/statement.md', content: 's' }])).toEqual({
      ok: false,
      message: 'The folder holds no exercise.yaml.',
    });
  });
});
