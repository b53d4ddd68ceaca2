import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LoadedExercise } from '@socklab/exercise';
import { toBuiltin } from './builtin-pack';

describe('toBuiltin', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'socklab-starter-'));
    mkdirSync(join(dir, 'python', '__pycache__'), { recursive: true });
    writeFileSync(join(dir, 'python', 'main.py'), 'import socket\n');
    writeFileSync(join(dir, 'python', '__pycache__', 'main.pyc'), Buffer.from([0x6f, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0]));
    writeFileSync(join(dir, 'python', 'latin1.txt'), Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    mkdirSync(join(dir, 'c'));
    writeFileSync(join(dir, 'c', 'main.c'), 'int main(void) { return 0; }\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps the statement and text starters sorted by language, and reports what is not text', async () => {
    const problems: string[] = [];
    const exercise = {
      spec: { metadata: { id: 'demo', title: 'Demo' } },
      statement: '# Demo\n',
      starter: [
        { language: 'python', dir: join(dir, 'python'), files: ['__pycache__/main.pyc', 'latin1.txt', 'main.py'] },
        { language: 'c', dir: join(dir, 'c'), files: ['main.c'] },
      ],
    } as unknown as LoadedExercise;
    const builtin = await toBuiltin('demo', exercise, (message) => problems.push(message));
    expect(builtin).toMatchObject({ slug: 'demo', title: 'Demo', statement: '# Demo\n' });
    expect(builtin.starters).toEqual([
      { language: 'c', files: [{ name: 'main.c', content: 'int main(void) { return 0; }\n' }] },
      { language: 'python', files: [{ name: 'main.py', content: 'import socket\n' }] },
    ]);
    expect(problems).toEqual([
      'starter/python/__pycache__/main.pyc is not a text file; it is left out',
      'starter/python/latin1.txt is not a text file; it is left out',
    ]);
  });
});
