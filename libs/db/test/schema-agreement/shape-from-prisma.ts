import type { DbShape, ForeignKeyShape, TableShape } from './db-shape';
import type { Datamodel, DmmfField, DmmfModel } from './prisma-dmmf';

/**
 * The database shape Prisma Migrate would create for a datamodel, following Prisma's
 * PostgreSQL conventions: table/column names from @@map/@map, constraint names
 * `<Table>_pkey`, `<Table>_<cols>_key`, `<Table>_<cols>_idx`, `<Table>_<cols>_fkey`,
 * referential defaults onDelete Restrict (required) / SetNull (optional), onUpdate
 * Cascade. Anything this file does not know throws, so a new kind of attribute in
 * schema.prisma makes the agreement test fail until it is taught here.
 */
export function shapeFromPrisma(datamodel: Datamodel): DbShape {
  const shape: DbShape = { enums: {}, tables: {} };
  for (const e of datamodel.enums) shape.enums[e.dbName ?? e.name] = e.values.map((v) => v.dbName ?? v.name);

  const models = new Map(datamodel.models.map((m) => [m.name, m]));
  const enumDbNames = new Map(datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));

  for (const model of datamodel.models) {
    const tableName = model.dbName ?? model.name;
    const column = (fieldName: string) => columnName(model, fieldName);
    const table: TableShape = { columns: {}, primaryKey: null, indexes: {}, foreignKeys: {} };

    for (const field of model.fields) {
      if (field.kind === 'object') continue;
      if (field.kind === 'unsupported') throw unknown(model, field, 'Unsupported(...) type');
      const type = field.kind === 'enum' ? `enum:${enumDbNames.get(field.type)}` : scalarType(model, field);
      table.columns[field.dbName ?? field.name] = {
        type: field.isList ? `${type}[]` : type,
        nullable: !field.isRequired || field.isList,
        default: defaultExpression(model, field, tableName, enumDbNames),
      };
    }

    const idFields = model.primaryKey?.fields ?? model.fields.filter((f) => f.isId).map((f) => f.name);
    if (idFields.length > 0) table.primaryKey = { name: constraintName(tableName, [], 'pkey'), columns: idFields.map(column) };

    for (const index of datamodel.indexes.filter((i) => i.model === model.name)) {
      if (index.type === 'id') continue;
      if (index.type === 'fulltext') throw unknown(model, undefined, 'fulltext index');
      const columns = index.fields.map((f) => column(f.name));
      const unique = index.type === 'unique';
      table.indexes[index.dbName ?? constraintName(tableName, columns, unique ? 'key' : 'idx')] = { unique, columns };
    }

    for (const field of model.fields) {
      if (field.kind !== 'object' || !field.relationFromFields?.length) continue;
      const target = models.get(field.type)!;
      const columns = field.relationFromFields.map(column);
      const allRequired = field.relationFromFields.every((name) => model.fields.find((f) => f.name === name)!.isRequired);
      const fk: ForeignKeyShape = {
        columns,
        referencedTable: target.dbName ?? target.name,
        referencedColumns: (field.relationToFields ?? []).map((name) => columnName(target, name)),
        onDelete: sqlAction(field.relationOnDelete ?? (allRequired ? 'Restrict' : 'SetNull')),
        onUpdate: sqlAction(field.relationOnUpdate ?? 'Cascade'),
      };
      table.foreignKeys[constraintName(tableName, columns, 'fkey')] = fk;
    }
    shape.tables[tableName] = table;
  }
  return shape;
}

function columnName(model: DmmfModel, fieldName: string): string {
  const field = model.fields.find((f) => f.name === fieldName);
  if (!field) throw new Error(`${model.name} has no field ${fieldName}`);
  return field.dbName ?? field.name;
}

/** PostgreSQL identifiers are at most 63 bytes; Prisma would truncate, we refuse. */
function constraintName(table: string, columns: string[], suffix: string): string {
  const name = [table, ...columns, suffix].join('_');
  if (Buffer.byteLength(name) > 63) {
    throw new Error(`Constraint name ${name} exceeds PostgreSQL's 63 bytes; give it an explicit map: "..." in schema.prisma.`);
  }
  return name;
}

const SCALAR_TYPES: Record<string, (args: string[]) => string> = {
  'String:': () => 'text',
  'String:Text': () => 'text',
  'String:Uuid': () => 'uuid',
  'String:Char': ([n]) => `character(${n})`,
  'String:VarChar': ([n]) => (n ? `character varying(${n})` : 'character varying'),
  'String:Citext': () => 'citext',
  'Int:': () => 'integer',
  'Int:Integer': () => 'integer',
  'Int:SmallInt': () => 'smallint',
  'BigInt:': () => 'bigint',
  'BigInt:BigInt': () => 'bigint',
  'Float:': () => 'double precision',
  'Float:DoublePrecision': () => 'double precision',
  'Float:Real': () => 'real',
  'Decimal:': () => 'numeric(65,30)',
  'Decimal:Decimal': ([p, s]) => `numeric(${p},${s})`,
  'Boolean:': () => 'boolean',
  'DateTime:': () => 'timestamp(3) without time zone',
  'DateTime:Timestamp': ([p]) => `timestamp(${p ?? 3}) without time zone`,
  'DateTime:Timestamptz': ([p]) => `timestamp(${p ?? 3}) with time zone`,
  'DateTime:Date': () => 'date',
  'Json:': () => 'jsonb',
  'Json:JsonB': () => 'jsonb',
  'Json:Json': () => 'json',
  'Bytes:': () => 'bytea',
};

function scalarType(model: DmmfModel, field: DmmfField): string {
  const [native, args] = field.nativeType ?? ['', []];
  const map = SCALAR_TYPES[`${field.type}:${native}`];
  if (!map) throw unknown(model, field, `type ${field.type}${native ? ` @db.${native}` : ''}`);
  return map(args);
}

/** Defaults Prisma Client fills in itself leave the column without a database default. */
const CLIENT_SIDE_DEFAULTS = new Set(['uuid', 'cuid', 'nanoid', 'ulid']);

function defaultExpression(model: DmmfModel, field: DmmfField, table: string, enums: Map<string, string>): string | null {
  if (!field.hasDefaultValue || field.isUpdatedAt) return null;
  const value = field.default;
  if (value !== null && typeof value === 'object' && 'name' in value) {
    const fn = value as { name: string; args: unknown[] };
    if (CLIENT_SIDE_DEFAULTS.has(fn.name)) return null;
    if (fn.name === 'now') return 'CURRENT_TIMESTAMP';
    if (fn.name === 'dbgenerated' && typeof fn.args[0] === 'string') return fn.args[0];
    if (fn.name === 'autoincrement') return `nextval('"${table}_${field.dbName ?? field.name}_seq"'::regclass)`;
    throw unknown(model, field, `default ${fn.name}()`);
  }
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return String(value);
  if (typeof value === 'string' && field.kind === 'enum') return `'${value}'::${quoteIdent(enums.get(field.type)!)}`;
  if (typeof value === 'string' && field.type === 'String') return `'${value.replace(/'/g, "''")}'::text`;
  throw unknown(model, field, `default ${JSON.stringify(value)}`);
}

function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

const ACTIONS: Record<string, string> = { Cascade: 'CASCADE', Restrict: 'RESTRICT', NoAction: 'NO ACTION', SetNull: 'SET NULL', SetDefault: 'SET DEFAULT' };

function sqlAction(action: string): string {
  const sql = ACTIONS[action];
  if (!sql) throw new Error(`Unknown referential action ${action}`);
  return sql;
}

function unknown(model: DmmfModel, field: DmmfField | undefined, what: string): Error {
  return new Error(
    `${model.name}${field ? `.${field.name}` : ''}: the schema agreement check does not know how Prisma maps ${what} to PostgreSQL; ` +
      'teach libs/db/test/schema-agreement/shape-from-prisma.ts.',
  );
}
