import { Client } from 'pg';

import type { DbShape, TableShape } from './db-shape';

const REFERENTIAL_ACTIONS: Record<string, string> = { a: 'NO ACTION', r: 'RESTRICT', c: 'CASCADE', n: 'SET NULL', d: 'SET DEFAULT' };

/** Reads the `public` schema of a database from pg_catalog (Prisma's bookkeeping table excluded). */
export async function introspect(databaseUrl: string): Promise<DbShape> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const shape: DbShape = { enums: {}, tables: {} };

    const enums = await client.query<{ name: string; values: string[] }>(`
      SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS values
        FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
       WHERE n.nspname = 'public' GROUP BY t.typname`);
    for (const row of enums.rows) shape.enums[row.name] = row.values;

    const columns = await client.query<{ table: string; column: string; type: string; nullable: boolean; default: string | null }>(`
      SELECT c.relname AS table, a.attname AS column, NOT a.attnotnull AS nullable,
             pg_get_expr(d.adbin, d.adrelid) AS default,
             CASE WHEN t.typtype = 'e' THEN 'enum:' || t.typname
                  WHEN et.typtype = 'e' THEN 'enum:' || et.typname || '[]'
                  ELSE format_type(a.atttypid, a.atttypmod) END AS type
        FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace
        JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
        JOIN pg_type t ON t.oid = a.atttypid
        LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
        LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
       WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname <> '_prisma_migrations'
       ORDER BY c.relname, a.attnum`);
    const table = (name: string): TableShape =>
      (shape.tables[name] ??= { columns: {}, primaryKey: null, indexes: {}, foreignKeys: {} });
    for (const row of columns.rows) {
      table(row.table).columns[row.column] = { type: row.type, nullable: row.nullable, default: row.default };
    }

    const indexes = await client.query<{ table: string; name: string; unique: boolean; primary: boolean; columns: string[] }>(`
      SELECT t.relname AS table, i.relname AS name, x.indisunique AS unique, x.indisprimary AS primary,
             array(SELECT a.attname FROM unnest(x.indkey) WITH ORDINALITY k(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns
        FROM pg_index x
        JOIN pg_class t ON t.oid = x.indrelid
        JOIN pg_class i ON i.oid = x.indexrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE n.nspname = 'public' AND t.relname <> '_prisma_migrations'`);
    for (const row of indexes.rows) {
      if (row.primary) table(row.table).primaryKey = { name: row.name, columns: row.columns };
      else table(row.table).indexes[row.name] = { unique: row.unique, columns: row.columns };
    }

    const fks = await client.query<{ table: string; name: string; columns: string[]; refTable: string; refColumns: string[]; del: string; upd: string }>(`
      SELECT t.relname AS table, con.conname AS name, r.relname AS "refTable",
             con.confdeltype AS del, con.confupdtype AS upd,
             array(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS columns,
             array(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)::text[] AS "refColumns"
        FROM pg_constraint con
        JOIN pg_class t ON t.oid = con.conrelid
        JOIN pg_class r ON r.oid = con.confrelid
        JOIN pg_namespace n ON n.oid = t.relnamespace
       WHERE con.contype = 'f' AND n.nspname = 'public'`);
    for (const row of fks.rows) {
      table(row.table).foreignKeys[row.name] = {
        columns: row.columns,
        referencedTable: row.refTable,
        referencedColumns: row.refColumns,
        onDelete: REFERENTIAL_ACTIONS[row.del] ?? row.del,
        onUpdate: REFERENTIAL_ACTIONS[row.upd] ?? row.upd,
      };
    }
    return shape;
  } finally {
    await client.end();
  }
}
