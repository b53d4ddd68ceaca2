/**
 * Parser for a tracefs event `format` file (Documentation/trace/events.rst §"Event formats"):
 * the binary layout of one event's record, which differs between kernel versions, so it is
 * always read from the running kernel rather than hard-coded.
 */
import { TraceError } from '../errors';

export interface EventField {
  name: string;
  /** C type as printed, e.g. '__u16', 'const void *', '__u8' (element type for arrays). */
  type: string;
  offset: number;
  size: number;
  signed: boolean;
  /** Element count for `type name[N]` fields. */
  arrayLength?: number;
}

export interface EventFormat {
  system: string;
  name: string;
  id: number;
  fields: ReadonlyMap<string, EventField>;
  /** `__print_symbolic(REC->field, {value, "NAME"}, …)` tables of the print fmt, by field name. */
  symbols: ReadonlyMap<string, ReadonlyMap<number, string>>;
}

const FIELD_LINE = /^\s*field:(.+?);\s*offset:(\d+);\s*size:(\d+);\s*signed:(\d);/;

export function parseEventFormat(system: string, text: string): EventFormat {
  const name = /^name:\s*(\S+)/m.exec(text)?.[1];
  const id = /^ID:\s*(\d+)/m.exec(text)?.[1];
  if (!name || !id) {
    throw new TraceError('trace/event-format-invalid', `tracefs format for ${system} lacks name/ID lines`);
  }
  const fields = new Map<string, EventField>();
  for (const line of text.split('\n')) {
    const m = FIELD_LINE.exec(line);
    if (!m) continue;
    const decl = m[1].trim();
    const array = /^(.*?)\s*([A-Za-z_]\w*)\[(\d+)\]$/.exec(decl);
    const plain = /^(.*?\**)\s*([A-Za-z_]\w*)$/.exec(decl);
    const field: EventField = {
      name: array ? array[2] : (plain?.[2] ?? decl),
      type: (array ? array[1] : (plain?.[1] ?? '')).trim(),
      offset: Number(m[2]),
      size: Number(m[3]),
      signed: m[4] === '1',
    };
    if (array) field.arrayLength = Number(array[3]);
    fields.set(field.name, field);
  }
  return { system, name, id: Number(id), fields, symbols: parseSymbolTables(text) };
}

/** Only tables with numeric keys are kept; `{ TCP_ESTABLISHED, "…" }` (macro keys) are skipped. */
function parseSymbolTables(text: string): Map<string, Map<number, string>> {
  const tables = new Map<string, Map<number, string>>();
  const table = /__print_symbolic\(REC->(\w+),((?:\s*\{\s*[^}]*\}\s*,?)+)\)/g;
  for (const m of text.matchAll(table)) {
    const entries = new Map<number, string>();
    for (const e of m[2].matchAll(/\{\s*(-?\d+)\s*,\s*"([^"]*)"\s*\}/g)) entries.set(Number(e[1]), e[2]);
    if (entries.size > 0 && !tables.has(m[1])) tables.set(m[1], entries);
  }
  return tables;
}

export function requireField(format: EventFormat, name: string): EventField {
  const field = format.fields.get(name);
  if (!field) {
    throw new TraceError(
      'trace/event-format-invalid',
      `${format.system}/${format.name} has no field '${name}' on this kernel; update kernel/decode.ts`,
    );
  }
  return field;
}

/** Reads an integer field (1, 2, 4 or 8 bytes, host little-endian as the ring buffer stores it). */
export function readIntField(record: Buffer, field: EventField): bigint {
  const at = field.offset;
  switch (field.size) {
    case 1:
      return BigInt(field.signed ? record.readInt8(at) : record.readUInt8(at));
    case 2:
      return BigInt(field.signed ? record.readInt16LE(at) : record.readUInt16LE(at));
    case 4:
      return BigInt(field.signed ? record.readInt32LE(at) : record.readUInt32LE(at));
    case 8:
      return field.signed ? record.readBigInt64LE(at) : record.readBigUInt64LE(at);
    default:
      throw new TraceError(
        'trace/event-format-invalid',
        `field ${field.name} has non-integer size ${field.size}`,
      );
  }
}

export function readSmallInt(record: Buffer, field: EventField): number {
  return Number(readIntField(record, field));
}

export function fieldBytes(record: Buffer, field: EventField): Buffer {
  return record.subarray(field.offset, field.offset + field.size);
}
