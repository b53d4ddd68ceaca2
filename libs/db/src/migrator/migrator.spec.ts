import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';

import { isDbError } from '../errors';
import { createTestDatabase, REPO_MIGRATIONS_DIR, type TestDatabase } from '../testing/test-database';
import { checksumOf } from './migration-files';
import { migrate, status } from './migrator';

const LOCK = 'provider = "postgresql"\n';

function folder(migrations: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'socklab-migrations-'));
  writeFileSync(path.join(dir, 'migration_lock.toml'), LOCK);
  for (const [name, sql] of Object.entries(migrations)) {
    mkdirSync(path.join(dir, name));
    writeFileSync(path.join(dir, name, 'migration.sql'), sql);
  }
  return dir;
}

async function query<T extends object>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe('migrator', () => {
  let db: TestDatabase;
  const dirs: string[] = [];
  const dir = (m: Record<string, string>) => {
    const d = folder(m);
    dirs.push(d);
    return d;
  };

  beforeEach(async () => {
    db = await createTestDatabase({ migrated: false });
  });
  afterEach(async () => {
    await db.drop();
  });
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('applies pending migrations in name order and records them the way Prisma does', async () => {
    const d = dir({ '002_b': 'ALTER TABLE a ADD COLUMN y int;', '001_a': 'CREATE TABLE a (x int);' });
    expect(await migrate(db.url, d)).toEqual(['001_a', '002_b']);

    const rows = await query<{ migration_name: string; checksum: string; applied_steps_count: number; finished_at: Date | null }>(
      db.url,
      'SELECT migration_name, checksum, applied_steps_count, finished_at FROM "_prisma_migrations" ORDER BY migration_name',
    );
    expect(rows.map((r) => r.migration_name)).toEqual(['001_a', '002_b']);
    expect(rows[0]!.checksum).toBe(checksumOf('CREATE TABLE a (x int);'));
    expect(rows.every((r) => r.applied_steps_count === 1 && r.finished_at instanceof Date)).toBe(true);
    expect(await query(db.url, 'SELECT x, y FROM a')).toEqual([]);
  });

  it('is idempotent and applies only what is new', async () => {
    const first = { '001_a': 'CREATE TABLE a (x int);' };
    expect(await migrate(db.url, dir(first))).toEqual(['001_a']);
    expect(await migrate(db.url, dir(first))).toEqual([]);
    expect(await migrate(db.url, dir({ ...first, '002_b': 'CREATE TABLE b (x int);' }))).toEqual(['002_b']);
  });

  it('refuses to run when an applied migration was edited', async () => {
    await migrate(db.url, dir({ '001_a': 'CREATE TABLE a (x int);' }));
    const edited = dir({ '001_a': 'CREATE TABLE a (x bigint);', '002_b': 'CREATE TABLE b (x int);' });

    await expect(migrate(db.url, edited)).rejects.toMatchObject({ code: 'db/migration-checksum-mismatch', details: { migrations: ['001_a'] } });
    expect((await status(db.url, edited)).checksumMismatches).toEqual(['001_a']);
    expect(await query(db.url, `SELECT to_regclass('b') AS b`)).toEqual([{ b: null }]);
  });

  it('rolls a failing migration back entirely and leaves no record of it', async () => {
    const d = dir({ '001_a': 'CREATE TABLE a (x int);', '002_bad': 'CREATE TABLE b (x int);\nSELECT nope FROM missing;' });
    const error = await migrate(db.url, d).catch((e: unknown) => e);
    expect(isDbError(error, 'db/migration-failed')).toBe(true);
    expect(String((error as Error).message)).toContain('002_bad');

    expect(await query(db.url, `SELECT to_regclass('a') IS NOT NULL AS a, to_regclass('b') IS NOT NULL AS b`)).toEqual([{ a: true, b: false }]);
    expect(await status(db.url, d)).toMatchObject({ applied: ['001_a'], pending: ['002_bad'] });
  });

  it('refuses to continue after an unfinished migration recorded by another tool', async () => {
    const d = dir({ '001_a': 'CREATE TABLE a (x int);' });
    await migrate(db.url, dir({}));
    await query(db.url, `INSERT INTO "_prisma_migrations" (id, checksum, migration_name) VALUES ('x', '${checksumOf('CREATE TABLE a (x int);')}', '001_a')`);
    await expect(migrate(db.url, d)).rejects.toMatchObject({ code: 'db/migration-incomplete' });
  });

  it('lets concurrent start-ups race safely: each migration is applied exactly once', async () => {
    const d = dir({ '001_a': 'CREATE TABLE a (x int);', '002_slow': 'SELECT pg_sleep(0.3); CREATE TABLE b (x int);' });
    const results = await Promise.all([migrate(db.url, d), migrate(db.url, d), migrate(db.url, d)]);
    expect(results.flat().sort()).toEqual(['001_a', '002_slow']);
    expect(await query(db.url, 'SELECT count(*)::int AS n FROM "_prisma_migrations"')).toEqual([{ n: 2 }]);
  });

  it('reports applied, pending and unknown migrations without changing anything', async () => {
    await migrate(db.url, dir({ '000_old': 'SELECT 1;' }));
    const d = dir({ '001_a': 'CREATE TABLE a (x int);' });
    expect(await status(db.url, d)).toEqual({ applied: [], pending: ['001_a'], checksumMismatches: [], incomplete: [], unknownApplied: ['000_old'] });
    expect(await query(db.url, `SELECT to_regclass('a') AS a`)).toEqual([{ a: null }]);
  });

  it('rejects a folder that is not in Prisma layout', async () => {
    const d = dir({ '001_a': 'SELECT 1;' });
    rmSync(path.join(d, 'migration_lock.toml'));
    await expect(migrate(db.url, d)).rejects.toMatchObject({ code: 'db/migrations-dir-invalid' });
    const noSql = dir({});
    mkdirSync(path.join(noSql, '001_empty'));
    await expect(status(db.url, noSql)).rejects.toMatchObject({ code: 'db/migrations-dir-invalid' });
  });

  it('applies the repository migrations to an empty database', async () => {
    const applied = await migrate(db.url, REPO_MIGRATIONS_DIR);
    expect(applied.length).toBeGreaterThan(0);
    expect((await status(db.url, REPO_MIGRATIONS_DIR)).pending).toEqual([]);
  });
});
