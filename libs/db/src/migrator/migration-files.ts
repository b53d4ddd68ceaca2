import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { DbError } from '../errors';

/** One `<name>/migration.sql` folder of Prisma's migrations layout. */
export interface MigrationFile {
  /** Folder name, e.g. "20261121100000_init"; folders apply in name order. */
  readonly name: string;
  readonly sql: string;
  /** Hex sha256 of migration.sql's bytes: the value Prisma stores in `checksum`. */
  readonly checksum: string;
}

export function checksumOf(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Reads a Prisma migrations folder: `migration_lock.toml` naming provider "postgresql"
 * and one sub-folder per migration holding `migration.sql`.
 */
export function readMigrations(migrationsDir: string): MigrationFile[] {
  const lockFile = path.join(migrationsDir, 'migration_lock.toml');
  if (!existsSync(lockFile)) {
    throw new DbError('db/migrations-dir-invalid', `${migrationsDir} has no migration_lock.toml; is it a Prisma migrations folder?`);
  }
  const provider = /^\s*provider\s*=\s*"([^"]+)"/m.exec(readFileSync(lockFile, 'utf8'))?.[1];
  if (provider !== 'postgresql') {
    throw new DbError('db/migrations-dir-invalid', `${lockFile} names provider "${provider ?? '(none)'}"; this migrator only applies "postgresql" migrations.`);
  }

  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const file = path.join(migrationsDir, name, 'migration.sql');
      if (!existsSync(file)) {
        throw new DbError('db/migrations-dir-invalid', `Migration folder ${name} has no migration.sql.`, { migration: name });
      }
      const bytes = readFileSync(file);
      return { name, sql: bytes.toString('utf8'), checksum: checksumOf(bytes) };
    });
}
