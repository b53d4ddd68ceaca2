/**
 * schema.prisma and prisma/migrations must describe the same database: Prisma Client is
 * generated from the former, production runs the latter. With no schema engine to diff
 * them, this test builds a database from the migrations, reads it back from pg_catalog,
 * and compares it with the shape Prisma's conventions derive from schema.prisma (parsed
 * by Prisma's own parser).
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { migrate } from '../../src/migrator';
import { createTestDatabase, REPO_MIGRATIONS_DIR, type TestDatabase } from '../../src/testing/test-database';
import { diffShapes, type DbShape } from './db-shape';
import { introspect } from './introspect';
import { getDatamodel } from './prisma-dmmf';
import { shapeFromPrisma } from './shape-from-prisma';

const SCHEMA_FILE = path.resolve(REPO_MIGRATIONS_DIR, '..', 'schema.prisma');
const schemaText = readFileSync(SCHEMA_FILE, 'utf8');
const shapeOf = (prismaSchema: string): DbShape => shapeFromPrisma(getDatamodel(prismaSchema));

/** Returns `text` with `search` replaced once, failing if the fixture edit did not apply. */
function edit(text: string, search: string | RegExp, replacement: string): string {
  const result = text.replace(search, replacement);
  if (result === text) throw new Error(`fixture edit did not apply: ${String(search)}`);
  return result;
}

describe('schema.prisma ⇔ prisma/migrations', () => {
  let db: TestDatabase;
  let migrated: DbShape;

  beforeAll(async () => {
    db = await createTestDatabase();
    migrated = await introspect(db.url);
  });
  afterAll(async () => {
    await db?.drop();
  });

  it('agree on every table, column, type, default, key, index, foreign key and enum', () => {
    expect(diffShapes(shapeOf(schemaText), migrated)).toEqual([]);
  });

  it('cover the whole schema (guards the comparison itself against reading nothing)', () => {
    expect(Object.keys(migrated.tables).sort()).toEqual(
      ['ApiToken', 'Artifact', 'Assignment', 'AuditEntry', 'Course', 'Enrollment', 'Exercise', 'ExerciseVersion', 'Membership', 'OutboxMessage', 'Run', 'SelfTest', 'Submission', 'Tenant', 'User'],
    );
    expect(migrated.tables['Run']!.foreignKeys['Run_tenantId_submissionId_fkey']).toEqual({
      columns: ['tenantId', 'submissionId'],
      referencedTable: 'Submission',
      referencedColumns: ['tenantId', 'id'],
      onDelete: 'CASCADE',
      onUpdate: 'CASCADE',
    });
    expect(migrated.enums['RunStatus']).toEqual(['queued', 'building', 'running', 'grading', 'done', 'failed', 'cancelled']);
  });

  describe('detect drift (negative tests on modified copies)', () => {
    it('a field added to schema.prisma only', () => {
      const drifted = edit(schemaText, /(model Run \{\n)/, '$1  priority Int @default(0)\n');
      expect(diffShapes(shapeOf(drifted), migrated)).toEqual([
        'Run.columns.priority: in schema.prisma ({"type":"integer","nullable":false,"default":"0"}) but not produced by the migrations',
      ]);
    });

    it('a changed type, nullability, default, referential action, index and enum value', () => {
      let drifted = edit(schemaText, 'sha256     String       @db.Char(64)', 'sha256     String       @db.VarChar(64)');
      drifted = edit(drifted, 'runnerId          String?', 'runnerId          String');
      drifted = edit(drifted, 'attempt           Int       @default(1)', 'attempt           Int       @default(2)');
      drifted = edit(drifted, 'references: [tenantId, id], onDelete: Restrict)\n  submissions     Submission[]', 'references: [tenantId, id], onDelete: Cascade)\n  submissions     Submission[]');
      drifted = edit(drifted, '  @@index([tenantId, createdAt])\n}', '  @@index([tenantId, action])\n}');
      drifted = edit(drifted, '  cancelled\n}', '  cancelled\n  expired\n}');
      const diffs = diffShapes(shapeOf(drifted), migrated).map((line) => line.split(':')[0]);
      expect(diffs).toEqual([
        'Artifact.columns.sha256',
        'Assignment.foreignKeys.Assignment_tenantId_exerciseVersionId_fkey',
        'AuditEntry.indexes.AuditEntry_tenantId_action_idx',
        'AuditEntry.indexes.AuditEntry_tenantId_createdAt_idx',
        'Run.columns.attempt',
        'Run.columns.runnerId',
        'enum RunStatus',
      ]);
    });

    it('a column, an index and a dropped foreign key in a new migration only', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'socklab-drift-'));
      const drifted = await createTestDatabase({ migrated: false });
      try {
        cpSync(REPO_MIGRATIONS_DIR, dir, { recursive: true });
        mkdirSync(path.join(dir, '99991231000000_drift'));
        writeFileSync(
          path.join(dir, '99991231000000_drift', 'migration.sql'),
          'ALTER TABLE "Submission" ADD COLUMN "note" TEXT;\n' +
            'CREATE INDEX "Run_runnerId_idx" ON "Run"("runnerId");\n' +
            'ALTER TABLE "Artifact" DROP CONSTRAINT "Artifact_tenantId_runId_fkey";\n',
        );
        await migrate(drifted.url, dir);
        const diffs = diffShapes(shapeOf(schemaText), await introspect(drifted.url));
        expect(diffs).toEqual([
          expect.stringMatching(/^Artifact\.foreignKeys\.Artifact_tenantId_runId_fkey: in schema\.prisma .* but not produced by the migrations$/),
          'Run.indexes.Run_runnerId_idx: produced by the migrations ({"unique":false,"columns":["runnerId"]}) but not in schema.prisma',
          'Submission.columns.note: produced by the migrations ({"type":"text","nullable":true,"default":null}) but not in schema.prisma',
        ]);
      } finally {
        await drifted.drop();
        rmSync(dir, { recursive: true, force: true });
      }
    });
  });
});
