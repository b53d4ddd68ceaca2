import { EXERCISE_UPLOAD_LIMITS, uploadPathProblem } from './exercise-uploads';
import { selfTestJobId } from '../self-test-queue';

describe('uploadPathProblem', () => {
  it.each(['exercise.yaml', 'starter/c/main.c', 'solutions/faulty/never-closes/expect.yaml', 'starter/c/'])(
    'accepts %s',
    (path) => expect(uploadPathProblem(path)).toBeNull(),
  );

  it.each([
    ['../etc/passwd', '..'],
    ['starter/../../x', '..'],
    ['/etc/passwd', 'absolute'],
    ['C:/x.c', 'drive letter'],
    ['starter\\c\\main.c', 'backslash'],
    ['starter//main.c', 'empty'],
    ['./exercise.yaml', '"."'],
    ['a\u0000b', 'control'],
    ['x'.repeat(EXERCISE_UPLOAD_LIMITS.maxPathLength + 1), 'longer'],
    [Array(EXERCISE_UPLOAD_LIMITS.maxPathDepth + 1).fill('d').join('/'), 'deeper'],
  ])('refuses %j, saying why', (path, why) => {
    expect(uploadPathProblem(path)).toContain(why);
  });
});

describe('selfTestJobId', () => {
  it('is one id per enqueue generation, without ":"', () => {
    const id = '3f1e5f5e-8a4b-4c57-9a53-5a3f4f0d9c11';
    expect(selfTestJobId({ selfTestId: id, attempt: 2 })).toBe(`self-test-${id}-2`);
    expect(selfTestJobId({ selfTestId: id, attempt: 1 })).not.toContain(':');
  });
});
