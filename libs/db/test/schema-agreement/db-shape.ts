/**
 * The comparable shape of a PostgreSQL schema: what both schema.prisma (via Prisma's
 * naming and type conventions) and the migrated database (via the catalogs) are
 * reduced to before comparison. Triggers, functions and CHECK constraints are outside
 * it: schema.prisma cannot express them, so migrations may add them freely.
 */
export interface ColumnShape {
  /** As PostgreSQL's format_type() prints it, e.g. "timestamp(3) with time zone"; enums as "enum:Name". */
  type: string;
  nullable: boolean;
  /** Default expression as pg_get_expr() prints it; null when the column has none. */
  default: string | null;
}

export interface IndexShape {
  unique: boolean;
  columns: string[];
}

export interface ForeignKeyShape {
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  /** SQL spelling: "CASCADE", "RESTRICT", "NO ACTION", "SET NULL", "SET DEFAULT". */
  onDelete: string;
  onUpdate: string;
}

export interface TableShape {
  columns: Record<string, ColumnShape>;
  primaryKey: { name: string; columns: string[] } | null;
  /** Keyed by index name; the primary key's index is not listed. */
  indexes: Record<string, IndexShape>;
  /** Keyed by constraint name. */
  foreignKeys: Record<string, ForeignKeyShape>;
}

export interface DbShape {
  enums: Record<string, string[]>;
  tables: Record<string, TableShape>;
}

/**
 * Lists every difference as one readable line ("Run.columns.score.type: schema.prisma
 * says …, the migrations produce …"); an empty list means the two agree.
 */
export function diffShapes(fromSchema: DbShape, fromMigrations: DbShape): string[] {
  const a = flatten(fromSchema);
  const b = flatten(fromMigrations);
  const diffs: string[] = [];
  for (const key of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const left = a.get(key);
    const right = b.get(key);
    if (left === right) continue;
    if (right === undefined) diffs.push(`${key}: in schema.prisma (${left}) but not produced by the migrations`);
    else if (left === undefined) diffs.push(`${key}: produced by the migrations (${right}) but not in schema.prisma`);
    else diffs.push(`${key}: schema.prisma says ${left}, the migrations produce ${right}`);
  }
  return diffs;
}

function flatten(shape: DbShape): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, values] of Object.entries(shape.enums)) out.set(`enum ${name}`, JSON.stringify(values));
  for (const [table, t] of Object.entries(shape.tables)) {
    out.set(`table ${table}`, 'exists');
    for (const [column, c] of Object.entries(t.columns)) out.set(`${table}.columns.${column}`, JSON.stringify(c));
    out.set(`${table}.primaryKey`, JSON.stringify(t.primaryKey));
    for (const [name, index] of Object.entries(t.indexes)) out.set(`${table}.indexes.${name}`, JSON.stringify(index));
    for (const [name, fk] of Object.entries(t.foreignKeys)) out.set(`${table}.foreignKeys.${name}`, JSON.stringify(fk));
  }
  return out;
}
