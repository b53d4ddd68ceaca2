import { LabnetError } from '../errors';

/** IFNAMSIZ is 16 including the terminating NUL (linux/if.h). */
export const IFNAMSIZ = 16;

/**
 * Linux accepts interface names of 1..15 bytes without '/', ':' or whitespace and not
 * "." or ".." (net/core/dev.c dev_valid_name). We are stricter: ASCII letters, digits,
 * '-', '_' and '.', so names are also safe as command arguments.
 */
export function assertInterfaceName(name: string): void {
  if (!/^[A-Za-z0-9_.-]{1,15}$/.test(name) || name === '.' || name === '..') {
    throw new LabnetError(
      'labnet/invalid-interface-name',
      `Interface name '${name}' is invalid: use 1-15 characters from [A-Za-z0-9_.-] (IFNAMSIZ is 16 with the NUL).`,
    );
  }
}
