import type { ExerciseFile } from '../api/types';

/**
 * Unsubmitted code, kept in localStorage per user, exercise and language, so leaving the
 * page (or the browser) loses nothing. Drafts are the learner's own: the key names the
 * user, and signing in as someone else shows their drafts, not these.
 */
export interface DraftKey {
  userId: string;
  exerciseId: string;
  language: string;
}

const keyOf = (k: DraftKey) => `socklab.draft.${k.userId}.${k.exerciseId}.${k.language}`;

export function readDraft(storage: Storage, key: DraftKey): ExerciseFile[] | null {
  try {
    const value: unknown = JSON.parse(storage.getItem(keyOf(key)) ?? 'null');
    if (!Array.isArray(value)) return null;
    const files = value.filter(
      (f): f is ExerciseFile => typeof f?.name === 'string' && typeof f?.content === 'string',
    );
    return files.length === value.length ? files : null;
  } catch {
    return null;
  }
}

export function writeDraft(storage: Storage, key: DraftKey, files: readonly ExerciseFile[]): void {
  try {
    storage.setItem(keyOf(key), JSON.stringify(files));
  } catch {
    // Storage full or disabled: the draft lives only in the page.
  }
}

export function clearDraft(storage: Storage, key: DraftKey): void {
  storage.removeItem(keyOf(key));
}
