import type { ExerciseFolderFile } from '../api/types';

/**
 * An exercise folder as the browser picks it (a directory input gives each file's path
 * under the chosen folder, itself included: "greeting/starter/c/main.c"): the paths
 * relative to the folder that holds exercise.yaml, hidden files (.git/, .DS_Store) left
 * out. Pure.
 */
export type PickedFolder =
  | { ok: true; name: string; exerciseYaml: string; files: ExerciseFolderFile[] }
  | { ok: false; message: string };

export function pickedFolder(picked: { path: string; content: string }[]): PickedFolder {
  const visible = picked
    .map((file) => ({ segments: file.path.split('/').filter((s) => s !== ''), content: file.content }))
    .filter((file) => file.segments.length > 0 && !file.segments.some((s) => s.startsWith('.')));
  const yamlAt = visible
    .filter((file) => file.segments.at(-1) === 'exercise.yaml')
    .sort((a, b) => a.segments.length - b.segments.length)[0];
  if (!yamlAt) return { ok: false, message: 'The folder holds no exercise.yaml.' };
  const base = yamlAt.segments.slice(0, -1);
  const inBase = (segments: string[]) => base.every((s, i) => segments[i] === s);
  const files = visible
    .filter((file) => file.segments.length > base.length && inBase(file.segments))
    .map((file) => ({ path: file.segments.slice(base.length).join('/'), content: file.content }))
    .filter((file) => file.path !== 'exercise.yaml')
    .sort((a, b) => a.path.localeCompare(b.path));
  return { ok: true, name: base.at(-1) ?? 'folder', exerciseYaml: yamlAt.content, files };
}
