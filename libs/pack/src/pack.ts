/**
 * The built-in pack: one exercise folder per id under libs/pack/exercises (the layout of
 * @socklab/exercise's loadExerciseFolder). Every tenant sees these; `socklab run ID` and the
 * runner find them by id. An exercise reference is either a built-in id or a path to an
 * exercise folder (anything containing a "/" or naming an existing directory is a path).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadExerciseFolder, specError, type LoadedExercise, type SpecResult } from '@socklab/exercise';

export const PACK_DIR = resolve(__dirname, '..', 'exercises');

/** Ids of the built-in exercises, sorted. */
export function packExerciseIds(): string[] {
  if (!existsSync(PACK_DIR)) return [];
  return readdirSync(PACK_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(PACK_DIR, entry.name, 'exercise.yaml')))
    .map((entry) => entry.name)
    .sort();
}

/** Loads one built-in exercise; an unknown id is an 'exercise/not-found' error naming the ids there are. */
export async function loadPackExercise(id: string): Promise<SpecResult<LoadedExercise>> {
  const ids = packExerciseIds();
  if (!ids.includes(id)) {
    return {
      ok: false,
      errors: [
        specError(
          'exercise/not-found',
          [],
          `no built-in exercise "${id}"; the pack has: ${ids.join(', ') || '(none)'}`,
        ),
      ],
    };
  }
  return loadExerciseFolder(join(PACK_DIR, id));
}

export interface ResolvedExercise {
  /** 'builtin' when `ref` named a pack exercise, 'folder' when it was a path. */
  source: 'builtin' | 'folder';
  exercise: LoadedExercise;
}

/** A built-in id or a path to an exercise folder, loaded and validated. */
export async function resolveExercise(ref: string): Promise<SpecResult<ResolvedExercise>> {
  const isPath = ref.includes('/') || ref.startsWith('.') || isDirectory(ref);
  const loaded = isPath ? await loadExerciseFolder(resolve(ref)) : await loadPackExercise(ref);
  if (!loaded.ok) return loaded;
  return { ok: true, value: { source: isPath ? 'folder' : 'builtin', exercise: loaded.value } };
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
