import type { SandboxRunSpec } from './types';

/** Mount point of the work dir inside every sandbox. */
export const SANDBOX_WORK_DIR = '/work';

/** The argv actually executed in the sandbox: the program, optionally under `strace -f -o`. */
export function sandboxArgv(spec: SandboxRunSpec): string[] {
  if (!spec.strace) return spec.argv;
  const output = `${SANDBOX_WORK_DIR}/${spec.strace.outputFile}`;
  return ['strace', '-f', '-o', output, ...spec.strace.flags, '--', ...spec.argv];
}

export const SANDBOX_PATH = '/usr/local/bin:/usr/bin:/bin';
