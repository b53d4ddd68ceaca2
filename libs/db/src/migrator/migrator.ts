import { randomUUID } from 'node:crypto';
import { Client } from 'pg';

import { DbError } from '../errors';
import { readMigrations, type MigrationFile } from './migration-files';
import { MIGRATIONS_TABLE_DDL, readMigrationRows, type MigrationRow } from './migrations-table';

/**
 * The advisory lock key `prisma migrate` takes (72707369 = "prisma" in its source), so
 * this migrator, `prisma migrate deploy` and concurrent API/runner start-ups exclude
 * each other.
 */
export const MIGRATION_LOCK_KEY = 72707369;

export interface MigrationStatus {
  /** Applied and unchanged, in folder order. */
  readonly applied: string[];
  /** In the folder, not yet applied, in the order migrate() would apply them. */
  readonly pending: string[];
  /** Applied, but migration.sql has changed since: migrate() refuses to run. */
  readonly checksumMismatches: string[];
  /** Started but never finished (a failed `prisma migrate`): migrate() refuses to run. */
  readonly incomplete: string[];
  /** Applied to the database but absent from the folder (e.g. an older build starting). */
  readonly unknownApplied: string[];
}

export interface MigrateOptions {
  /** How long to wait for another process's migration lock. Default 60 s. */
  readonly lockTimeoutMs?: number;
  readonly log?: (message: string) => void;
}

/** Reports how the database stands against the folder; changes nothing. */
export async function status(databaseUrl: string, migrationsDir: string): Promise<MigrationStatus> {
  const files = readMigrations(migrationsDir);
  return withClient(databaseUrl, async (client) => compare(files, await readMigrationRows(client)));
}

/**
 * Applies pending migrations in folder order, each in its own transaction together with
 * its `_prisma_migrations` row, while holding the migration advisory lock. Refuses to
 * start when an applied migration's checksum changed or an earlier migration never
 * finished. Migration SQL must not manage transactions itself (no BEGIN/COMMIT, no
 * CREATE INDEX CONCURRENTLY).
 *
 * @returns the names applied by this call (empty when already up to date).
 */
export async function migrate(databaseUrl: string, migrationsDir: string, options: MigrateOptions = {}): Promise<string[]> {
  const files = readMigrations(migrationsDir);
  const log = options.log ?? (() => undefined);
  return withClient(databaseUrl, async (client) => {
    await acquireLock(client, options.lockTimeoutMs ?? 60_000);
    try {
      await client.query(MIGRATIONS_TABLE_DDL);
      const state = compare(files, await readMigrationRows(client));
      assertCanMigrate(state);
      const applied: string[] = [];
      for (const name of state.pending) {
        const file = files.find((f) => f.name === name)!;
        log(`applying migration ${name}`);
        await applyOne(client, file);
        applied.push(name);
      }
      return applied;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  });
}

function compare(files: MigrationFile[], rows: MigrationRow[]): MigrationStatus {
  const byName = new Map(rows.map((row) => [row.migrationName, row]));
  const names = new Set(files.map((f) => f.name));
  const state = { applied: [] as string[], pending: [] as string[], checksumMismatches: [] as string[], incomplete: [] as string[] };
  for (const file of files) {
    const row = byName.get(file.name);
    if (!row) state.pending.push(file.name);
    else if (!row.finishedAt) state.incomplete.push(file.name);
    else if (row.checksum !== file.checksum) state.checksumMismatches.push(file.name);
    else state.applied.push(file.name);
  }
  const unknown = rows.filter((row) => !names.has(row.migrationName));
  for (const row of unknown) if (!row.finishedAt) state.incomplete.push(row.migrationName);
  return { ...state, unknownApplied: unknown.filter((row) => row.finishedAt).map((row) => row.migrationName) };
}

function assertCanMigrate(state: MigrationStatus): void {
  if (state.checksumMismatches.length > 0) {
    throw new DbError(
      'db/migration-checksum-mismatch',
      `Applied migration(s) ${state.checksumMismatches.join(', ')} were edited after being applied. ` +
        'Restore the original migration.sql and put the change in a new migration.',
      { migrations: state.checksumMismatches },
    );
  }
  if (state.incomplete.length > 0) {
    throw new DbError(
      'db/migration-incomplete',
      `Migration(s) ${state.incomplete.join(', ')} started but never finished (see "_prisma_migrations".logs). ` +
        'Repair the database by hand, then mark the row rolled back (rolled_back_at) or finished.',
      { migrations: state.incomplete },
    );
  }
}

async function applyOne(client: Client, file: MigrationFile): Promise<void> {
  const id = randomUUID();
  await client.query('BEGIN');
  try {
    await client.query(`INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`, [
      id,
      file.checksum,
      file.name,
    ]);
    await client.query(file.sql);
    await client.query(`UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`, [id]);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    const pg = error as { message?: string; position?: string };
    throw new DbError(
      'db/migration-failed',
      `Migration ${file.name} failed and was rolled back: ${pg.message ?? String(error)}` +
        (pg.position ? ` (at character ${pg.position} of migration.sql)` : ''),
      { migration: file.name },
      { cause: error },
    );
  }
}

async function acquireLock(client: Client, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [MIGRATION_LOCK_KEY]);
    if (rows[0]?.locked) return;
    if (Date.now() >= deadline) {
      throw new DbError(
        'db/migration-lock-timeout',
        `Another process has held the migration lock (pg advisory lock ${MIGRATION_LOCK_KEY}) for over ${timeoutMs} ms. ` +
          'Wait for it to finish, or find the holder in pg_locks.',
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function withClient<T>(databaseUrl: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}
