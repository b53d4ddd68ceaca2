import { SandboxError } from './errors';

/**
 * Every resource this library creates is named `sls-<jobId>[-...]` or labelled
 * `socklab.job=<jobId>`; the reaper matches exactly these and nothing broader.
 */
export const RESOURCE_PREFIX = 'sls';
export const JOB_LABEL = 'socklab.job';
export const ROLE_LABEL = 'socklab.role';
export const DRIVER_LABEL = 'socklab.sandbox';

/** Lower-case letters, digits and inner dashes: safe in paths, cgroup, netns and container names. */
const JOB_ID = /^[a-z0-9](?:[a-z0-9-]{0,46}[a-z0-9])?$/;
const ROLE = /^[a-z0-9](?:[a-z0-9-]{0,22}[a-z0-9])?$/;

export function assertJobId(jobId: string): void {
  if (!JOB_ID.test(jobId)) {
    throw new SandboxError(
      'sandbox/invalid-job-id',
      `job id '${jobId}' must be 1-48 characters of [a-z0-9-], starting and ending with a letter or digit`,
    );
  }
}

export function assertRole(role: string): void {
  if (!ROLE.test(role)) {
    throw new SandboxError('sandbox/invalid-spec', `role '${role}' must be 1-24 characters of [a-z0-9-]`);
  }
}

/** `sls-<jobId>`: the job's cgroup, netns, state directory and holder container. */
export function jobResourceName(jobId: string): string {
  return `${RESOURCE_PREFIX}-${jobId}`;
}
