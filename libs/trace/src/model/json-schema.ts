import { z } from 'zod';
import { traceSchema } from './trace-schema';

/** The published JSON Schema (draft 2020-12) of trace.json, generated from the zod schema. */
export function traceJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(traceSchema, { target: 'draft-2020-12' }) as Record<string, unknown>;
  return { $id: 'https://socklab.dev/schemas/trace.schema.json', title: 'socklab trace.json', ...schema };
}

/** The exact text written to libs/trace/schema/trace.schema.json. */
export function traceJsonSchemaText(): string {
  return `${JSON.stringify(traceJsonSchema(), null, 2)}\n`;
}
