import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { PACK_DIR } from '@socklab/pack';

/** Every file of a built-in exercise folder, as `{ path, content }` ('/'-separated, sorted). */
export function packFolderFiles(id: string): { path: string; content: string }[] {
  const root = join(PACK_DIR, id);
  const files: { path: string; content: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile()) files.push({ path: relative(root, path).split(sep).join('/'), content: readFileSync(path, 'utf8') });
    }
  };
  walk(root);
  return files.sort((a, b) => a.path.localeCompare(b.path));
}

/** The folder with metadata.id renamed, so a tenant may own it (the built-in keeps its id). */
export function renamedFolder(id: string, newId: string): { path: string; content: string }[] {
  return packFolderFiles(id).map((file) =>
    file.path === 'exercise.yaml'
      ? { ...file, content: file.content.replace(new RegExp(`^(\\s*id:\\s*)${id}\\s*$`, 'm'), `$1${newId}`) }
      : file,
  );
}
