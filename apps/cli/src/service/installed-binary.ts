import { accessSync, constants, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Where an installed program is: the first executable `name` on PATH, then in
 * `extraDirs` (e.g. Debian's /usr/lib/postgresql/<version>/bin, newest first).
 */
export function findBinary(name: string, extraDirs: string[] = []): string | null {
  const dirs = [...(process.env['PATH'] ?? '').split(':').filter(Boolean), ...extraDirs];
  for (const dir of dirs) {
    const candidate = path.join(dir, name);
    try {
      accessSync(candidate, constants.X_OK);
      return candidate;
    } catch {
      // not here
    }
  }
  return null;
}

/** Debian's PostgreSQL binary folders, newest major version first. */
export function debianPostgresBinDirs(root = '/usr/lib/postgresql'): string[] {
  try {
    return readdirSync(root)
      .filter((version) => /^\d+$/.test(version))
      .sort((a, b) => Number(b) - Number(a))
      .map((version) => path.join(root, version, 'bin'));
  } catch {
    return [];
  }
}

/** uid and gid of a local account, from /etc/passwd; null when there is none. */
export function systemAccount(name: string, passwd = '/etc/passwd'): { uid: number; gid: number } | null {
  try {
    for (const line of readFileSync(passwd, 'utf8').split('\n')) {
      const [user, , uid, gid] = line.split(':');
      if (user === name && uid !== undefined && gid !== undefined)
        return { uid: Number(uid), gid: Number(gid) };
    }
  } catch {
    // no passwd file
  }
  return null;
}
