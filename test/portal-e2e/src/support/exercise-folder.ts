import { copyFile, mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GREETING_SERVER } from './paths';

export interface AuthoredFolder {
  /** The folder to pick in the portal (named after the exercise). */
  dir: string;
  /** Its exercise.yaml as it is on disk: with a typo in a scenario's peer. */
  broken: string;
  /** The same exercise.yaml, correct. */
  valid: string;
}

export const WEEK2_TITLE = 'Greetings, week 2';

/**
 * An instructor's exercise folder derived from the built-in greeting-server: C only, its
 * reference solution and one faulty solution (never-closes), so that its self-test is two
 * lab runs. Its exercise.yaml names a peer that does not exist (clinet); `valid` is the fix.
 */
export async function greetingWeek2Folder(): Promise<AuthoredFolder> {
  const original = await readFile(path.join(GREETING_SERVER, 'exercise.yaml'), 'utf8');
  const valid = replaceOnce(
    replaceOnce(
      replaceOnce(
        replaceOnce(original, /^ {2}id: greeting-server$/m, '  id: greeting-server-week2'),
        /^ {2}title: .*$/m,
        `  title: ${WEEK2_TITLE}`,
      ),
      /^languages:\n(?: {2}\w+: \{\}\n)+/m,
      'languages:\n  c: {}\n',
    ),
    /^ {2}port-in-network-byte-order:\n(?: {4}.*\n?)+/m,
    '',
  );
  const broken = replaceOnce(valid, 'connect: { peer: client, to: server, localPort: 40001', 'connect: { peer: clinet, to: server, localPort: 40001');

  const dir = path.join(await mkdtemp(path.join(tmpdir(), 'socklab-portal-e2e-folder-')), 'greeting-server-week2');
  const copy = async (relative: string) => {
    await mkdir(path.dirname(path.join(dir, relative)), { recursive: true });
    await copyFile(path.join(GREETING_SERVER, relative), path.join(dir, relative));
  };
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, 'exercise.yaml'), broken);
  for (const file of ['statement.md', 'starter/c/main.c', 'solutions/reference/c/main.c', 'solutions/faulty/never-closes/c/main.c']) {
    await copy(file);
  }
  return { dir, broken, valid };
}

function replaceOnce(text: string, pattern: string | RegExp, replacement: string): string {
  const next = text.replace(pattern, replacement);
  if (next === text) throw new Error(`greeting-server's exercise.yaml no longer has ${String(pattern)}`);
  return next;
}
