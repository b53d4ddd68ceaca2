import { execFile } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { WORKSPACE } from './paths';

/**
 * Builds the portal with Vite into a folder of its own (the API then serves it, as in
 * production), so the test never depends on — nor overwrites — dist/apps/portal.
 */
export async function buildPortal(): Promise<string> {
  const outDir = await mkdtemp(path.join(tmpdir(), 'socklab-portal-e2e-'));
  await promisify(execFile)(
    path.join(WORKSPACE, 'node_modules/.bin/vite'),
    ['build', '--config', 'apps/portal/vite.config.mts', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'],
    // Jest sets NODE_ENV=test, which would make Vite bundle React's development build.
    { cwd: WORKSPACE, maxBuffer: 16 * 1024 * 1024, env: { ...process.env, NODE_ENV: 'production' } },
  );
  return outDir;
}
