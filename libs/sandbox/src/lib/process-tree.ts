import { readdir, readFile } from 'node:fs/promises';

/** Direct children of a process (all threads), from /proc/<pid>/task/<tid>/children. */
export async function childPids(pid: number): Promise<number[]> {
  const tids = await readdir(`/proc/${pid}/task`).catch(() => []);
  const children: number[] = [];
  for (const tid of tids) {
    const text = await readFile(`/proc/${pid}/task/${tid}/children`, 'utf8').catch(() => '');
    for (const child of text.split(' ').filter((entry) => entry.trim() !== '')) children.push(Number(child));
  }
  return children;
}

/** The processes `depth` generations below `pid` (depth 0 is `pid` itself). */
export async function descendantsAt(pid: number, depth: number): Promise<number[]> {
  let generation = [pid];
  for (let level = 0; level < depth; level++) {
    const next: number[] = [];
    for (const parent of generation) next.push(...(await childPids(parent)));
    generation = next;
  }
  return generation;
}

export function signalPid(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}
