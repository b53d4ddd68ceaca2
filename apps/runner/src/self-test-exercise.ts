import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

import type { StarterFileSet, StoredSolutions } from '@socklab/db';
import type { Language, LoadedExercise, SourceTree } from '@socklab/exercise';

import { storedSpec } from './lab-binding';

/**
 * A stored exercise version as @socklab/lab's selfTestExercise takes it: the version's
 * solutions written back into the folder layout under `dir`
 * (solutions/reference/<lang>/…, solutions/faulty/<name>/<lang>/…), and its stored spec
 * (the schema's output, expectations merged, taken as it is — see lab-binding.ts).
 * Paths were checked when the folder was uploaded; a stored path that would still leave
 * `dir` is refused all the same ('self-test/invalid-solutions').
 */
export async function materializeExercise(
  dir: string,
  version: { spec: unknown; statement: string; solutions: StoredSolutions },
): Promise<LoadedExercise> {
  const write = async (folder: string, set: StarterFileSet): Promise<SourceTree> => {
    const root = path.join(dir, folder, set.language);
    for (const file of set.files) {
      const target = path.resolve(root, ...file.name.split('/'));
      if (!target.startsWith(root + path.sep)) {
        throw Object.assign(
          new Error(`a stored solution file "${folder}/${set.language}/${file.name}" leaves its folder`),
          {
            code: 'self-test/invalid-solutions',
          },
        );
      }
      await mkdir(path.dirname(target), { recursive: true });
      await writeFile(target, file.content);
    }
    return { language: set.language as Language, dir: root, files: set.files.map((f) => f.name).sort() };
  };
  const reference: SourceTree[] = [];
  for (const set of version.solutions.reference) reference.push(await write('solutions/reference', set));
  const faulty: LoadedExercise['faulty'] = [];
  for (const solution of version.solutions.faulty) {
    const sources: SourceTree[] = [];
    for (const set of solution.sources) sources.push(await write(`solutions/faulty/${solution.name}`, set));
    faulty.push({
      name: solution.name,
      description: solution.description,
      mustFail: solution.mustFail,
      sources,
    });
  }
  return {
    dir,
    spec: storedSpec(version.spec),
    statement: version.statement,
    starter: [],
    reference,
    faulty,
  };
}
