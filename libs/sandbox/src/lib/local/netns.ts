import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { promisify } from 'node:util';
import { SandboxError } from '../errors';

const run = promisify(execFile);
const NETNS_DIR = '/run/netns';

/** A netns given by name lives under /run/netns (iproute2's convention); a path is used as is. */
export function netnsPath(nameOrPath: string): string {
  return nameOrPath.includes('/') ? nameOrPath : `${NETNS_DIR}/${nameOrPath}`;
}

/** Creates a named netns with only a (down) loopback interface, then brings loopback up. */
export async function createNetns(name: string): Promise<string> {
  try {
    if (!existsSync(netnsPath(name))) await run('ip', ['netns', 'add', name]);
    await run('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
  } catch (error) {
    throw new SandboxError(
      'sandbox/netns-failed',
      `cannot create network namespace ${name}: ${String(error)}`,
      {
        cause: error,
      },
    );
  }
  return netnsPath(name);
}

export async function deleteNetns(name: string): Promise<boolean> {
  if (!existsSync(netnsPath(name))) return false;
  await run('ip', ['netns', 'delete', name]);
  return true;
}
