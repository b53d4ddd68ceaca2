/**
 * Loads an exercise folder:
 *
 *   exercise.yaml                         the spec
 *   statement.md                          what the learner reads
 *   starter/<lang>/…                      starting files, for every declared language
 *   solutions/reference/<lang>/…          full-marks solutions (at least one language)
 *   solutions/faulty/<name>/<lang>/…      solutions that must lose points; which checks they
 *   solutions/faulty/<name>/expect.yaml   must fail is in the spec's faultySolutions or here
 *
 * Returns the complete exercise or every problem found; never a partial result.
 */
import { join } from 'node:path';
import { parseDocument } from 'yaml';
import { fromZodIssues, specError, type SpecError, type SpecResult } from '../schema/errors';
import {
  faultySolutionExpectationSchema,
  type ExerciseSpec,
  type FaultySolutionExpectation,
} from '../schema/exercise';
import { parseExerciseSpec } from '../schema/parse';
import { didYouMean } from '../schema/suggest';
import { LANGUAGES, type Language } from '../schema/vocabulary';
import { isDirectory, listEntries, listFilesRecursively, readTextIfExists } from './folder-files';

export interface SourceTree {
  language: Language;
  /** Absolute directory. */
  dir: string;
  /** Files relative to `dir`, '/'-separated, sorted. */
  files: string[];
}

export interface FaultySolution extends FaultySolutionExpectation {
  name: string;
  sources: SourceTree[];
}

export interface LoadedExercise {
  dir: string;
  /** The spec, with expectations from expect.yaml files merged into faultySolutions. */
  spec: ExerciseSpec;
  statement: string;
  starter: SourceTree[];
  reference: SourceTree[];
  faulty: FaultySolution[];
}

const inFile = (file: string, error: SpecError): SpecError => ({ ...error, file });
const fileError = (code: SpecError['code'], file: string, message: string) =>
  inFile(file, specError(code, [], message));

export async function loadExerciseFolder(dir: string): Promise<SpecResult<LoadedExercise>> {
  const specText = await readTextIfExists(join(dir, 'exercise.yaml'));
  if (specText === undefined) {
    return {
      ok: false,
      errors: [fileError('exercise/missing-file', 'exercise.yaml', `no exercise.yaml in ${dir}`)],
    };
  }
  const parsed = parseExerciseSpec(specText);
  if (!parsed.ok) return { ok: false, errors: parsed.errors.map((error) => inFile('exercise.yaml', error)) };
  const spec = parsed.value;
  const errors: SpecError[] = [];

  const statement = await readTextIfExists(join(dir, 'statement.md'));
  if (statement === undefined || statement.trim() === '') {
    errors.push(
      fileError(
        'exercise/missing-file',
        'statement.md',
        'statement.md is missing or empty: the learner needs a statement',
      ),
    );
  }

  const starter = await loadSourceTrees(dir, 'starter', spec, errors);
  for (const language of declaredLanguages(spec)) {
    if (!starter.some((tree) => tree.language === language)) {
      errors.push(
        fileError(
          'exercise/missing-file',
          `starter/${language}`,
          `no starter for declared language ${language}`,
        ),
      );
    }
  }
  const reference = await loadSourceTrees(dir, 'solutions/reference', spec, errors);
  if (reference.length === 0) {
    errors.push(
      fileError(
        'exercise/missing-file',
        'solutions/reference',
        'at least one reference solution is required (solutions/reference/<lang>/)',
      ),
    );
  }
  const faulty = await loadFaultySolutions(dir, spec, errors);

  if (errors.length > 0) return { ok: false, errors };
  const faultySolutions = Object.fromEntries(
    faulty.map(({ name, description, mustFail }) => [name, { description, mustFail }]),
  );
  return {
    ok: true,
    value: {
      dir,
      spec: { ...spec, faultySolutions },
      statement: statement as string,
      starter,
      reference,
      faulty,
    },
  };
}

function declaredLanguages(spec: ExerciseSpec): Language[] {
  return LANGUAGES.filter((language) => spec.languages[language] !== undefined);
}

/** `<root>/<lang>/…` for each language folder; each must be declared and hold the submission files. */
async function loadSourceTrees(
  dir: string,
  root: string,
  spec: ExerciseSpec,
  errors: SpecError[],
): Promise<SourceTree[]> {
  const trees: SourceTree[] = [];
  const declared = declaredLanguages(spec);
  for (const entry of await listEntries(join(dir, root))) {
    const where = `${root}/${entry.name}`;
    if (entry.name === 'expect.yaml') continue;
    const language = declared.find((candidate) => candidate === entry.name);
    if (!entry.directory || language === undefined) {
      errors.push(
        fileError(
          'exercise/unexpected-file',
          where,
          `"${entry.name}" is not a declared language folder${didYouMean(entry.name, declared) || ` (declared: ${declared.join(', ')})`}`,
        ),
      );
      continue;
    }
    const tree: SourceTree = {
      language,
      dir: join(dir, where),
      files: await listFilesRecursively(join(dir, where)),
    };
    for (const file of spec.languages[language]?.files ?? []) {
      if (!tree.files.includes(file)) {
        errors.push(
          fileError(
            'exercise/missing-file',
            `${where}/${file}`,
            `${where} lacks the submission file ${file} (languages.${language}.files)`,
          ),
        );
      }
    }
    trees.push(tree);
  }
  return trees;
}

async function loadFaultySolutions(
  dir: string,
  spec: ExerciseSpec,
  errors: SpecError[],
): Promise<FaultySolution[]> {
  const root = 'solutions/faulty';
  const solutions: FaultySolution[] = [];
  const folders = (await listEntries(join(dir, root)))
    .filter((entry) => entry.directory)
    .map((entry) => entry.name);
  const checkIds = spec.checks.map((check) => check.id);

  for (const name of Object.keys(spec.faultySolutions)) {
    if (!folders.includes(name)) {
      errors.push(
        inFile(
          'exercise.yaml',
          specError(
            'exercise/missing-file',
            ['faultySolutions', name],
            `no folder ${root}/${name}${didYouMean(name, folders)}`,
          ),
        ),
      );
    }
  }

  for (const name of folders) {
    const where = `${root}/${name}`;
    const expectation = await readExpectation(
      join(dir, where, 'expect.yaml'),
      `${where}/expect.yaml`,
      checkIds,
      errors,
    );
    if (expectation === null) continue;
    const declared = spec.faultySolutions[name];
    if (expectation !== undefined && declared !== undefined) {
      errors.push(
        fileError(
          'exercise/invalid-spec',
          `${where}/expect.yaml`,
          `faulty solution "${name}" is also described in exercise.yaml faultySolutions; keep one`,
        ),
      );
      continue;
    }
    const resolved = expectation ?? declared;
    if (resolved === undefined) {
      errors.push(
        fileError(
          'exercise/missing-file',
          where,
          `faulty solution "${name}" says nowhere which checks it must fail: add ${where}/expect.yaml or faultySolutions.${name} in exercise.yaml`,
        ),
      );
      continue;
    }
    const sources = await loadSourceTrees(dir, where, spec, errors);
    if (sources.length === 0 && (await isDirectory(join(dir, where)))) {
      errors.push(
        fileError('exercise/missing-file', where, `faulty solution "${name}" has no <lang>/ folder`),
      );
    }
    solutions.push({ name, ...resolved, sources });
  }
  return solutions;
}

/** undefined: no expect.yaml; null: present but invalid (errors recorded). */
async function readExpectation(
  path: string,
  file: string,
  checkIds: readonly string[],
  errors: SpecError[],
): Promise<FaultySolutionExpectation | null | undefined> {
  const text = await readTextIfExists(path);
  if (text === undefined) return undefined;
  const document = parseDocument(text, { uniqueKeys: true });
  if (document.errors.length > 0) {
    errors.push(
      ...document.errors.map((error) =>
        fileError('exercise/yaml-syntax', file, error.message.split('\n')[0]),
      ),
    );
    return null;
  }
  const parsed = faultySolutionExpectationSchema.safeParse(document.toJS(), { reportInput: true });
  if (!parsed.success) {
    errors.push(...fromZodIssues(parsed.error.issues).map((error) => inFile(file, error)));
    return null;
  }
  let valid = true;
  parsed.data.mustFail.forEach((id, index) => {
    if (checkIds.includes(id)) return;
    valid = false;
    errors.push(
      inFile(
        file,
        specError(
          'exercise/unknown-reference',
          ['mustFail', index],
          `unknown check "${id}"${didYouMean(id, checkIds)}`,
        ),
      ),
    );
  });
  return valid ? parsed.data : null;
}
