// Regenerates libs/trace/schema/trace.schema.json from the zod model.
// Run: node -r @swc-node/register libs/trace/scripts/write-schema.ts
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { traceJsonSchemaText } from '../src/model/json-schema';

const target = join(__dirname, '..', 'schema', 'trace.schema.json');
writeFileSync(target, traceJsonSchemaText());
console.log(`wrote ${target}`);
