/**
 * The service's database, made ready for use: created when the server has no database of
 * that name yet, then migrated with the repository's prisma/migrations (the same migrator
 * and advisory lock the API uses at boot, so concurrent start-ups exclude each other).
 */
import path from 'node:path';
import { migrate } from '@socklab/db';
import { Client } from 'pg';
import { CliError, EXIT_INFRA } from '../cli-error';

export const DEFAULT_DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/socklab';

/** prisma/migrations of this checkout, unless SOCKLAB_MIGRATIONS_DIR says otherwise. */
export function migrationsDir(env: NodeJS.ProcessEnv = process.env): string {
  return path.resolve(env['SOCKLAB_MIGRATIONS_DIR'] ?? path.join(__dirname, '../../../../prisma/migrations'));
}

/** @returns the migrations applied by this call. */
export async function prepareDatabase(databaseUrl: string): Promise<string[]> {
  await createDatabaseIfMissing(databaseUrl);
  try {
    return await migrate(databaseUrl, migrationsDir());
  } catch (error) {
    throw new CliError(
      'cli/database-unavailable',
      `cannot migrate ${redact(databaseUrl)}: ${error instanceof Error ? error.message : String(error)}`,
      EXIT_INFRA,
    );
  }
}

const DATABASE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** CREATE DATABASE on the same server (through its `postgres` database) when absent. */
export async function createDatabaseIfMissing(databaseUrl: string): Promise<boolean> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!DATABASE_NAME.test(name)) {
    throw new CliError(
      'cli/usage',
      `database name "${name}" in ${redact(databaseUrl)}: use letters, digits and _`,
    );
  }
  url.pathname = '/postgres';
  const client = new Client({ connectionString: url.toString() });
  try {
    await client.connect();
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount !== 0) return false;
    await client.query(`CREATE DATABASE "${name}"`);
    return true;
  } catch (error) {
    // 42P04 duplicate_database: another start-up created it first.
    if ((error as { code?: string }).code === '42P04') return false;
    throw new CliError(
      'cli/database-unavailable',
      `PostgreSQL at ${redact(databaseUrl)} is not usable: ${error instanceof Error ? error.message : String(error)}`,
      EXIT_INFRA,
    );
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** The URL without its password, for messages. */
export function redact(databaseUrl: string): string {
  try {
    const url = new URL(databaseUrl);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return '(unparseable URL)';
  }
}
