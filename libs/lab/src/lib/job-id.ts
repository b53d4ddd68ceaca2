import { createHash, randomBytes } from 'node:crypto';
import { LabError } from './errors';

/** Room left for the suffixes the engine adds (`-s<scenario>-<host>`) within the sandbox's 48 characters. */
const JOB_ID = /^[a-z0-9](?:[a-z0-9-]{0,38}[a-z0-9])?$/;

export function resolveJobId(jobId: string | undefined): string {
  const id = jobId ?? `lab-${randomBytes(6).toString('hex')}`;
  if (!JOB_ID.test(id)) {
    throw new LabError(
      'lab/invalid-options',
      `job id '${id}' must be 1-40 characters of [a-z0-9-], starting and ending with a letter or digit`,
    );
  }
  return id;
}

/** Six hex characters naming the job where names are short (TAP interfaces: 15 characters). */
export function shortJobHash(jobId: string): string {
  return createHash('sha256').update(jobId).digest('hex').slice(0, 6);
}
