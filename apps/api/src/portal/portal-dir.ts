import { existsSync } from 'node:fs';
import path from 'node:path';

/** Where `nx build portal` (Vite) writes the portal, relative to the workspace root. */
export const PORTAL_BUILD_DIR = path.join('dist', 'apps', 'portal');

/**
 * The portal's static build to serve: the configured folder (SOCKLAB_PORTAL_DIR), else
 * the first dist/apps/portal holding an index.html found walking up from the working
 * directory and then from this file. Null when there is none: the API then serves the
 * API only (the portal may be served elsewhere, or not built yet).
 */
export function resolvePortalDir(configured?: string, starts: string[] = [process.cwd(), __dirname]): string | null {
  if (configured) return path.resolve(configured);
  for (const start of starts) {
    for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, PORTAL_BUILD_DIR);
      if (existsSync(path.join(candidate, 'index.html'))) return candidate;
      if (path.dirname(dir) === dir) break;
    }
  }
  return null;
}
