import { readFileSync } from 'node:fs';
import { JSON_SCHEMA_PATH } from '../../scripts/write-json-schema';
import { exerciseJsonSchema } from './json-schema';

describe('exercise JSON Schema', () => {
  // Compared as data: the file's layout is prettier's (checked by prettier --check).
  it('the committed schema/exercise.schema.json is the generated one (regenerate with scripts/write-json-schema.ts)', () => {
    expect(JSON.parse(readFileSync(JSON_SCHEMA_PATH, 'utf8'))).toEqual(exerciseJsonSchema());
  });

  it('describes the input side: closed objects, defaults optional, exactly-one rules as oneOf', () => {
    const schema = exerciseJsonSchema() as {
      $id: string;
      required: string[];
      additionalProperties: boolean;
      $defs: Record<string, { oneOf?: Array<{ required: string[] }>; additionalProperties?: boolean }>;
    };
    expect(schema.$id).toBe('https://socklab.dev/schemas/exercise.v1.json');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual([
      'apiVersion',
      'kind',
      'metadata',
      'languages',
      'hosts',
      'scenarios',
      'checks',
    ]);
    expect(Object.keys(schema.$defs)).toEqual(
      expect.arrayContaining([
        'Step',
        'Check',
        'Trigger',
        'TimelineEvent',
        'PacketPattern',
        'Impairment',
        'Scenario',
      ]),
    );
    expect(schema.$defs.Step.oneOf?.map((option) => option.required[0])).toEqual(
      expect.arrayContaining(['connect', 'send', 'puppet', 'parallel', 'repeat', 'restart']),
    );
    expect(schema.$defs.Check.oneOf).toHaveLength(7);
    expect(schema.$defs.Check.additionalProperties).toBe(false);
  });
});
