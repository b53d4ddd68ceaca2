import type { Language } from '@socklab/contracts';
import { DEFAULT_TOOLCHAINS } from '@socklab/exercise/schema';
import type { ExerciseDetail, ExerciseFile } from '../api/types';

/** The files the exercise expects in `language`: its toolchain's, else the language's default. */
export function expectedFiles(exercise: Pick<ExerciseDetail, 'spec'>, language: Language): string[] {
  const toolchain = exercise.spec.languages?.[language] as { files?: unknown } | undefined;
  const files = toolchain?.files;
  return Array.isArray(files) && files.every((f) => typeof f === 'string') && files.length > 0
    ? (files as string[])
    : [...DEFAULT_TOOLCHAINS[language].files];
}

/**
 * What the editor starts with: the learner's draft if any, else the exercise's starter
 * files, else each expected file empty. The expected files always come first, in order.
 */
export function initialFiles(
  exercise: Pick<ExerciseDetail, 'spec' | 'starters'>,
  language: Language,
  draft: ExerciseFile[] | null,
): ExerciseFile[] {
  if (draft && draft.length > 0) return draft;
  const starter = exercise.starters?.find((set) => set.language === language)?.files ?? [];
  const expected = expectedFiles(exercise, language);
  const byName = new Map(starter.map((f) => [f.name, f.content]));
  return [
    ...expected.map((name) => ({ name, content: byName.get(name) ?? '' })),
    ...starter.filter((f) => !expected.includes(f.name)),
  ];
}

/** The languages offered, in the exercise's order. */
export function offeredLanguages(exercise: Pick<ExerciseDetail, 'spec' | 'languages'>): Language[] {
  const names = exercise.languages.length > 0 ? exercise.languages : Object.keys(exercise.spec.languages ?? {});
  return names.filter((l): l is Language => l in DEFAULT_TOOLCHAINS);
}
