import { isAbsolute, normalize } from 'node:path';
import { SandboxError } from './errors';
import { assertJobId, assertRole } from './naming';
import type { SandboxLimits, SandboxRunSpec } from './types';

const LIMIT_FIELDS: (keyof SandboxLimits)[] = [
  'wallMs',
  'cpuSeconds',
  'memoryBytes',
  'pids',
  'fileSizeBytes',
  'openFiles',
  'outputBytes',
];

/** Rejects specs the drivers cannot enforce faithfully, before anything is created. */
export function validateRunSpec(spec: SandboxRunSpec): void {
  assertJobId(spec.jobId);
  assertRole(spec.role);
  const invalid = (why: string): never => {
    throw new SandboxError('sandbox/invalid-spec', `job ${spec.jobId} role ${spec.role}: ${why}`);
  };
  if (spec.argv.length === 0 || spec.argv[0] === '') invalid('argv must name a program');
  if (!isAbsolute(spec.workDir)) invalid(`workDir '${spec.workDir}' must be an absolute host path`);
  for (const field of LIMIT_FIELDS) {
    const value = spec.limits[field];
    if (!Number.isSafeInteger(value) || value <= 0) invalid(`limits.${field} must be a positive integer`);
  }
  for (const key of Object.keys(spec.env ?? {})) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(key)) invalid(`env name '${key}' is not a valid variable name`);
  }
  if (spec.strace) {
    if (!spec.writable) invalid('strace needs a writable work dir for its output file');
    const file = normalize(spec.strace.outputFile);
    if (isAbsolute(file) || file.startsWith('..'))
      invalid('strace.outputFile must be relative to the work dir');
  }
}
