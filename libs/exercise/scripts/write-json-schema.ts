// Regenerates libs/exercise/schema/exercise.schema.json from the zod schema.
//   node -r @swc-node/register libs/exercise/scripts/write-json-schema.ts
// A test fails while the committed file's content differs from the generated schema; the
// file is formatted with the workspace's prettier settings so `prettier --check` agrees.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exerciseJsonSchema } from '../src/schema/json-schema';

export const JSON_SCHEMA_PATH = join(__dirname, '..', 'schema', 'exercise.schema.json');

export async function renderJsonSchema(): Promise<string> {
  // Loaded here, not at the top: prettier cannot be loaded inside Jest, which imports JSON_SCHEMA_PATH.
  const { format, resolveConfig } = await import('prettier');
  const options = (await resolveConfig(JSON_SCHEMA_PATH)) ?? {};
  return format(JSON.stringify(exerciseJsonSchema()), { ...options, parser: 'json' });
}

if (require.main === module) {
  renderJsonSchema().then((text) => {
    writeFileSync(JSON_SCHEMA_PATH, text);
    console.log(`wrote ${JSON_SCHEMA_PATH}`);
  });
}
