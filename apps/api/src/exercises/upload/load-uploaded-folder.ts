import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';
import type { StarterFileSet, StoredSolutions } from '@socklab/db';
import { formatSpecError, loadExerciseFolder, type ExerciseSpec, type SourceTree, type SpecError } from '@socklab/exercise';
import { AppError } from '../../errors/app-error';
import type { FolderFile } from './uploaded-folder';

/** A validated exercise folder, as a new exercise version stores it. */
export interface UploadedExercise {
  /** With the faulty solutions' expectations (expect.yaml) merged in. */
  spec: ExerciseSpec;
  statement: string;
  starters: StarterFileSet[];
  solutions: StoredSolutions;
}

/** One problem of an uploaded folder, as the 422 `exercise/invalid-folder` details list it. */
export interface FolderProblem {
  code: string;
  /** Relative to the folder. */
  file: string;
  /** JSON path inside `file` ('' for the file as a whole). */
  path: string;
  message: string;
  line?: number;
  column?: number;
}

/** Files the version stores; each must be text (UTF-8, no NUL). */
const STORED = (path: string) =>
  path === 'exercise.yaml' || path === 'statement.md' || path.startsWith('starter/') || path.startsWith('solutions/');

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Validates an uploaded folder exactly as `loadExerciseFolder` validates a folder on
 * disk (it is written to a private temporary directory, removed afterwards), plus: every
 * stored file must be text. Throws 422 `exercise/invalid-folder` with every problem
 * (file, JSON path, line and column where known); returns the complete exercise
 * otherwise. Files outside exercise.yaml, statement.md, starter/ and solutions/ are
 * accepted and not stored (a README, a Makefile).
 */
export async function loadUploadedFolder(files: FolderFile[]): Promise<UploadedExercise> {
  const text = new Map<string, string>();
  const problems: FolderProblem[] = [];
  for (const file of files) {
    if (!STORED(file.path)) continue;
    const content = asText(file.content);
    if (content === null) {
      problems.push({
        code: 'exercise/binary-file',
        file: file.path,
        path: '',
        message: `${file.path} is not a text file (UTF-8 without NUL bytes); remove it, or build outputs such as .o, .class or .pyc`,
      });
    } else text.set(file.path, content);
  }
  const root = await mkdtemp(join(tmpdir(), 'socklab-upload-'));
  try {
    for (const file of files) {
      const target = join(root, ...file.path.split('/'));
      await mkdir(dirname(target), { recursive: true });
      await writeFile(target, file.content, { flag: 'wx' });
    }
    const loaded = await loadExerciseFolder(root);
    if (!loaded.ok) problems.unshift(...loaded.errors.map((error) => toProblem(error, root)));
    if (!loaded.ok || problems.length > 0) throw invalidFolder(problems);
    const exercise = loaded.value;
    const tree = (source: SourceTree): StarterFileSet => {
      const folder = relative(root, source.dir).split(sep).join('/');
      return { language: source.language, files: source.files.map((name) => ({ name, content: text.get(`${folder}/${name}`)! })) };
    };
    return {
      spec: JSON.parse(JSON.stringify(exercise.spec)) as ExerciseSpec,
      statement: exercise.statement,
      starters: exercise.starter.map(tree),
      solutions: {
        reference: exercise.reference.map(tree),
        faulty: exercise.faulty.map((faulty) => ({
          name: faulty.name,
          description: faulty.description ?? '',
          mustFail: [...faulty.mustFail],
          sources: faulty.sources.map(tree),
        })),
      },
    };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

function asText(content: Buffer): string | null {
  try {
    const text = utf8.decode(content);
    return text.includes('\0') ? null : text;
  } catch {
    return null;
  }
}

function toProblem(error: SpecError, root: string): FolderProblem {
  const file = error.file ?? 'exercise.yaml';
  const message =
    error.code === 'exercise/missing-file' && file === 'exercise.yaml'
      ? 'the upload has no exercise.yaml at its root (nor inside a single top-level folder)'
      : error.message.split(root).join('.');
  const problem: FolderProblem = { code: error.code, file, path: error.path, message };
  if (error.line !== undefined) {
    problem.line = error.line;
    problem.column = error.column ?? 1;
  }
  return problem;
}

function invalidFolder(problems: FolderProblem[]): AppError {
  const first = problems[0];
  const where = formatSpecError({ ...first, pointer: [], code: first.code as SpecError['code'] });
  const rest = problems.length - 1;
  return AppError.invalid(
    'exercise/invalid-folder',
    `${where}${rest > 0 ? ` (and ${rest} more problem${rest === 1 ? '' : 's'})` : ''}. Nothing was stored.`,
    problems,
  );
}
