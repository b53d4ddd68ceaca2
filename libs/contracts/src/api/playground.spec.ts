import { CreatePlaygroundRunRequestSchema } from './playground';

const issues = (input: unknown) => {
  const result = CreatePlaygroundRunRequestSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('CreatePlaygroundRunRequest', () => {
  it('is a submission with a preset id', () => {
    const body = {
      presetId: 'echo-server',
      language: 'c',
      files: [{ name: 'main.c', content: 'int main(){}' }],
    };
    expect(CreatePlaygroundRunRequestSchema.parse(body)).toEqual(body);
  });

  it('applies the submission’s file rules and requires the preset id', () => {
    expect(issues({ language: 'c', files: [{ name: '../main.c', content: '' }] }).sort()).toEqual([
      'files.0.name',
      'presetId',
    ]);
  });
});
