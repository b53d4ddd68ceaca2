/**
 * The job's work directory: the submission's files and the build's products, mounted at
 * /work in the build's sandbox; each scenario's programs get a copy of it (their strace
 * logs go there). Owned by the sandbox uid, so builds and strace can write into it.
 */
import { execFile } from 'node:child_process';
import { chown, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

const execFileAsync = promisify(execFile);

export const SANDBOX_UID = 65534;

export interface SubmissionFile {
  name: string;
  content: string;
}

/** A relative path of plain segments: no absolute path, no '..', no empty or hidden tricks. */
const SAFE_NAME = /^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9_./-]{1,200}$/;

/**
 * Problems with the submitted files, in words for the learner (a graded build failure,
 * not an infrastructure error): unsafe names, duplicates, files the toolchain expects but
 * that were not submitted.
 */
export function submissionProblems(files: readonly SubmissionFile[], expected: readonly string[]): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const file of files) {
    if (!SAFE_NAME.test(file.name) || file.name.includes('//') || file.name.endsWith('/')) {
      problems.push(
        `file name '${file.name}' is not allowed: use a relative path without '..' (letters, digits, '_', '-', '.', '/')`,
      );
    } else if (seen.has(file.name)) {
      problems.push(`file '${file.name}' was submitted twice`);
    }
    seen.add(file.name);
  }
  for (const name of expected) {
    if (!seen.has(name))
      problems.push(`missing file '${name}': this exercise expects ${expected.join(', ')}`);
  }
  return problems;
}

export async function writeWorkspace(dir: string, files: readonly SubmissionFile[]): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o755 });
  await chown(dir, SANDBOX_UID, SANDBOX_UID);
  for (const file of files) {
    const path = join(dir, file.name);
    const segments = file.name.split('/').slice(0, -1);
    for (let depth = 1; depth <= segments.length; depth++) {
      const parent = join(dir, ...segments.slice(0, depth));
      await mkdir(parent, { recursive: true });
      await chown(parent, SANDBOX_UID, SANDBOX_UID);
    }
    await writeFile(path, file.content, { mode: 0o644 });
    await chown(path, SANDBOX_UID, SANDBOX_UID);
  }
}

/**
 * A copy of the built workspace as one scenario's /work: owners, modes and symbolic links
 * kept as they are (`cp -a`; a link the build made is copied as a link, never followed).
 */
export async function copyWorkspace(from: string, to: string): Promise<void> {
  await execFileAsync('cp', ['-a', '--no-target-directory', '--', from, to]);
}
