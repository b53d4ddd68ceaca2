import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fixtureText } from '../__fixtures__/fixtures';
import { loadExerciseFolder } from './load-exercise-folder';

let root: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'socklab-exercise-'));
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(files: Record<string, string>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
}

/** half-close-echo without the faultySolutions block, plus every file a complete folder has. */
function completeFolder(): void {
  write({
    'exercise.yaml': fixtureText('half-close-echo').replace(/\nfaultySolutions:[\s\S]*$/, '\n'),
    'statement.md': '# Echo until the client half-closes\n',
    'starter/c/main.c': 'int main(void) { return 0; }\n',
    'starter/python/main.py': '',
    'solutions/reference/c/main.c': 'int main(void) { return 0; }\n',
    'solutions/reference/python/main.py': 'print()\n',
    'solutions/faulty/never-closes/expect.yaml':
      'description: stays in CLOSE_WAIT\nmustFail: [server-close-path]\n',
    'solutions/faulty/never-closes/c/main.c': 'int main(void) { for (;;); }\n',
  });
}

describe('loadExerciseFolder', () => {
  it('loads a complete folder and merges expect.yaml into the spec', async () => {
    completeFolder();
    const result = await loadExerciseFolder(root);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const exercise = result.value;
    expect(exercise.statement).toContain('half-closes');
    expect(exercise.starter.map((tree) => tree.language)).toEqual(['c', 'python']);
    expect(exercise.reference[0]).toEqual({
      language: 'c',
      dir: join(root, 'solutions/reference/c'),
      files: ['main.c'],
    });
    expect(exercise.faulty).toEqual([
      {
        name: 'never-closes',
        description: 'stays in CLOSE_WAIT',
        mustFail: ['server-close-path'],
        sources: [{ language: 'c', dir: join(root, 'solutions/faulty/never-closes/c'), files: ['main.c'] }],
      },
    ]);
    expect(exercise.spec.faultySolutions['never-closes'].mustFail).toEqual(['server-close-path']);
  });

  it('returns spec errors with the file they are in, and no exercise', async () => {
    completeFolder();
    write({
      'exercise.yaml': fixtureText('half-close-echo')
        .replace('reach', 'x')
        .replace('points: 30', 'points: -1'),
    });
    const result = await loadExerciseFolder(root);
    expect(result).toEqual({
      ok: false,
      errors: [
        expect.objectContaining({
          file: 'exercise.yaml',
          path: 'checks[0].points',
          line: expect.any(Number),
        }),
      ],
    });
  });

  it('reports every folder problem at once', async () => {
    completeFolder();
    rmSync(join(root, 'statement.md'));
    rmSync(join(root, 'starter/python'), { recursive: true });
    write({
      'starter/rust/main.rs': '',
      'solutions/reference/python/solution.py': '',
      'solutions/faulty/closes-early/c/main.c': '',
      'solutions/faulty/resets/expect.yaml': 'mustFail: [no-rst]\n',
      'solutions/faulty/resets/c/main.c': '',
    });
    rmSync(join(root, 'solutions/reference/python/main.py'));
    const result = await loadExerciseFolder(root);
    expect(
      !result.ok && result.errors.map(({ code, file, path, message }) => ({ code, file, path, message })),
    ).toEqual([
      {
        code: 'exercise/missing-file',
        file: 'statement.md',
        path: '',
        message: 'statement.md is missing or empty: the learner needs a statement',
      },
      {
        code: 'exercise/unexpected-file',
        file: 'starter/rust',
        path: '',
        message: '"rust" is not a declared language folder (declared: c, python)',
      },
      {
        code: 'exercise/missing-file',
        file: 'starter/python',
        path: '',
        message: 'no starter for declared language python',
      },
      {
        code: 'exercise/missing-file',
        file: 'solutions/reference/python/main.py',
        path: '',
        message: 'solutions/reference/python lacks the submission file main.py (languages.python.files)',
      },
      {
        code: 'exercise/missing-file',
        file: 'solutions/faulty/closes-early',
        path: '',
        message:
          'faulty solution "closes-early" says nowhere which checks it must fail: add solutions/faulty/closes-early/expect.yaml or faultySolutions.closes-early in exercise.yaml',
      },
      {
        code: 'exercise/unknown-reference',
        file: 'solutions/faulty/resets/expect.yaml',
        path: 'mustFail[0]',
        message: 'unknown check "no-rst" — did you mean no-reset?',
      },
    ]);
  });

  it('a faulty solution declared in exercise.yaml needs its folder, and may not also have expect.yaml', async () => {
    completeFolder();
    write({
      'exercise.yaml': fixtureText('half-close-echo'),
      'solutions/faulty/close-with-unread-data/c/main.c': '',
      'solutions/faulty/closes-after-first-read/c/main.c': '',
    });
    const result = await loadExerciseFolder(root);
    expect(!result.ok && result.errors.map(({ file, path, message }) => ({ file, path, message }))).toEqual([
      {
        file: 'solutions/faulty/never-closes/expect.yaml',
        path: '',
        message:
          'faulty solution "never-closes" is also described in exercise.yaml faultySolutions; keep one',
      },
    ]);
  });

  it('an empty directory is a missing exercise.yaml', async () => {
    const result = await loadExerciseFolder(root);
    expect(!result.ok && result.errors).toEqual([
      expect.objectContaining({ code: 'exercise/missing-file', file: 'exercise.yaml' }),
    ]);
  });
});
