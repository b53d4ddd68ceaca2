import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Client } from 'pg';

import { migrate } from '../migrator';

/** prisma/migrations of this repository (source layout; tests only). */
export const REPO_MIGRATIONS_DIR = path.resolve(__dirname, '../../../../prisma/migrations');

/** Server used to create and drop throwaway databases; override with SOCKLAB_TEST_PG_URL. */
function adminUrl(): string {
  return process.env['SOCKLAB_TEST_PG_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/postgres';
}

export interface TestDatabase {
  readonly url: string;
  readonly name: string;
  /** Drops the database, disconnecting anyone still attached. Idempotent. */
  drop(): Promise<void>;
}

/**
 * Creates a fresh, uniquely named database (`socklab_test_<hex>`) for one test file.
 * With `migrated: true` (the default) the repository's migrations are applied first.
 */
export async function createTestDatabase(options: { migrated?: boolean; migrationsDir?: string } = {}): Promise<TestDatabase> {
  const name = `socklab_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = new URL(adminUrl());
  url.pathname = `/${name}`;
  const database: TestDatabase = {
    url: url.toString(),
    name,
    drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  };
  if (options.migrated ?? true) {
    try {
      await migrate(database.url, options.migrationsDir ?? REPO_MIGRATIONS_DIR);
    } catch (error) {
      await database.drop();
      throw error;
    }
  }
  return database;
}

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: adminUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
