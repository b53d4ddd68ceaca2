import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';

/**
 * Host resources still named after these runs' labs: network namespaces and tracefs
 * instances (lab job ids are "r<attempt>-<run id without dashes>", apps/runner lab-job-id.ts).
 */
export function labLeftovers(runIds: string[]): string[] {
  const marks = runIds.map((id) => id.replace(/-/g, ''));
  const netns = execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' }).split('\n');
  let instances: string[] = [];
  try {
    instances = readdirSync('/sys/kernel/tracing/instances');
  } catch {
    // no tracefs: nothing of ours there
  }
  return [...netns, ...instances].filter((name) => marks.some((mark) => name.includes(mark)));
}
