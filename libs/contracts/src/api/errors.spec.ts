import { errorEnvelope, ErrorEnvelopeSchema } from './errors';

describe('error envelope', () => {
  it('builds envelopes that satisfy the schema, with details only when given', () => {
    expect(errorEnvelope('run/not-found', 'No run 42 in this tenant.')).toEqual({ error: { code: 'run/not-found', message: 'No run 42 in this tenant.' } });
    const withDetails = errorEnvelope('submission/invalid', 'Bad body.', [{ path: 'files' }]);
    expect(ErrorEnvelopeSchema.parse(withDetails)).toEqual(withDetails);
  });

  it('rejects codes that are not "area/what-happened" at error.code', () => {
    const result = ErrorEnvelopeSchema.safeParse({ error: { code: 'NOT_FOUND', message: 'x' } });
    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['error.code']);
  });
});
