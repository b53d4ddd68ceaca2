/** Small file-system helpers for the loader: absence is a value, not an exception. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';

export async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

export async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

/** Names of the subdirectories and files directly inside `dir` ([] when it does not exist). */
export async function listEntries(dir: string): Promise<Array<{ name: string; directory: boolean }>> {
  if (!(await isDirectory(dir))) return [];
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .map((entry) => ({ name: entry.name, directory: entry.isDirectory() }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/** Every regular file under `dir`, as sorted '/'-separated paths relative to it. */
export async function listFilesRecursively(dir: string): Promise<string[]> {
  const files: string[] = [];
  const walk = async (current: string): Promise<void> => {
    for (const entry of await readdir(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.isFile()) files.push(relative(dir, path).split(sep).join('/'));
    }
  };
  if (await isDirectory(dir)) await walk(dir);
  return files.sort();
}
