/**
 * What the real tests leave behind, read from the kernel. afterAll asserts both lists
 * are empty, so a test that leaks a namespace or interface fails.
 */
import { execFileSync } from 'node:child_process';
import { LabNamespace } from '../../src';

export const TEST_PREFIX = 'slq';

export function leftoverNamespaces(prefix: string): string[] {
  return execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.split(' ')[0] ?? '')
    .filter((name) => name.startsWith(prefix));
}

export function leftoverLinks(prefix: string): string[] {
  return execFileSync('ip', ['-o', 'link', 'show'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.split(': ')[1]?.split('@')[0] ?? '')
    .filter((name) => name.startsWith(prefix));
}

export const runningAsRoot = process.getuid?.() === 0;

/** Waits until `predicate` holds, polling every 10 ms; rejects after `timeoutMs`. */
export async function waitFor(what: string, predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * A namespace `<prefix>-ns` for the tests of one describe block: created before them,
 * disposed after them, and nothing of the prefix may be left. Call inside describe().
 */
export function namespaceForTests(prefix: string): () => LabNamespace {
  let ns: LabNamespace | undefined;
  beforeAll(async () => {
    ns = await LabNamespace.create(`${prefix}-ns`);
  });
  afterAll(async () => {
    await ns?.dispose();
    expect(leftoverNamespaces(prefix)).toEqual([]);
  });
  return () => {
    if (!ns) throw new Error(`the test namespace ${prefix}-ns was not created`);
    return ns;
  };
}
