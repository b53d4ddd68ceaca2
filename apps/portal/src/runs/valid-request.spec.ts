import { CreatePlaygroundRunRequestSchema } from '@socklab/contracts';
import { validRequest } from './valid-request';

describe('validRequest', () => {
  it('returns what the schema accepts and names the first problem of what it refuses', () => {
    const body = { presetId: 'echo-server', language: 'c', files: [{ name: 'main.c', content: 'x' }] };
    expect(validRequest(CreatePlaygroundRunRequestSchema, body, 'Cannot run')).toEqual(body);
    expect(() =>
      validRequest(
        CreatePlaygroundRunRequestSchema,
        { ...body, files: [{ name: '.hidden', content: '' }] },
        'Cannot run',
      ),
    ).toThrow(/^Cannot run: files\.0\.name: file names are flat/);
  });
});
