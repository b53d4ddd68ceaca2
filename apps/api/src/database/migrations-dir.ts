import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The workspace's prisma/migrations: the configured folder, or the first `prisma/migrations`
 * found walking up from the working directory and then from this file (source tree, dist
 * build and container image all keep it at the workspace root).
 */
export function resolveMigrationsDir(
  configured?: string,
  starts: string[] = [process.cwd(), __dirname],
): string {
  if (configured) return path.resolve(configured);
  for (const start of starts) {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'prisma', 'migrations');
      if (existsSync(candidate)) return candidate;
      if (path.dirname(dir) === dir) break;
    }
  }
  throw new Error('prisma/migrations not found above the working directory; set SOCKLAB_MIGRATIONS_DIR');
}
