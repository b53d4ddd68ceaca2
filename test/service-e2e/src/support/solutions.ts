/**
 * Submissions made from an exercise's own solutions, with the score each must get: full
 * marks for a reference; for a faulty solution, full marks minus the points of the checks
 * it must fail (the exercise's contract, which its self-test holds it to).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LoadedExercise, SourceTree } from '@socklab/exercise';

export interface Submission {
  language: string;
  files: { name: string; content: string }[];
}

export interface ExpectedSubmission {
  submission: Submission;
  score: number;
  maxScore: number;
}

export function maxScoreOf(exercise: LoadedExercise): number {
  return exercise.spec.checks.reduce((sum, check) => sum + check.points, 0);
}

export async function referenceSubmission(
  exercise: LoadedExercise,
  language: string,
): Promise<ExpectedSubmission> {
  const tree = exercise.reference.find((t) => t.language === language);
  if (!tree) throw new Error(`${exercise.spec.metadata.id} has no ${language} reference solution`);
  const maxScore = maxScoreOf(exercise);
  return { submission: await submissionOf(tree), score: maxScore, maxScore };
}

export async function faultySubmission(exercise: LoadedExercise, name: string): Promise<ExpectedSubmission> {
  const faulty = exercise.faulty.find((f) => f.name === name);
  const tree = faulty?.sources[0];
  if (!faulty || !tree) throw new Error(`${exercise.spec.metadata.id} has no faulty solution ${name}`);
  const lost = exercise.spec.checks
    .filter((check) => faulty.mustFail.includes(check.id))
    .reduce((sum, check) => sum + check.points, 0);
  const maxScore = maxScoreOf(exercise);
  return { submission: await submissionOf(tree), score: maxScore - lost, maxScore };
}

async function submissionOf(tree: SourceTree): Promise<Submission> {
  const files = await Promise.all(
    tree.files.map(async (name) => ({ name, content: await readFile(path.join(tree.dir, name), 'utf8') })),
  );
  return { language: tree.language, files };
}
