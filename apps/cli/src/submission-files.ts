/**
 * Reads the learner's source files for `socklab run` / `socklab play` and names them the
 * way the exercise expects: a single file given for a language that takes a single file
 * (main.c, main.py, Main.java, …) is submitted under the expected name, whatever it is
 * called on disk, so `socklab run half-close-echo my_server.c` just works.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Toolchain } from '@socklab/exercise';
import { CliError } from './cli-error';

export interface SubmissionFile {
  name: string;
  content: string;
}

/** Source files larger than this are refused before anything runs. */
export const MAX_SOURCE_BYTES = 1024 * 1024;

export async function readSubmissionFiles(paths: string[], toolchain: Toolchain): Promise<SubmissionFile[]> {
  if (paths.length === 0) throw new CliError('cli/usage', 'give at least one source file');
  const files: SubmissionFile[] = [];
  for (const path of paths) {
    let size: number;
    try {
      const info = await stat(path);
      if (!info.isFile()) throw new CliError('cli/bad-source', `${path} is not a file`);
      size = info.size;
    } catch (error) {
      if (error instanceof CliError) throw error;
      throw new CliError(
        'cli/bad-source',
        `cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? error}`,
      );
    }
    if (size > MAX_SOURCE_BYTES) {
      throw new CliError(
        'cli/source-too-large',
        `${path} is ${size} bytes; source files are limited to ${MAX_SOURCE_BYTES} bytes`,
      );
    }
    files.push({ name: basename(path), content: await readFile(path, 'utf8') });
  }
  if (toolchain.files.length === 1 && files.length === 1) return [{ ...files[0], name: toolchain.files[0] }];
  const missing = toolchain.files.filter((expected) => !files.some((file) => file.name === expected));
  if (missing.length > 0) {
    throw new CliError(
      'cli/missing-source',
      `this exercise expects the files ${toolchain.files.join(', ')}; missing: ${missing.join(', ')}`,
    );
  }
  return files;
}
