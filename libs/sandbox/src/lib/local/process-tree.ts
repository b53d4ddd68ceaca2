import { readFile } from 'node:fs/promises';

/** Direct children of a process (all threads), from /proc/<pid>/task/<tid>/children. */
export async function childPids(pid: number): Promise<number[]> {
  const tids = await import('node:fs/promises').then((fs) => fs.readdir(`/proc/${pid}/task`).catch(() => []));
  const children: number[] = [];
  for (const tid of tids) {
    const text = await readFile(`/proc/${pid}/task/${tid}/children`, 'utf8').catch(() => '');
    for (const child of text.split(' ').filter((entry) => entry.trim() !== '')) children.push(Number(child));
  }
  return children;
}

export function signalPid(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(pid, signal);
    return true;
  } catch {
    return false;
  }
}
