/**
 * bin/socklab.js as a user runs it: a real node process on the sources through
 * bin/register-ts.cjs (its transpile cache), not the Jest transform.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const BIN_DIR = path.resolve(__dirname, '../bin');
const REGISTER = path.join(BIN_DIR, 'register-ts.cjs');
/** Scratch files live in the checkout (tmp/ is ignored) so they resolve its node_modules. */
const SCRATCH = path.resolve(__dirname, '../../../tmp');

function runTs(file: string): string {
  const result = spawnSync(process.execPath, ['-r', REGISTER, file], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`node ${file} failed: ${result.stderr}`);
  return result.stdout.trim();
}

describe('bin/register-ts.cjs', () => {
  let dir: string;
  beforeEach(() => {
    mkdirSync(SCRATCH, { recursive: true });
    dir = mkdtempSync(path.join(SCRATCH, 'cli-register-ts-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('resolves @socklab/* aliases and emits decorator metadata (what NestJS injection reads)', () => {
    const file = path.join(dir, 'decorated.ts');
    writeFileSync(
      file,
      `import 'reflect-metadata';
import { LANGUAGES } from '@socklab/exercise';
class Dep {}
function Injectable(): ClassDecorator { return () => undefined; }
@Injectable()
class Service { constructor(readonly dep: Dep) {} }
const types: unknown[] = Reflect.getMetadata('design:paramtypes', Service);
console.log(JSON.stringify({ languages: LANGUAGES.length > 0, dep: types[0] === Dep }));`,
    );
    expect(JSON.parse(runTs(file))).toEqual({ languages: true, dep: true });
  });

  it('transpiles an edited file again instead of running the cached old version', () => {
    const file = path.join(dir, 'edited.ts');
    writeFileSync(file, `const answer: number = 1;\nconsole.log(answer);`);
    expect(runTs(file)).toBe('1');
    writeFileSync(file, `const answer: number = 2;\nconsole.log(answer);`);
    // Same size, so the cache key differs by mtime alone: make sure it moved.
    const later = new Date(Date.now() + 5_000);
    utimesSync(file, later, later);
    expect(runTs(file)).toBe('2');
  });
});

describe('bin/socklab.js', () => {
  it('stops writing quietly when its reader goes away (socklab exercises list | head -1)', async () => {
    const child = spawn(process.execPath, [path.join(BIN_DIR, 'socklab.js'), 'exercises', 'list'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    // Like `head -1`: read the first chunk, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).not.toMatch(/EPIPE|Unhandled/);
    expect(code).toBe(0);
  });
});
