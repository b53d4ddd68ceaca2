import path from 'node:path';
import { CliError } from './cli-error';

export type Language = 'c' | 'cpp' | 'python' | 'java';

const BY_EXTENSION: Record<string, Language> = {
  '.c': 'c',
  '.cc': 'cpp',
  '.cpp': 'cpp',
  '.cxx': 'cpp',
  '.py': 'python',
  '.java': 'java',
};

/** The language of a submission: `--lang` when given, else the one its files' extensions agree on. */
export function detectLanguage(files: string[], explicit?: string): Language {
  if (explicit !== undefined) {
    if (!['c', 'cpp', 'python', 'java'].includes(explicit)) {
      throw new CliError('cli/unknown-language', `--lang ${explicit}: choose one of c, cpp, python, java`);
    }
    return explicit as Language;
  }
  const found = new Set(files.map((file) => BY_EXTENSION[path.extname(file).toLowerCase()]).filter(Boolean));
  if (found.size === 1) return [...found][0] as Language;
  if (found.size === 0) {
    throw new CliError(
      'cli/unknown-language',
      `cannot tell the language of ${files.join(', ')} from the file names; add --lang c|cpp|python|java`,
    );
  }
  throw new CliError('cli/mixed-languages', `the files mix languages (${[...found].join(', ')}); add --lang`);
}
