import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ExerciseRepo,
  type BuiltinExercise,
  type PrismaClient,
  type StarterFileSet,
  type TenantScope,
} from '@socklab/db';
import { formatSpecError, type LoadedExercise } from '@socklab/exercise';
import { loadPackExercise, packExerciseIds } from '@socklab/pack';

export interface BuiltinPack {
  exercises: BuiltinExercise[];
  /**
   * What was left out: folders that do not load (every other exercise is installed) and
   * starter files that are not text.
   */
  problems: { id: string; message: string }[];
}

let loaded: Promise<BuiltinPack> | undefined;

/**
 * The built-in pack (@socklab/pack) as installable exercises: spec, statement and the
 * starter files of every language, read once per process. An exercise folder that does
 * not validate is reported in `problems` and skipped, so one broken folder never keeps
 * the others from tenants.
 */
export function loadBuiltinPack(): Promise<BuiltinPack> {
  loaded ??= readPack().catch((error: unknown) => {
    loaded = undefined;
    throw error;
  });
  return loaded;
}

async function readPack(): Promise<BuiltinPack> {
  const pack: BuiltinPack = { exercises: [], problems: [] };
  for (const id of packExerciseIds()) {
    const result = await loadPackExercise(id);
    const report = (message: string) => pack.problems.push({ id, message });
    if (result.ok) pack.exercises.push(await toBuiltin(id, result.value, report));
    else report(result.errors.map((e) => formatSpecError(e)).join('; '));
  }
  return pack;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The file as text, or null when it is not text (invalid UTF-8 or NUL bytes, e.g. a stray .pyc). */
async function readText(path: string): Promise<string | null> {
  try {
    const text = utf8.decode(await readFile(path));
    return text.includes('\0') ? null : text;
  } catch {
    return null;
  }
}

export async function toBuiltin(
  id: string,
  exercise: LoadedExercise,
  report: (message: string) => void,
): Promise<BuiltinExercise> {
  const starters: StarterFileSet[] = [];
  for (const tree of [...exercise.starter].sort((a, b) => a.language.localeCompare(b.language))) {
    const files: StarterFileSet['files'] = [];
    for (const name of tree.files) {
      const content = await readText(join(tree.dir, ...name.split('/')));
      if (content === null) report(`starter/${tree.language}/${name} is not a text file; it is left out`);
      else files.push({ name, content });
    }
    starters.push({ language: tree.language, files });
  }
  return {
    slug: id,
    title: exercise.spec.metadata.title,
    spec: JSON.parse(JSON.stringify(exercise.spec)),
    statement: exercise.statement,
    starters,
  };
}

/**
 * Installs every exercise of the pack into one tenant; idempotent (an unchanged exercise
 * keeps its version, a changed one gets the next). @returns the slugs installed.
 */
export async function installBuiltinPack(
  prisma: PrismaClient,
  scope: TenantScope,
  pack: BuiltinPack,
): Promise<string[]> {
  const repo = new ExerciseRepo(prisma);
  for (const exercise of pack.exercises) await repo.installBuiltin(scope, exercise);
  return pack.exercises.map((e) => e.slug);
}
